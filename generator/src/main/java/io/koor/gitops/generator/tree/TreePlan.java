package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What writing a tree into a directory would do: which files are created, updated or deleted,
 * and which cannot be touched because they are not the generator's (or were edited by hand).
 * Computed from the disk without changing it; {@code gitops:check} reports it as drift,
 * {@link TreeWriter} carries it out.
 */
public record TreePlan(List<Change> changes, List<Conflict> conflicts, Ownership next, boolean ownershipChanged) {

    public enum Kind { CREATE, UPDATE, DELETE }

    public record Change(TreePath path, Kind kind) {
        @Override
        public String toString() {
            return switch (kind) {
                case CREATE -> path + " is missing";
                case UPDATE -> path + " differs from what the definition generates";
                case DELETE -> path + " is no longer generated (stale)";
            };
        }
    }

    public record Conflict(TreePath path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    public TreePlan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    public boolean isUpToDate() {
        return changes.isEmpty() && conflicts.isEmpty() && !ownershipChanged;
    }

    /**
     * @param force replace or delete generated files even where they were edited by hand
     *              (files the generator never wrote stay protected regardless)
     */
    public static TreePlan compute(Path root, GitOpsTree tree, boolean force) throws IOException {
        Ownership previous = Ownership.read(root);
        List<Change> changes = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        SortedMap<TreePath, String> owned = new TreeMap<>();

        for (TreePath path : tree.files().keySet()) {
            byte[] wanted = tree.bytes(path);
            String wantedHash = Ownership.sha256(wanted);
            owned.put(path, wantedHash);
            Path file = path.resolveAgainst(root);
            blockingAncestor(root, path).ifPresent(a -> conflicts.add(new Conflict(path,
                    a + " is a file where the tree needs a directory; move it away")));
            if (Files.isDirectory(file)) {
                conflicts.add(new Conflict(path, "is a directory where the tree needs a file; move it away"));
            } else if (!Files.exists(file)) {
                changes.add(new Change(path, Kind.CREATE));
            } else {
                String diskHash = Ownership.sha256(Files.readAllBytes(file));
                if (diskHash.equals(wantedHash)) {
                    continue; // already what we want, whoever wrote it
                }
                if (!previous.owns(path)) {
                    conflicts.add(new Conflict(path, "exists and was not written by the generator, so it is never"
                            + " overwritten; move or rename it, or rename the component that generates this path"));
                } else if (!diskHash.equals(previous.hash(path)) && !force) {
                    conflicts.add(new Conflict(path, "was edited by hand since it was generated; move the change"
                            + " into the definition, or regenerate with force to discard it"));
                } else {
                    changes.add(new Change(path, Kind.UPDATE));
                }
            }
        }
        for (TreePath path : previous.hashes().keySet()) {
            if (tree.files().containsKey(path)) {
                continue;
            }
            Path file = path.resolveAgainst(root);
            if (!Files.isRegularFile(file)) {
                continue; // already gone
            }
            String diskHash = Ownership.sha256(Files.readAllBytes(file));
            if (!diskHash.equals(previous.hash(path)) && !force) {
                conflicts.add(new Conflict(path, "is no longer generated but was edited by hand since; delete it"
                        + " yourself, or regenerate with force to delete it"));
            } else {
                changes.add(new Change(path, Kind.DELETE));
            }
        }
        Ownership next = new Ownership(owned);
        Path ownershipFile = root.resolve(Ownership.FILE);
        boolean ownershipChanged = !Files.isRegularFile(ownershipFile)
                || !Arrays.equals(Files.readAllBytes(ownershipFile), next.text().getBytes(StandardCharsets.UTF_8));
        changes.sort(java.util.Comparator.comparing(Change::path));
        return new TreePlan(changes, conflicts, next, ownershipChanged);
    }

    private static java.util.Optional<String> blockingAncestor(Path root, TreePath path) {
        Path current = root;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            current = current.resolve(segments.get(i));
            if (Files.exists(current) && !Files.isDirectory(current)) {
                return java.util.Optional.of(String.join("/", segments.subList(0, i + 1)));
            }
        }
        return java.util.Optional.empty();
    }
}
