package io.koor.gitops.generator.report;

import io.koor.gitops.generator.schema.Violation;
import io.koor.gitops.generator.validate.ValidationReport;

/** {@code file:line: severity [rule] resource pointer: message}, the fix under it, then notes and the summary. */
final class TextReport {
    private TextReport() {
    }

    static String render(ValidationReport report) {
        StringBuilder out = new StringBuilder();
        for (Violation v : report.violations()) {
            out.append(v.file().isEmpty() ? "(tree)" : v.file()).append(':').append(v.line()).append(": ")
                    .append(v.severity().name().toLowerCase(java.util.Locale.ROOT)).append(" [").append(v.ruleId())
                    .append("] ").append(v.resource()).append(v.jsonPointer().isEmpty() ? "" : " " + v.jsonPointer())
                    .append(": ").append(v.message()).append('\n');
            if (!v.hint().isEmpty()) {
                out.append("    fix: ").append(v.hint()).append('\n');
            }
        }
        for (ValidationReport.Suppressed s : report.suppressed()) {
            out.append("suppressed ").append(s.violation().file()).append(':').append(s.violation().line()).append(" [")
                    .append(s.violation().ruleId()).append("]: ").append(s.reason()).append('\n');
        }
        for (String note : report.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        out.append(report.summary()).append('\n');
        return out.toString();
    }
}
