package io.koor.gitops.generator.tree;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A relative path inside the generated tree, always with '/' separators. Every segment is a
 * plain file name: no '..', no '.', no absolute paths, no hidden files, so a path can never leave
 * the output directory whatever the definition says. The one exception is {@value #SOPS_CONFIG} at
 * the root, the only name sops looks for its creation rules under.
 */
public record TreePath(String value) implements Comparable<TreePath> {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final String SOPS_CONFIG = ".sops.yaml";

    public TreePath {
        if (value == null || value.isEmpty() || value.length() > 1024) {
            throw new IllegalArgumentException("tree path is empty or too long: '" + value + "'");
        }
        for (String segment : value.split("/", -1)) {
            if (!value.equals(SOPS_CONFIG) && !SEGMENT.matcher(segment).matches() || segment.contains("..")) {
                throw new IllegalArgumentException("'" + value + "' is not a safe tree path: segment '" + segment
                        + "' must start with a letter or digit and hold only letters, digits, '.', '_' and '-'");
            }
        }
    }

    public static TreePath of(String first, String... more) {
        return new TreePath(more.length == 0 ? first : first + "/" + String.join("/", more));
    }

    public List<String> segments() {
        return List.of(value.split("/"));
    }

    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The directory part, or the empty string for a file at the root. */
    public String parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? "" : value.substring(0, slash);
    }

    public Path resolveAgainst(Path root) {
        Path resolved = root.resolve(value).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new IllegalStateException(value + " resolves outside " + root);
        }
        return resolved;
    }

    @Override
    public int compareTo(TreePath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
