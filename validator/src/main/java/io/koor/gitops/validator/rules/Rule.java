package io.koor.gitops.validator.rules;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import java.util.function.BiConsumer;

/**
 * One semantic check: what the catalogue says of it, and the check itself. The severity follows
 * DESIGN.md's policy.
 *
 * @param perCluster whether it runs on each cluster's view (what that cluster gets) rather than on
 *                   every file of the tree
 */
public record Rule(RuleDescriptor descriptor, BiConsumer<TreeIndex, Findings> check, boolean perCluster) {

    /** A rule that judges each object on its own, so it also judges what each kustomization builds. */
    static Rule object(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.OBJECT, doc, hint), check, false);
    }

    /**
     * A rule that compares objects: it needs a whole cluster (one kustomization's output would
     * mislead it), and only what that cluster gets (another cluster's objects, or files nothing
     * applies, would mislead it too).
     */
    static Rule tree(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.TREE, doc, hint), check, true);
    }

    /** A rule about the tree's files themselves (kustomizations, what is applied at all), run once on all of them. */
    static Rule files(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.TREE, doc, hint), check, false);
    }

    public String id() {
        return descriptor.id();
    }

    public Severity severity() {
        return descriptor.severity();
    }
}
