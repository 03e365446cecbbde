package io.koor.gitops.validator.report;

import io.koor.gitops.validator.finding.Violation;

/** {@code file:line: severity [rule] resource pointer: message}, the fix under it, then notes and the summary. */
final class TextReport {
    private TextReport() {
    }

    static String render(ValidationReport report) {
        StringBuilder out = new StringBuilder();
        for (Violation v : report.violations()) {
            out.append(v.file().isEmpty() ? "(tree)" : printable(v.file())).append(':').append(v.line()).append(": ")
                    .append(v.severity().name().toLowerCase(java.util.Locale.ROOT)).append(" [").append(v.ruleId())
                    .append("] ").append(printable(v.resource()))
                    .append(v.jsonPointer().isEmpty() ? "" : " " + printable(v.jsonPointer()))
                    .append(": ").append(printable(v.message())).append('\n');
            if (!v.hint().isEmpty()) {
                out.append("    fix: ").append(printable(v.hint())).append('\n');
            }
        }
        for (ValidationReport.Suppressed s : report.suppressed()) {
            out.append("suppressed ").append(printable(s.violation().file())).append(':').append(s.violation().line())
                    .append(" [").append(s.violation().ruleId()).append("]: ").append(printable(s.reason())).append('\n');
        }
        for (String note : report.notes()) {
            out.append("note: ").append(printable(note)).append('\n');
        }
        out.append(report.summary()).append('\n');
        return out.toString();
    }

    /**
     * Findings quote the tree, and a tree can hold any character: control characters (a NUL, a
     * terminal escape) are shown as \\uXXXX instead of reaching the reader's terminal.
     */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                if (out == null) {
                    out = new StringBuilder(text.substring(0, i));
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
