package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.JsonNode;

/** An error answer of the Hetzner API: the HTTP status, the API's code and message, and its details. */
public final class HcloudException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient JsonNode details;

    public HcloudException(String request, int status, String code, String message, JsonNode details) {
        super(request + " answered " + status + " " + code + ": " + message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }
}
