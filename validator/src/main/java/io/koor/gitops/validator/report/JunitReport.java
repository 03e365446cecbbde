package io.koor.gitops.validator.report;

import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * JUnit XML, the format CI systems show as test results: one test case per file, a failure per
 * error; warnings and notes go to the case's output, so they are visible without failing it.
 */
final class JunitReport {
    private JunitReport() {
    }

    static String render(ValidationReport report) {
        Map<String, List<Violation>> byFile = new TreeMap<>(report.violations().stream()
                .collect(Collectors.groupingBy(v -> v.file().isEmpty() ? "(tree)" : v.file())));
        int failures = (int) byFile.values().stream().filter(vs -> vs.stream().anyMatch(v -> v.severity() == Severity.ERROR))
                .count();
        int tests = Math.max(report.files(), byFile.size());
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuite name=\"gitops validate\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        for (Map.Entry<String, List<Violation>> file : byFile.entrySet()) {
            out.append("  <testcase classname=\"").append(xml(file.getKey())).append("\" name=\"").append(xml(file.getKey()))
                    .append("\">\n");
            StringBuilder info = new StringBuilder();
            for (Violation v : file.getValue()) {
                String line = v.file() + ":" + v.line() + " [" + v.ruleId() + "] " + v.resource() + " " + v.jsonPointer() + ": "
                        + v.message() + (v.hint().isEmpty() ? "" : " (fix: " + v.hint() + ")");
                if (v.severity() == Severity.ERROR) {
                    out.append("    <failure type=\"").append(xml(v.ruleId())).append("\" message=\"").append(xml(v.message()))
                            .append("\">").append(xml(line)).append("</failure>\n");
                } else {
                    info.append(v.severity().name().toLowerCase(java.util.Locale.ROOT)).append(": ").append(line).append('\n');
                }
            }
            if (info.length() > 0) {
                out.append("    <system-out>").append(xml(info.toString())).append("</system-out>\n");
            }
            out.append("  </testcase>\n");
        }
        int passing = tests - byFile.size();
        if (passing > 0) {
            out.append("  <testcase classname=\"gitops\" name=\"").append(passing).append(" other files\"/>\n");
        }
        out.append("</testsuite>\n");
        return out.toString();
    }

    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    } // other control characters are not allowed in XML 1.0
                }
            }
        }
        return out.toString();
    }
}
