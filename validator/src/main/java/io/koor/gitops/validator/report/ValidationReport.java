package io.koor.gitops.validator.report;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.util.List;
import java.util.Map;

/**
 * The result of validating a tree: every finding (none stops the run), the accepted ones with
 * their reasons, what was skipped and why, and the catalogue entries of the rules, for report formats.
 */
public record ValidationReport(String root, int files, int objects, int failedObjects, List<Violation> violations,
                               List<Suppressed> suppressed, List<String> notes, Map<String, RuleDescriptor> rules) {

    public record Suppressed(Violation violation, String reason) {
    }

    public ValidationReport {
        violations = List.copyOf(violations);
        suppressed = List.copyOf(suppressed);
        notes = List.copyOf(notes);
        rules = Map.copyOf(rules);
    }

    public long count(Severity severity) {
        return violations.stream().filter(v -> v.severity() == severity).count();
    }

    /** Whether a finding at {@code failOn} or worse is present (ERROR is worst). */
    public boolean fails(Severity failOn) {
        return violations.stream().anyMatch(v -> v.severity().ordinal() <= failOn.ordinal());
    }

    public String summary() {
        return String.format("%d files, %d objects: %d passed, %d failed; %d errors, %d warnings, %d notes, %d suppressed",
                files, objects, objects - failedObjects, failedObjects, count(Severity.ERROR), count(Severity.WARNING),
                count(Severity.NOTE), suppressed.size());
    }
}
