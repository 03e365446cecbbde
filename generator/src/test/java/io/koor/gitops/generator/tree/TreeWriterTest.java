package io.koor.gitops.generator.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeWriterTest {
    @TempDir
    Path root;

    private static GitOpsTree tree(String... pathsAndTexts) {
        GitOpsTree.Builder b = GitOpsTree.builder();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            b.add(new TreePath(pathsAndTexts[i]), pathsAndTexts[i + 1]);
        }
        return b.build();
    }

    private static final GitOpsTree V1 = tree(
            "clusters/demo/apps.yaml", "apps: 1\n",
            "infrastructure/configs/demo/ceph/cephcluster.yaml", "ceph: 1\n",
            "infrastructure/configs/demo/old/pool.yaml", "pool: 1\n");
    private static final GitOpsTree V2 = tree(
            "clusters/demo/apps.yaml", "apps: 2\n",
            "infrastructure/configs/demo/ceph/cephcluster.yaml", "ceph: 1\n",
            "infrastructure/configs/demo/new/pool.yaml", "pool: 2\n");

    private TreeWriter hooked(TreeWriter.StepHook hook) {
        return new TreeWriter(root, hook, TreeWriter.LOCK_WAIT);
    }

    /** Every file under the root, including the ownership record but not the writers' lock, as path -> content. */
    private Map<String, String> snapshot() throws IOException {
        return TreeSnapshot.files(root);
    }

    @Test
    void writesTheTreeAndRecordsWhatItOwns() throws IOException {
        TreeWriter.Result result = new TreeWriter(root).write(V1, false);
        assertThat(result.created()).isEqualTo(3);
        assertThat(Files.readString(root.resolve("clusters/demo/apps.yaml"))).isEqualTo("apps: 1\n");
        assertThat(Ownership.read(root).hashes().keySet()).extracting(TreePath::value).containsExactly(
                "clusters/demo/apps.yaml", "infrastructure/configs/demo/ceph/cephcluster.yaml",
                "infrastructure/configs/demo/old/pool.yaml");
        assertThat(Files.readString(root.resolve(Ownership.FILE))).startsWith(
                Ownership.sha256("apps: 1\n".getBytes(StandardCharsets.UTF_8)) + "  clusters/demo/apps.yaml\n");
    }

    @Test
    void regeneratingIsByteIdenticalAndTouchesNothing() throws IOException {
        new TreeWriter(root).write(V1, false);
        Map<String, String> first = snapshot();
        long modified = Files.getLastModifiedTime(root.resolve("clusters/demo/apps.yaml")).toMillis();
        TreeWriter.Result again = new TreeWriter(root).write(V1, false);
        assertThat(again.created() + again.updated() + again.deleted()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(snapshot()).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(root.resolve("clusters/demo/apps.yaml")).toMillis()).isEqualTo(modified);
    }

    @Test
    void staleGeneratedFilesArePrunedAndTheirEmptyDirectoriesWithThem() throws IOException {
        new TreeWriter(root).write(V1, false);
        TreeWriter.Result result = new TreeWriter(root).write(V2, false);
        assertThat(result).isEqualTo(new TreeWriter.Result(1, 1, 1, 1, false, List.of()));
        assertThat(root.resolve("infrastructure/configs/demo/old")).doesNotExist();
        assertThat(Files.readString(root.resolve("infrastructure/configs/demo/new/pool.yaml"))).isEqualTo("pool: 2\n");
    }

    /** Every directory under the root, to see that removals leave no empty ones behind. */
    private List<String> directories() throws IOException {
        return TreeSnapshot.directories(root);
    }

    @Test
    void removingComponentsOfSeveralFilesRemovesTheirDirectoriesButKeepsHandWrittenFiles() throws IOException {
        GitOpsTree withStorage = tree(
                "clusters/demo/apps.yaml", "apps: 1\n",
                "infrastructure/configs/demo/ceph-filesystems/kustomization.yaml", "k: 1\n",
                "infrastructure/configs/demo/ceph-filesystems/shared/filesystem.yaml", "fs: 1\n",
                "infrastructure/configs/demo/ceph-filesystems/shared/storageclass.yaml", "sc: 1\n",
                "infrastructure/configs/demo/ceph-objectstores/kustomization.yaml", "k: 1\n",
                "infrastructure/configs/demo/ceph-objectstores/store.yaml", "store: 1\n");
        new TreeWriter(root).write(withStorage, false);
        Path mine = root.resolve("infrastructure/configs/demo/ceph-objectstores/mine.yaml");
        Files.writeString(mine, "mine: true\n");

        TreeWriter.Result result = new TreeWriter(root).write(tree("clusters/demo/apps.yaml", "apps: 1\n"), false);

        assertThat(result.deleted()).isEqualTo(5);
        assertThat(Files.readString(mine)).isEqualTo("mine: true\n");
        assertThat(directories()).containsExactly(".gitops", "clusters", "clusters/demo", "infrastructure",
                "infrastructure/configs", "infrastructure/configs/demo", "infrastructure/configs/demo/ceph-objectstores");
    }

    @Test
    void renamingAClusterLeavesNoDirectoryOfTheOldName() throws IOException {
        new TreeWriter(root).write(tree(
                "clusters/demo/apps.yaml", "apps: 1\n",
                "clusters/demo/infrastructure.yaml", "infra: 1\n",
                "infrastructure/configs/demo/ceph/cephcluster.yaml", "ceph: 1\n",
                "infrastructure/configs/demo/ceph/kustomization.yaml", "k: 1\n"), false);

        new TreeWriter(root).write(tree(
                "clusters/lab/apps.yaml", "apps: 1\n",
                "clusters/lab/infrastructure.yaml", "infra: 1\n",
                "infrastructure/configs/lab/ceph/cephcluster.yaml", "ceph: 1\n",
                "infrastructure/configs/lab/ceph/kustomization.yaml", "k: 1\n"), false);

        assertThat(directories()).containsExactly(".gitops", "clusters", "clusters/lab", "infrastructure",
                "infrastructure/configs", "infrastructure/configs/lab", "infrastructure/configs/lab/ceph");
        assertThat(Ownership.read(root).hashes().keySet()).extracting(TreePath::value)
                .allMatch(p -> p.contains("/lab/"));
    }

    @Test
    void aHandWrittenFileSurvivesRegeneration() throws IOException {
        new TreeWriter(root).write(V1, false);
        Path notes = root.resolve("apps/extra/notes.yaml");
        Files.createDirectories(notes.getParent());
        Files.writeString(notes, "# mine\n");
        Path beside = root.resolve("infrastructure/configs/demo/old/mine.yaml");
        Files.writeString(beside, "mine: true\n");

        new TreeWriter(root).write(V2, false);

        assertThat(Files.readString(notes)).isEqualTo("# mine\n");
        assertThat(Files.readString(beside)).isEqualTo("mine: true\n");
        assertThat(root.resolve("infrastructure/configs/demo/old/pool.yaml")).doesNotExist();
    }

    @Test
    void aFileTheGeneratorDidNotWriteIsNeverOverwritten() throws IOException {
        Path theirs = root.resolve("clusters/demo/apps.yaml");
        Files.createDirectories(theirs.getParent());
        Files.writeString(theirs, "hand: written\n");
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> new TreeWriter(root).write(V1, true))
                .isInstanceOf(TreeConflictException.class)
                .hasMessageContaining("clusters/demo/apps.yaml: exists and was not written by the generator")
                .hasMessageContaining("nothing was written");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anIdenticalExistingFileIsAdopted() throws IOException {
        Path same = root.resolve("clusters/demo/apps.yaml");
        Files.createDirectories(same.getParent());
        Files.writeString(same, "apps: 1\n");
        TreeWriter.Result result = new TreeWriter(root).write(V1, false);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(Ownership.read(root).owns(new TreePath("clusters/demo/apps.yaml"))).isTrue();
    }

    @Test
    void handEditsToGeneratedFilesAreKeptUnlessForced() throws IOException {
        new TreeWriter(root).write(V1, false);
        Path edited = root.resolve("clusters/demo/apps.yaml");
        Files.writeString(edited, "apps: edited\n");
        Path stale = root.resolve("infrastructure/configs/demo/old/pool.yaml");
        Files.writeString(stale, "pool: edited\n");

        assertThatThrownBy(() -> new TreeWriter(root).write(V2, false))
                .isInstanceOfSatisfying(TreeConflictException.class, e -> assertThat(e.conflicts())
                        .extracting(c -> c.path().value())
                        .containsExactly("clusters/demo/apps.yaml", "infrastructure/configs/demo/old/pool.yaml"))
                .hasMessageContaining("was edited by hand since it was generated");
        assertThat(Files.readString(edited)).isEqualTo("apps: edited\n");

        new TreeWriter(root).write(V2, true);
        assertThat(Files.readString(edited)).isEqualTo("apps: 2\n");
        assertThat(stale).doesNotExist();
    }

    @Test
    void aDirectoryInTheWayIsAConflict() throws IOException {
        Files.createDirectories(root.resolve("clusters/demo/apps.yaml"));
        assertThatThrownBy(() -> new TreeWriter(root).write(V1, false))
                .hasMessageContaining("clusters/demo/apps.yaml: is a directory");
        Files.delete(root.resolve("clusters/demo/apps.yaml"));
        Files.writeString(root.resolve("clusters/demo/x"), "");
        Files.delete(root.resolve("clusters/demo/x"));
        Files.delete(root.resolve("clusters/demo"));
        Files.writeString(root.resolve("clusters/demo"), "a file\n");
        assertThatThrownBy(() -> new TreeWriter(root).write(V1, false))
                .hasMessageContaining("clusters/demo is a file where the tree needs a directory");
    }

    /** A failure at any step of the swap leaves the previous tree exactly as it was. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void aFailureAtAnyStepRollsBackToThePreviousTree(int failingStep) throws IOException {
        new TreeWriter(root).write(V1, false);
        Map<String, String> before = snapshot();
        List<String> directoriesBefore = directories();

        TreeWriter failing = hooked(step -> {
            if (step == failingStep) {
                throw new IOException("disk full (simulated)");
            }
        });
        assertThatThrownBy(() -> failing.write(V2, false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rolled back; the previous tree is unchanged")
                .hasMessageContaining("disk full (simulated)");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(directories()).isEqualTo(directoriesBefore);
    }

    @Test
    void aFailedFirstGenerateLeavesNothingBehind() throws IOException {
        TreeWriter failing = hooked(step -> {
            if (step == 2) {
                throw new IOException("simulated");
            }
        });
        assertThatThrownBy(() -> failing.write(V1, false)).isInstanceOf(IOException.class);
        assertThat(snapshot()).isEmpty();
    }

    /** The process dies mid-swap (no rollback runs); the next writer restores the previous tree first. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void anInterruptedGenerateIsRolledBackByTheNextRun(int crashingStep) throws IOException {
        new TreeWriter(root).write(V1, false);
        Map<String, String> before = snapshot();
        List<String> directoriesBefore = directories();

        TreeWriter crashing = hooked(step -> {
            if (step == crashingStep) {
                throw new SimulatedCrash();
            }
        });
        assertThatThrownBy(() -> crashing.write(V2, false)).isInstanceOf(SimulatedCrash.class);
        assertThat(root.resolve(TreeWriter.JOURNAL)).exists();

        assertThat(new TreeWriter(root).recover()).isTrue();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(directories()).isEqualTo(directoriesBefore);

        TreeWriter.Result result = new TreeWriter(root).write(V2, false);
        assertThat(result.recovered()).isFalse();
        assertThat(Files.readString(root.resolve("clusters/demo/apps.yaml"))).isEqualTo("apps: 2\n");
        assertThat(root.resolve(".gitops")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("tx-"));
    }

    /** The rollback itself is interrupted at any step; running it again still gives back the previous tree. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void anInterruptedRollbackIsFinishedByTheNextRun(int crashingUndo) throws IOException {
        new TreeWriter(root).write(V1, false);
        Map<String, String> before = snapshot();
        List<String> directoriesBefore = directories();
        assertThatThrownBy(() -> hooked(step -> {
            if (step == 5) {
                throw new SimulatedCrash(); // every file swapped, not committed
            }
        }).write(V2, false)).isInstanceOf(SimulatedCrash.class);

        assertThatThrownBy(() -> hooked(new TreeWriter.StepHook() {
            @Override
            public void beforeStep(int step) {
            }

            @Override
            public void beforeUndo(int step) {
                if (step == crashingUndo) {
                    throw new SimulatedCrash();
                }
            }
        }).recover()).isInstanceOf(SimulatedCrash.class);

        assertThat(new TreeWriter(root).recover()).isTrue();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(directories()).isEqualTo(directoriesBefore);
    }

    @Test
    void aFileTheUserCreatedWhileAGenerateWasInterruptedIsNotRolledBack() throws IOException {
        new TreeWriter(root).write(V1, false);
        assertThatThrownBy(() -> hooked(step -> {
            if (step == 1) {
                throw new SimulatedCrash(); // the new directory made, its file not yet in place
            }
        }).write(V2, false)).isInstanceOf(SimulatedCrash.class);
        Path theirs = root.resolve("infrastructure/configs/demo/new/pool.yaml");
        Files.writeString(theirs, "mine: true\n");

        new TreeWriter(root).recover();

        assertThat(Files.readString(theirs)).isEqualTo("mine: true\n");
    }

    @Test
    void writeRecoversAnInterruptedRunBeforeStarting() throws IOException {
        new TreeWriter(root).write(V1, false);
        assertThatThrownBy(() -> hooked(step -> {
            if (step == 2) {
                throw new SimulatedCrash();
            }
        }).write(V2, false)).isInstanceOf(SimulatedCrash.class);

        TreeWriter.Result result = new TreeWriter(root).write(V2, false);
        assertThat(result.recovered()).isTrue();
        assertThat(result.created() + result.updated() + result.deleted()).isEqualTo(3);
        assertThat(root.resolve(TreeWriter.JOURNAL)).doesNotExist();
    }

    @Test
    void aDamagedOwnershipRecordIsReportedWithItsLine() throws IOException {
        new TreeWriter(root).write(V1, false);
        Files.writeString(root.resolve(Ownership.FILE), "not a hash line\n");
        assertThatThrownBy(() -> new TreeWriter(root).write(V1, false))
                .hasMessageContaining("generated.sha256:1: not a 'sha256  path' line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "/etc/passwd", "a/../../b", "a//b", ".hidden/x", "a/./b", "", "a/b/"})
    void unsafePathsAreRefused(String path) {
        assertThatThrownBy(() -> new TreePath(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathProducedTwiceIsABug() {
        assertThatThrownBy(() -> tree("a.yaml", "x\n", "a.yaml", "y\n")).hasMessageContaining("a.yaml is produced twice");
        assertThatThrownBy(() -> tree("a.yaml", "x")).hasMessageContaining("LF and end with a newline");
        assertThatThrownBy(() -> tree("a.yaml", "x\r\n")).hasMessageContaining("LF and end with a newline");
    }

    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
