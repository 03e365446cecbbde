package io.koor.gitops.validator.report;

import io.koor.gitops.model.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways a validation report is written: for people, for programs, for CI test views, for code scanning. */
public enum ReportFormat {
    TEXT, JSON, JUNIT, SARIF;

    public static ReportFormat parse(String name) {
        for (ReportFormat f : values()) {
            if (f.name().equalsIgnoreCase(String.valueOf(name).strip())) {
                return f;
            }
        }
        throw new ConfigurationException("format", name, "use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
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
