package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a tree into a directory as one transaction. New contents are staged beside the tree,
 * a journal is written, then each file is swapped in by an atomic rename with the old version
 * kept aside. Any failure rolls everything back; an interruption (the process killed) leaves the
 * journal, and the next writer on that directory rolls back before doing anything else. Deleting
 * the journal is the commit point.
 *
 * <p>Only files recorded in {@link Ownership} are replaced or deleted; see {@link TreePlan}.
 */
public final class TreeWriter {
    static final String JOURNAL = ".gitops/transaction";
    private static final String TX_PREFIX = "tx-";

    /** Called before each step that changes the tree; tests inject failures and crashes here. */
    @FunctionalInterface
    interface StepHook {
        void beforeStep(int step) throws IOException;
    }

    public record Result(int created, int updated, int deleted, int unchanged, boolean recovered) {
    }

    private final Path root;
    private final StepHook hook;

    public TreeWriter(Path root) {
        this(root, step -> { });
    }

    TreeWriter(Path root, StepHook hook) {
        this.root = root.toAbsolutePath().normalize();
        this.hook = hook;
    }

    /** Rolls back a transaction an earlier, interrupted run left behind. True if there was one. */
    public boolean recover() throws IOException {
        Path journal = root.resolve(JOURNAL);
        boolean found = Files.exists(journal);
        if (found) {
            List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
            Path tx = root.resolve(".gitops").resolve(lines.get(0));
            List<String> ops = lines.subList(1, lines.size());
            rollback(tx, ops, ops.size());
            Files.delete(journal);
        }
        removeLeftoverTransactions();
        return found;
    }

    public Result write(GitOpsTree tree, boolean force) throws IOException {
        boolean recovered = recover();
        TreePlan plan = TreePlan.compute(root, tree, force);
        if (!plan.conflicts().isEmpty()) {
            throw new TreeConflictException(plan.conflicts());
        }
        int created = count(plan, TreePlan.Kind.CREATE);
        int updated = count(plan, TreePlan.Kind.UPDATE);
        int deleted = count(plan, TreePlan.Kind.DELETE);
        int unchanged = tree.size() - created - updated;
        if (plan.changes().isEmpty() && !plan.ownershipChanged()) {
            return new Result(0, 0, 0, unchanged, recovered);
        }

        Path tx = root.resolve(".gitops").resolve(TX_PREFIX + UUID.randomUUID());
        List<String> ops = new ArrayList<>();
        for (TreePlan.Change change : plan.changes()) {
            ops.add(change.kind().name() + " " + change.path());
            if (change.kind() != TreePlan.Kind.DELETE) {
                writeDurably(change.path().resolveAgainst(tx.resolve("new")), tree.bytes(change.path()));
            }
        }
        ops.add("OWNERSHIP " + Ownership.FILE);
        writeDurably(tx.resolve("new").resolve(Ownership.FILE), plan.next().text().getBytes(StandardCharsets.UTF_8));

        List<String> journal = new ArrayList<>();
        journal.add(tx.getFileName().toString());
        journal.addAll(ops);
        Path journalFile = root.resolve(JOURNAL);
        Path journalTmp = tx.resolve("journal");
        writeDurably(journalTmp, (String.join("\n", journal) + "\n").getBytes(StandardCharsets.UTF_8));
        move(journalTmp, journalFile);

        int done = 0;
        try {
            for (String op : ops) {
                hook.beforeStep(done);
                apply(tx, op);
                done++;
            }
            // Before the commit point, so that an interruption here is rolled back like any other step.
            removeEmptiedDirectories(plan.changes().stream().filter(c -> c.kind() == TreePlan.Kind.DELETE)
                    .map(c -> c.path().resolveAgainst(root)).toList());
        } catch (IOException | RuntimeException e) {
            rollback(tx, ops, done + 1);
            Files.deleteIfExists(journalFile);
            deleteRecursively(tx);
            throw new IOException("writing the tree into " + root + " failed and was rolled back; the previous"
                    + " tree is unchanged: " + e.getMessage(), e);
        }
        Files.delete(journalFile); // the commit point
        deleteRecursively(tx);
        return new Result(created, updated, deleted, unchanged, recovered);
    }

    private void apply(Path tx, String op) throws IOException {
        String kind = op.substring(0, op.indexOf(' '));
        String rel = op.substring(op.indexOf(' ') + 1);
        Path target = root.resolve(rel);
        Path backup = tx.resolve("old").resolve(rel);
        if (!kind.equals("CREATE") && Files.exists(target)) {
            Files.createDirectories(backup.getParent());
            move(target, backup);
        }
        if (!kind.equals("DELETE")) {
            Files.createDirectories(target.getParent());
            move(tx.resolve("new").resolve(rel), target);
        }
    }

    /** Undoes the first {@code started} operations, newest first. Safe to run on any prefix. */
    private void rollback(Path tx, List<String> ops, int started) throws IOException {
        for (int i = Math.min(started, ops.size()) - 1; i >= 0; i--) {
            String op = ops.get(i);
            String kind = op.substring(0, op.indexOf(' '));
            String rel = op.substring(op.indexOf(' ') + 1);
            Path target = root.resolve(rel);
            Path backup = tx.resolve("old").resolve(rel);
            if (Files.exists(backup)) {
                Files.createDirectories(target.getParent());
                move(backup, target);
            } else if (!kind.equals("DELETE")) {
                // Nothing was there before this transaction: remove what it put in place, if it got that far.
                boolean wasCreatedHere = kind.equals("CREATE") || kind.equals("OWNERSHIP")
                        && !Files.exists(tx.resolve("new").resolve(rel));
                if (wasCreatedHere && Files.deleteIfExists(target)) {
                    removeEmptiedDirectories(List.of(target));
                }
            }
        }
    }

    private void removeLeftoverTransactions() throws IOException {
        Path dir = root.resolve(".gitops");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, TX_PREFIX + "*")) {
            for (Path leftover : stream) {
                deleteRecursively(leftover);
            }
        }
    }

    /**
     * Removes the directories that removing these files emptied, deepest first, whichever file
     * emptied them. A directory that still holds anything (a hand-written file) stays, and so do its parents.
     */
    private void removeEmptiedDirectories(List<Path> removedFiles) throws IOException {
        SortedSet<Path> deepestFirst = new TreeSet<>(Comparator.reverseOrder());
        for (Path file : removedFiles) {
            for (Path dir = file.getParent(); dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
                deepestFirst.add(dir);
            }
        }
        for (Path dir : deepestFirst) {
            try {
                Files.delete(dir);
            } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                // gone already, or it holds something that stays
            }
        }
    }

    private static int count(TreePlan plan, TreePlan.Kind kind) {
        return (int) plan.changes().stream().filter(c -> c.kind() == kind).count();
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically; the output directory"
                    + " must be on one file system", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
