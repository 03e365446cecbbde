package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a tree into a directory as one transaction, one writer at a time ({@link WriterLock}).
 * New files, and copies of the files they replace, are staged beside the tree; then the
 * {@link Journal} is made durable; then each file is swapped in by an atomic rename, so a file on
 * disk is always either its old or its new version, never missing. Deleting the journal is the
 * commit point. Any failure rolls everything back; an interruption (the process killed) leaves
 * the journal, and the next writer on that directory rolls back before doing anything else.
 *
 * <p>Only files recorded in {@link Ownership} are replaced or deleted; see {@link TreePlan}.
 */
public final class TreeWriter {
    static final String JOURNAL = ".gitops/transaction";
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final String TX_PREFIX = "tx-";
    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");

    /** Called before each step that changes the tree; tests inject failures, crashes and delays here. */
    interface StepHook {
        void beforeStep(int step) throws IOException;

        /** Before each step of a rollback, newest first. */
        default void beforeUndo(int step) throws IOException {
        }
    }

    /**
     * @param recovered an interrupted earlier generate was rolled back first
     * @param warnings  what went wrong after the tree was written (it is written all the same)
     */
    public record Result(int created, int updated, int deleted, int unchanged, boolean recovered, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final Path root;
    private final Path gitops;
    private final StepHook hook;
    private final Duration lockWait;

    public TreeWriter(Path root) {
        this(root, step -> { }, LOCK_WAIT);
    }

    TreeWriter(Path root, StepHook hook, Duration lockWait) {
        this.root = root.toAbsolutePath().normalize();
        this.gitops = this.root.resolve(".gitops");
        this.hook = hook;
        this.lockWait = lockWait;
    }

    /** Rolls back a transaction an earlier, interrupted run left behind. True if there was one. */
    public boolean recover() throws IOException {
        if (!Files.isDirectory(gitops)) {
            return false; // nothing was ever written here, and a writer that starts now recovers itself
        }
        try (WriterLock lock = WriterLock.acquire(root, lockWait)) {
            return recoverLocked();
        }
    }

    /**
     * What to tell the user when an interrupted generate left its transaction pending (the tree is
     * part old, part new until the next generate rolls it back); empty when there is none.
     */
    public Optional<String> pendingTransaction() {
        if (!Files.exists(root.resolve(JOURNAL))) {
            return Optional.empty();
        }
        return Optional.of(JOURNAL + ": a generate was interrupted (or is still running) and its changes are only"
                + " partly applied; run generate again: it first rolls the interrupted one back, then writes the tree");
    }

    public Result write(GitOpsTree tree, boolean force) throws IOException {
        try (WriterLock lock = WriterLock.acquire(root, lockWait)) {
            boolean recovered = recoverLocked();
            TreePlan plan = TreePlan.compute(root, tree, force);
            if (!plan.conflicts().isEmpty()) {
                throw new TreeConflictException(plan.conflicts());
            }
            int created = count(plan, TreePlan.Kind.CREATE);
            int updated = count(plan, TreePlan.Kind.UPDATE);
            int deleted = count(plan, TreePlan.Kind.DELETE);
            int unchanged = tree.size() - created - updated;
            if (plan.changes().isEmpty() && !plan.ownershipChanged()) {
                return new Result(0, 0, 0, unchanged, recovered, List.of());
            }
            List<String> warnings = swap(tree, plan);
            return new Result(created, updated, deleted, unchanged, recovered, warnings);
        }
    }

    private boolean recoverLocked() throws IOException {
        Path journalFile = root.resolve(JOURNAL);
        boolean found = Files.exists(journalFile);
        if (found) {
            rollback(Journal.read(journalFile));
            Files.delete(journalFile);
            syncDirectory(gitops);
        }
        removeLeftoverStaging();
        return found;
    }

    private List<String> swap(GitOpsTree tree, TreePlan plan) throws IOException {
        Path tx = gitops.resolve(TX_PREFIX + UUID.randomUUID());
        Journal journal = stage(tx, tree, plan);
        Path journalFile = root.resolve(JOURNAL);
        writeDurably(tx.resolve("journal"), journal.text().getBytes(StandardCharsets.UTF_8));
        move(tx.resolve("journal"), journalFile);
        syncDirectory(gitops); // the journal is on disk before the tree changes

        try {
            Set<Path> touched = new LinkedHashSet<>();
            int step = 0;
            List<Path> removed = new ArrayList<>();
            for (Journal.Step s : journal.steps()) {
                hook.beforeStep(step++);
                apply(tx, s, touched);
                if (s.kind() == Journal.Kind.DELETE) {
                    removed.add(resolve(s.path()));
                }
            }
            hook.beforeStep(step);
            // Before the commit point, so that an interruption here is rolled back like any other step.
            removeEmptiedDirectories(removed, touched);
            syncDirectories(touched); // every rename is on disk before the commit
            Files.delete(journalFile); // the commit point
        } catch (IOException | RuntimeException e) {
            try {
                rollback(journal);
                Files.deleteIfExists(journalFile);
            } catch (IOException | RuntimeException undo) {
                e.addSuppressed(undo);
                throw new IOException("writing the tree into " + root + " failed (" + FileErrors.describe(e)
                        + ") and so did rolling it back (" + FileErrors.describe(undo) + "); the next generate"
                        + " finishes the rollback from " + journalFile, e);
            }
            deleteQuietly(tx);
            throw new IOException("writing the tree into " + root + " failed and was rolled back; the previous"
                    + " tree is unchanged: " + FileErrors.describe(e), e);
        }
        syncDirectory(gitops);
        return deleteQuietly(tx).map(problem -> List.of("the tree was written, but its staging directory could not"
                + " be removed (" + problem + "); the next generate removes it")).orElse(List.of());
    }

    /** Stages new files and copies of those replaced, and returns the journal; the tree is not touched yet. */
    private Journal stage(Path tx, GitOpsTree tree, TreePlan plan) throws IOException {
        List<Journal.Step> steps = new ArrayList<>();
        SortedSet<String> directories = new TreeSet<>(); // parents sort before their children
        for (TreePlan.Change change : plan.changes()) {
            if (change.kind() == TreePlan.Kind.CREATE) {
                directories.addAll(missingDirectories(change.path()));
            }
        }
        directories.forEach(dir -> steps.add(new Journal.Step(Journal.Kind.MKDIR, dir, null)));
        for (TreePlan.Change change : plan.changes()) {
            String rel = change.path().value();
            switch (change.kind()) {
                case CREATE, UPDATE -> steps.add(stageFile(tx, rel, tree.bytes(change.path())));
                case DELETE -> steps.add(new Journal.Step(Journal.Kind.DELETE, rel, null));
            }
        }
        steps.add(stageFile(tx, Ownership.FILE, plan.next().text().getBytes(StandardCharsets.UTF_8)));
        return new Journal(tx.getFileName().toString(), steps);
    }

    private Journal.Step stageFile(Path tx, String rel, byte[] bytes) throws IOException {
        writeDurably(tx.resolve("new").resolve(rel), bytes);
        Path target = resolve(rel);
        if (!Files.exists(target)) {
            return new Journal.Step(Journal.Kind.CREATE, rel, Ownership.sha256(bytes));
        }
        Path copy = tx.resolve("old").resolve(rel);
        writeDurably(copy, Files.readAllBytes(target));
        Files.setLastModifiedTime(copy, Files.getLastModifiedTime(target)); // a rollback restores it as it was
        return new Journal.Step(Journal.Kind.UPDATE, rel, null);
    }

    private List<String> missingDirectories(TreePath path) throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> segments = path.segments();
        for (int i = 1; i < segments.size(); i++) {
            String dir = String.join("/", segments.subList(0, i));
            if (!Files.isDirectory(resolve(dir))) {
                missing.add(dir);
            }
        }
        return missing;
    }

