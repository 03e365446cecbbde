package io.koor.gitops.model;

import java.util.List;
import java.util.stream.Collectors;

/** A definition that cannot work. Carries every problem found, not only the first. */
public final class ModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ModelException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ModelException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One problem, for the model's own checks. */
    public static ModelException of(String path, String message) {
        return new ModelException(List.of(new Problem(path, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The same problems with their paths seen from one level up. */
    public ModelException under(String prefix) {
        return new ModelException(problems.stream().map(p -> p.under(prefix)).toList());
    }

    private static String describe(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems in the definition:" + problems.stream()
                .map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
