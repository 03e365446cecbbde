package io.koor.gitops.generator.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers as the API server's Secret endpoints do (GET 200/404, POST 201/409, PUT 200/404, 401 without the token;
 * stringData stored as base64 data; compact JSON) and keeps the Secrets, for the Job scripts' tests. There is no API
 * server on this machine: this checks the scripts' side of the exchange and what they leave behind.
 */
final class SecretsApiStandIn {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Secrets by namespace/name, as the server keeps them (with data, never stringData). */
    final Map<String, ObjectNode> secrets = new TreeMap<>();

    Map.Entry<Integer, String> answer(ScriptHarness.Request r) {
        String[] p = r.path().split("/"); // "", api, v1, namespaces, NS, secrets[, NAME]
        try {
            if (!"Bearer the-token".equals(r.authorization())) {
                return Map.entry(401, "{}");
            }
            String ns = p[4];
            if (r.method().equals("GET")) {
                ObjectNode s = secrets.get(ns + "/" + p[6]);
                return s == null ? Map.entry(404, "{\"kind\":\"Status\",\"code\":404}") : Map.entry(200, JSON.writeValueAsString(s));
            }
            ObjectNode body = (ObjectNode) JSON.readTree(r.body());
            ObjectNode data = body.putObject("data");
            body.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            body.remove("stringData");
            String name = r.method().equals("POST") ? body.at("/metadata/name").asText() : p[6];
            String key = ns + "/" + name;
            if (r.method().equals("POST") && secrets.containsKey(key)) {
                return Map.entry(409, "{\"kind\":\"Status\",\"code\":409}");
            }
            if (r.method().equals("PUT") && !secrets.containsKey(key)) {
                return Map.entry(404, "{}");
            }
            secrets.put(key, body);
            return Map.entry(r.method().equals("POST") ? 201 : 200, JSON.writeValueAsString(body));
        } catch (Exception e) {
            return Map.entry(500, "{}");
        }
    }

    /** A key of a kept Secret's data, decoded. */
    String value(String secret, String key) {
        return new String(Base64.getDecoder().decode(secrets.get(secret).path("data").path(key).asText()),
                StandardCharsets.UTF_8);
    }

    void put(String secret, String key, String value) {
        secrets.get(secret).with("data").put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }
}