    private void apply(Path tx, Journal.Step step, Set<Path> touched) throws IOException {
        Path target = resolve(step.path());
        touched.add(target.getParent());
        switch (step.kind()) {
            case MKDIR -> Files.createDirectories(target);
            case CREATE, UPDATE -> move(tx.resolve("new").resolve(step.path()), target);
            case DELETE -> {
                Path aside = tx.resolve("old").resolve(step.path());
                Files.createDirectories(aside.getParent());
                move(target, aside);
                touched.add(aside.getParent());
            }
        }
    }

    /**
     * Undoes every step, newest first. Each undo checks the disk rather than trusting how far the
     * transaction got, so it is right for any prefix and when run again after an interrupted rollback.
     */
    private void rollback(Journal journal) throws IOException {
        Path tx = gitops.resolve(journal.staging());
        Set<Path> touched = new LinkedHashSet<>();
        List<Journal.Step> steps = journal.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            hook.beforeUndo(i);
            Journal.Step step = steps.get(i);
            Path target = resolve(step.path());
            touched.add(target.getParent());
            switch (step.kind()) {
                case MKDIR -> removeIfEmpty(target);
                case CREATE -> {
                    // only what this transaction put there: the user may have created the file meanwhile
                    if (Files.isRegularFile(target)
                            && Ownership.sha256(Files.readAllBytes(target)).equals(step.hash())) {
                        Files.delete(target);
                    }
                }
                case UPDATE, DELETE -> {
                    Path old = tx.resolve("old").resolve(step.path());
                    if (Files.exists(old)) {
                        Files.createDirectories(target.getParent()); // a directory the deletions emptied
                        move(old, target);
                    }
                }
            }
        }
        syncDirectories(touched);
    }

    private void removeLeftoverStaging() throws IOException {
        if (!Files.isDirectory(gitops)) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(gitops, TX_PREFIX + "*")) {
            for (Path leftover : stream) {
                deleteRecursively(leftover);
            }
        }
    }

    /**
     * Removes the directories that removing these files emptied, deepest first, whichever file
     * emptied them. A directory that still holds anything (a hand-written file) stays, and so do its parents.
     */
    private void removeEmptiedDirectories(List<Path> removedFiles, Set<Path> touched) throws IOException {
        SortedSet<Path> deepestFirst = new TreeSet<>(Comparator.reverseOrder());
        for (Path file : removedFiles) {
            for (Path dir = file.getParent(); dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
                deepestFirst.add(dir);
            }
        }
        for (Path dir : deepestFirst) {
            if (removeIfEmpty(dir)) {
                touched.add(dir.getParent());
            }
        }
    }

    private static boolean removeIfEmpty(Path dir) throws IOException {
        try {
            return Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            return false; // it holds something that stays
        }
    }

    /** A path from the journal or the plan, never outside the output directory whatever the journal says. */
    private Path resolve(String rel) throws IOException {
        Path resolved = root.resolve(rel).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IOException(root.resolve(JOURNAL) + ": '" + rel + "' is outside " + root
                    + "; restore the tree from Git (git checkout -- . ), then delete " + root.resolve(JOURNAL));
        }
        return resolved;
    }

    private static int count(TreePlan plan, TreePlan.Kind kind) {
        return (int) plan.changes().stream().filter(c -> c.kind() == kind).count();
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
    }

    private static void syncDirectories(Set<Path> dirs) throws IOException {
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) { // not one that was emptied and removed
                syncDirectory(dir);
            }
        }
    }

    /** Makes the renames in a directory durable. Windows cannot open a directory; NTFS journals them itself. */
    private static void syncDirectory(Path dir) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
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

    /** After the commit or a rollback the staging is garbage, which the next writer removes if this cannot. */
    private static Optional<String> deleteQuietly(Path dir) {
        try {
            deleteRecursively(dir);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(FileErrors.describe(e));
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
