package io.koor.gitops.lab;

/** A lab step that failed: which program or step, and what it said. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
