package io.koor.gitops.model;

/**
 * One thing wrong with a definition: where it is (a model path such as
 * {@code clusters[demo].storage.drivesPerNode}), and a message that gives the value and the fix.
 */
public record Problem(String path, String message) {

    /** The same problem seen from one level up: {@code drivesPerNode} becomes {@code storage.drivesPerNode}. */
    public Problem under(String prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        String joined = path.isEmpty() ? prefix : path.startsWith("[") ? prefix + path : prefix + "." + path;
        return new Problem(joined, message);
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
