package io.koor.gitops.validator.finding;

import java.util.Locale;

/**
 * What a check is, as the catalogue lists it: a stable id (suppressions and CI dashboards refer to
 * it), the severity its findings have unless the check says otherwise, what it judges, the one
 * line users see in reports and {@code ./gitops rules}, and the usual fix.
 */
public record RuleDescriptor(String id, Severity severity, Scope scope, String doc, String hint) {

    /** What a check looks at; rules of scope OBJECT also judge what each kustomization builds. */
    public enum Scope {
        /** a file as it is read (YAML syntax, limits) */
        FILE,
        /** one object on its own */
        OBJECT,
        /** objects compared across the tree (references, ordering, ownership, Ceph layout) */
        TREE,
        /** another program's verdict (kubectl kustomize, kubeconform, yamllint) */
        TOOL,
        /** the repository's validation settings */
        CONFIG;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RuleDescriptor {
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule id '" + id + "': lower-case words joined by '-'");
        }
    }

    /** A finding of this rule at its own severity. */
    public Violation violation(String resource, String file, int line, String pointer, String message, String hint) {
        return new Violation(id, severity, resource, file, line, pointer, message, hint);
    }

    /** A finding of this rule at a severity the check chose (a tool's own level, a policy setting). */
    public Violation violation(Severity severity, String resource, String file, int line, String pointer, String message,
                               String hint) {
        return new Violation(id, severity, resource, file, line, pointer, message, hint);
    }
}
