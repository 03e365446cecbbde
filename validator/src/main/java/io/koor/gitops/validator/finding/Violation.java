package io.koor.gitops.validator.finding;

/**
 * One finding, as data: what rule, how bad, which object in which file at which line and JSON
 * pointer, what is wrong and how to fix it. Checks collect these; none stops the run.
 */
public record Violation(String ruleId, Severity severity, String resource, String file, int line, String jsonPointer,
                        String message, String hint) {

    /** The same finding at another line of its file (where its JSON pointer is, say). */
    public Violation atLine(int otherLine) {
        return otherLine == line ? this : new Violation(ruleId, severity, resource, file, otherLine, jsonPointer, message, hint);
    }

    /** {@code file:line: severity [rule] resource pointer: message (hint)}, the text a person reads. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + ruleId + "] "
                + resource + (jsonPointer.isEmpty() ? "" : " " + jsonPointer) + ": " + message
                + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
