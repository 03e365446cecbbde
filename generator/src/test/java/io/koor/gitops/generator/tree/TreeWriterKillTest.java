package io.koor.gitops.generator.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers killed at random moments, and writers at the same time: the tree on disk is always one whole tree. */
class TreeWriterKillTest {
    private static final int KILLS = 30;
    /** Under load a kill may land between transactions more often: go on (bounded) until enough landed inside one. */
    private static final int MAX_KILLS = 150;
    private static final int MIN_INTERRUPTED = 3;
    private static final String MINE = "infrastructure/configs/demo/ceph-filesystems/mine.yaml";

    @TempDir
    Path root;

    private record Expected(Map<String, String> files, List<String> directories) {
        static Expected of(Path dir) throws IOException {
            return new Expected(TreeSnapshot.files(dir), TreeSnapshot.directories(dir));
        }
    }

    /** What writing {@code tree} over A gives, with the same hand-written file. */
    private static Expected expected(Path scratch, GitOpsTree tree) throws IOException {
        new TreeWriter(scratch).write(KillableWriter.A, false);
        Files.writeString(scratch.resolve(MINE), "mine: true\n");
        new TreeWriter(scratch).write(tree, false);
        return Expected.of(scratch);
    }

    @Test
    void aWriterKilledAtAnyMomentLeavesTreeAOrTreeBAfterRecovery(@TempDir Path scratch) throws Exception {
        Expected a = expected(Files.createDirectory(scratch.resolve("a")), KillableWriter.A);
        Expected b = expected(Files.createDirectory(scratch.resolve("b")), KillableWriter.B);
        new TreeWriter(root).write(KillableWriter.A, false);
        Files.writeString(root.resolve(MINE), "mine: true\n"); // beside generated files, in a directory B empties

        Random random = new Random(11);
        int interrupted = 0;
        for (int kill = 0; kill < KILLS || interrupted < MIN_INTERRUPTED && kill < MAX_KILLS; kill++) {
            runAndKill("write", random);
            if (Files.exists(root.resolve(TreeWriter.JOURNAL))) {
                interrupted++;
                if (kill % 2 == 1) {
                    runAndKill("recover", random); // the next writer's rollback can be killed too
                }
            }
            new TreeWriter(root).recover();

            Expected onDisk = Expected.of(root);
            assertThat(onDisk).as("after kill %d", kill).isIn(a, b);
            assertThat(Files.readString(root.resolve(MINE))).isEqualTo("mine: true\n");
        }
        assertThat(interrupted).as("kills that hit a transaction").isGreaterThanOrEqualTo(MIN_INTERRUPTED);
    }

    private void runAndKill(String mode, Random random) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path errors = Files.createTempFile("killable-writer", ".err");
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), KillableWriter.class.getName(),
                root.toString(), mode, String.valueOf(random.nextLong()))
                .redirectError(errors.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child started").isEqualTo("ready");
            if (mode.equals("write") && random.nextBoolean()) {
                // Half the kills wait for a transaction to be under way: on a loaded machine planning
                // between transactions can take most of the child's time, and purely timed kills then
                // rarely land inside one.
                awaitJournal(child);
                Thread.sleep(random.nextInt(10));
            } else {
                Thread.sleep(random.nextInt(120));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // killed, or (recovering) done: a child that failed on its own says why
        assertThat(Files.readString(errors)).as("the child's errors").isEmpty();
        Files.delete(errors);
    }

    private void awaitJournal(Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(root.resolve(TreeWriter.JOURNAL)) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void writersAtTheSameTimeTakeTurnsOrFailNamingTheLock(@TempDir Path scratch) throws Exception {
        int writers = 6;
        List<GitOpsTree> trees = new ArrayList<>();
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            GitOpsTree tree = GitOpsTree.builder()
                    .add(TreePath.of("clusters/demo/apps.yaml"), "writer: " + i + "\n")
                    .add(TreePath.of("infrastructure/configs/demo/writer-" + i + "/a.yaml"), "a: " + i + "\n")
                    .add(TreePath.of("infrastructure/configs/demo/writer-" + i + "/b.yaml"), "b: " + i + "\n")
                    .build();
            trees.add(tree);
            Path alone = Files.createDirectory(scratch.resolve("w" + i));
            new TreeWriter(alone).write(tree, false);
            expected.add(Expected.of(alone));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<String>>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            GitOpsTree tree = trees.get(i);
            // a short wait, so that some give up; a sleep before every step, so that they overlap
            TreeWriter writer = new TreeWriter(root, step -> sleep(2), java.time.Duration.ofMillis(150));
            outcomes.add(pool.submit(() -> {
                List<String> results = new ArrayList<>();
                start.await();
                for (int round = 0; round < 4; round++) {
                    try {
                        writer.write(tree, false);
                        results.add("ok");
                    } catch (IOException e) {
                        results.add(e.getMessage());
                    }
                }
                return results;
            }));
        }
        start.countDown();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> outcome : outcomes) {
            all.addAll(outcome.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(all).allSatisfy(r -> assertThat(r).satisfiesAnyOf(
                ok -> assertThat(ok).isEqualTo("ok"),
                // the holder's line is written just after it takes the lock: a writer may look in between
                locked -> assertThat(locked).matches(java.util.regex.Pattern.quote(root + " is being written by another"
                        + " generate (") + "(process " + ProcessHandle.current().pid() + " since .*|holder unknown.*)")
                        .contains("Let it finish, then run generate again")));
        assertThat(all).contains("ok");
        assertThat(Expected.of(root)).isIn(expected);
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
