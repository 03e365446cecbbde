package io.koor.gitops.generator.tree;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generated repository content, in memory: relative path to file text, sorted by path.
 * Built completely and checked before anything is written.
 */
public final class GitOpsTree {
    private final SortedMap<TreePath, String> files;

    private GitOpsTree(SortedMap<TreePath, String> files) {
        this.files = Collections.unmodifiableSortedMap(files);
    }

    public static Builder builder() {
        return new Builder();
    }

    public SortedMap<TreePath, String> files() {
        return files;
    }

    public String text(TreePath path) {
        return files.get(path);
    }

    public byte[] bytes(TreePath path) {
        return files.get(path).getBytes(StandardCharsets.UTF_8);
    }

    public int size() {
        return files.size();
    }

    public static final class Builder {
        private final SortedMap<TreePath, String> files = new TreeMap<>();

        /** Adds a file; two components writing the same path is a bug in a layout, so it fails loudly. */
        public Builder add(TreePath path, String text) {
            if (!text.endsWith("\n") || text.contains("\r")) {
                throw new IllegalArgumentException(path + ": generated text must use LF and end with a newline");
            }
            String previous = files.putIfAbsent(path, text);
            if (previous != null) {
                throw new IllegalStateException(path + " is produced twice; give the components distinct names");
            }
            return this;
        }

        public Builder addAll(Map<TreePath, String> more) {
            more.forEach(this::add);
            return this;
        }

        public GitOpsTree build() {
            return new GitOpsTree(new TreeMap<>(files));
        }
    }
}
