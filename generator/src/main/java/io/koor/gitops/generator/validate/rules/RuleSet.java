package io.koor.gitops.generator.validate.rules;

import io.koor.gitops.generator.schema.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every semantic rule, and the one place that runs them. */
public final class RuleSet {
    private static final List<Rule> ALL = Stream.of(GitOpsRules.all(), RookRules.all(), CephRules.all(), WorkloadRules.all())
            .flatMap(List::stream).toList();

    private RuleSet() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /**
     * Runs every rule. A rule that throws becomes an error finding (whatever the rule's severity: a
     * check that did not run must not pass), and one bug cannot hide the other rules' findings.
     */
    public static List<Violation> check(TreeIndex index) {
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : ALL) {
            Findings findings = new Findings(rule);
            try {
                rule.check().accept(index, findings);
                violations.addAll(findings.violations());
            } catch (RuntimeException e) {
                violations.add(new Violation(rule.id(), io.koor.gitops.generator.schema.Severity.ERROR, "(validator)", "", 0,
                        "", "rule " + rule.id() + " could not run: " + e, "please report this with the tree that caused it"));
            }
        }
        return violations;
    }
}
