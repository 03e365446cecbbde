package io.koor.gitops.validator.rules;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import java.util.function.BiConsumer;

/**
 * One semantic check: what the catalogue says of it, and the check itself. The severity follows
 * DESIGN.md's policy.
 */
public record Rule(RuleDescriptor descriptor, BiConsumer<TreeIndex, Findings> check) {

    /** A rule that judges each object on its own, so it also judges what each kustomization builds. */
    static Rule object(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.OBJECT, doc, hint), check);
    }

    /** A rule that compares objects: it needs the whole tree (one kustomization's output would mislead it). */
    static Rule tree(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.TREE, doc, hint), check);
    }

    public String id() {
        return descriptor.id();
    }

    public Severity severity() {
        return descriptor.severity();
    }
}
