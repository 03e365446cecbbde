package io.koor.gitops.generator.tree;

import java.util.List;
import java.util.stream.Collectors;

/** The tree cannot be written without touching files that are not the generator's to touch. Nothing was written. */
public final class TreeConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<TreePlan.Conflict> conflicts;

    public TreeConflictException(List<TreePlan.Conflict> conflicts) {
        super(conflicts.size() + " file(s) block the generated tree; nothing was written:" + conflicts.stream()
                .map(c -> "\n  - " + c).collect(Collectors.joining()));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<TreePlan.Conflict> conflicts() {
        return conflicts;
    }
}
