package io.koor.gitops.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects problems while a record is being checked so that the user sees all of them at once.
 * Used by the records' constructors and builders in every model package; not meant for callers.
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void require(boolean ok, String path, String message) {
        if (!ok) {
            found.add(new Problem(path, message));
        }
    }

    /** Runs a parse or a nested build, keeping its problems (under {@code path}) instead of stopping. */
    public <T> T attempt(String path, Supplier<T> part) {
        try {
            return part.get();
        } catch (ModelException e) {
            found.addAll(e.under(path).problems());
            return null;
        }
    }

    /** Parses or builds one part, throwing its problems under {@code path} at once. */
    public static <T> T at(String path, Supplier<T> part) {
        try {
            return part.get();
        } catch (ModelException e) {
            throw e.under(path);
        }
    }

    /** What was found so far. */
    public List<Problem> found() {
        return List.copyOf(found);
    }

    /** Adds problems found elsewhere, seen from {@code prefix}. */
    public void addAll(String prefix, List<Problem> more) {
        more.forEach(p -> found.add(p.under(prefix)));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ModelException(found);
        }
    }
}
