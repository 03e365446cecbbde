package io.koor.gitops.validator.rules;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Every semantic rule, and the one place that runs them. */
public final class RuleSet {
    private static final List<Rule> ALL = Stream.of(GitOpsRules.all(), RookRules.all(), CephClaimOrdering.all(), CephRules.all(),
                    CephStorageClassPools.all(), CephDeviceClassHosts.all(), WorkloadRules.all(),
                    io.koor.gitops.validator.rules.reconcile.ReconcileRules.all())
            .flatMap(List::stream).toList();

    private RuleSet() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    /** The per-object rules only, for the output of one kustomization build. */
    public static List<Violation> checkObjects(TreeIndex index) {
        return runAll(ALL.stream().filter(rule -> rule.descriptor().scope() == RuleDescriptor.Scope.OBJECT).toList(), index);
    }

    private static List<Violation> run(Rule rule, TreeIndex index) {
        Findings findings = new Findings(rule);
        try {
            for (TreeIndex view : rule.perCluster() ? index.clusterViews() : List.of(index)) {
                rule.check().accept(view, findings);
            }
            return findings.violations();
        } catch (RuntimeException e) {
            return List.of(new Violation(rule.id(), Severity.ERROR, "(validator)", "", 0,
                    "", "rule " + rule.id() + " could not run: " + e, "please report this with the tree that caused it"));
        }
    }

    /**
     * Runs every rule. A rule that throws becomes an error finding (whatever the rule's severity: a
     * check that did not run must not pass), and one bug cannot hide the other rules' findings.
     */
    public static List<Violation> check(TreeIndex index) {
        return check(index, id -> true);
    }

    /** Runs the rules whose id {@code selected} accepts, as {@link #check(TreeIndex)} runs them all. */
    public static List<Violation> check(TreeIndex index, Predicate<String> selected) {
        return runAll(ALL.stream().filter(rule -> selected.test(rule.id())).toList(), index);
    }

    /**
     * Rules only read the index, so they share the cores; the findings keep the rules' order, which
     * keeps reports deterministic.
     */
    private static List<Violation> runAll(List<Rule> rules, TreeIndex index) {
        return rules.parallelStream().map(rule -> run(rule, index)).flatMap(List::stream).toList();
    }
}
