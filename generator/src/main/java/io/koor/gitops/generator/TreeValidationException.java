package io.koor.gitops.generator;

import io.koor.gitops.generator.schema.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The generated tree has errors, so it was not written. */
public final class TreeValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Violation> violations;

    public TreeValidationException(List<Violation> violations) {
        super(violations.size() + " error(s) in the generated tree; nothing was written:" + violations.stream()
                .map(v -> "\n  - " + v).collect(Collectors.joining()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
