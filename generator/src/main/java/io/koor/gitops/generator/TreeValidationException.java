package io.koor.gitops.generator;

import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ValidationReport;

/**
 * The generated tree has errors, so nothing was written. Carries the whole report, the same one
 * {@code validate} gives for that tree, for the front end to print in the user's format.
 */
public final class TreeValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationReport report;

    public TreeValidationException(ValidationReport report) {
        super(report.count(Severity.ERROR) + " error(s) in the generated tree; nothing was written: " + report.summary());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
