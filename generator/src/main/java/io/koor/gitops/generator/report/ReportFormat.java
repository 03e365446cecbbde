package io.koor.gitops.generator.report;

import io.koor.gitops.generator.validate.ValidationReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways a validation report is written: for people, for programs, for CI test views, for code scanning. */
public enum ReportFormat {
    TEXT, JSON, JUNIT, SARIF;

    public static ReportFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown report format '" + name + "': use one of "
                    + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), e);
        }
    }

    public String render(ValidationReport report) {
        return switch (this) {
            case TEXT -> TextReport.render(report);
            case JSON -> JsonReport.render(report);
            case JUNIT -> JunitReport.render(report);
            case SARIF -> SarifReport.render(report);
        };
    }
}
