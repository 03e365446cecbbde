package io.koor.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher sizes the heap from the input, and running out of heap is exit 3 with a message,
 * never a stack trace with exit 1 (which CI reads as findings). The child JVMs get exactly the
 * options {@code ./gitops} computes (it prints them with GITOPS_PRINT_JVM_OPTIONS=1) and this
 * module's class path, as the jar is only built after the tests.
 */
class LauncherHeapTest {
    private static final Path LAUNCHER = Path.of("../gitops").toAbsolutePath().normalize();
    private static final long TREE_BYTES = 50L * 1024 * 1024;

    @TempDir
    static Path work;
    static Path tree;

    record Run(int exitCode, String stderr) {
    }

    /** 50 MB of YAML: large files of ConfigMaps near the 4 MiB limit, and many small Deployments. */
    @BeforeAll
    static void fiftyMegabytes() throws IOException {
        tree = Files.createDirectories(work.resolve("tree"));
        long written = 0;
        String value = "x".repeat(96);
        StringBuilder data = new StringBuilder();
        for (int k = 0; k < 150; k++) {
            data.append("  key-").append(k).append(": ").append(value).append('\n');
        }
        for (int f = 0; written < TREE_BYTES * 9 / 10; f++) {
            StringBuilder file = new StringBuilder();
            for (int i = 0; file.length() < 3_800_000; i++) {
                file.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-").append(f).append('-').append(i)
                        .append("\n  namespace: apps\ndata:\n").append(data);
            }
            Files.writeString(tree.resolve("configs-" + f + ".yaml"), file);
            written += file.length();
        }
        Path apps = Files.createDirectories(tree.resolve("apps"));
        for (int i = 0; written < TREE_BYTES; i++) {
            String deployment = """
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: app-%1$d
                      namespace: apps
                    spec:
                      replicas: 2
                      selector:
                        matchLabels: {app: app-%1$d}
                      template:
                        metadata:
                          labels: {app: app-%1$d}
                        spec:
                          containers:
                            - name: web
                              image: registry.example.com/web:1.2.3
                              resources:
                                requests: {cpu: 100m, memory: 128Mi}
                                limits: {memory: 256Mi}
                    """.formatted(i);
            Files.writeString(apps.resolve("app-" + i + ".yaml"), deployment);
            written += deployment.length();
        }
    }

    private static List<String> launcherOptions(Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isRegularFile(LAUNCHER),
                "SKIPPED: bash or ../gitops is missing");
        List<String> command = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("GITOPS_HEAP");
        builder.environment().put("GITOPS_PRINT_JVM_OPTIONS", "1");
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private static Run childJvm(List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the child JVM finished").isTrue();
        return new Run(p.exitValue(), Files.readString(stderr));
    }

    private static long mebibytes(String xmx) {
        String size = xmx.substring("-Xmx".length());
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return size.endsWith("g") ? n * 1024 : size.endsWith("m") ? n : n / (1024 * 1024);
    }

    @Test
    void aFiftyMegabyteTreeGetsTheHeapItNeedsAndFinishes() throws Exception {
        List<String> options = launcherOptions(Map.of(), "validate", tree.toString());
        String xmx = options.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow();
        assertThat(mebibytes(xmx)).as("sized from the input, not the 128 MiB floor").isGreaterThan(1024);

        Run run = childJvm(options, "validate", tree.toString(), "--format", "json", "--output",
                work.resolve("report.json").toString());
        assertThat(run.exitCode()).as(run.stderr()).isIn(0, 1);
        assertThat(run.stderr()).doesNotContain("Exception").doesNotContain("Error").doesNotContain("\tat ")
                .contains("objects:");
    }

    /** Files near the 4 MiB limit in a heap smaller than two of them: out of memory at once, not after minutes of GC. */
    @Test
    void runningOutOfHeapIsExitThreeWithAMessage() throws Exception {
        Path large = Files.createDirectories(work.resolve("large-files"));
        for (int f = 0; f < 4; f++) {
            Files.copy(tree.resolve("configs-" + f + ".yaml"), large.resolve("configs-" + f + ".yaml"));
        }
        Run run = childJvm(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-Xmx20m", "-XX:-UsePerfData"),
                "validate", large.toString());
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(3);
        assertThat(run.stderr()).startsWith("gitops: out of memory: the input needs more than the")
                .contains("GITOPS_HEAP=").doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    /**
     * Every rule keeps every tree: survivors are promoted at once, and the heap grows as needed (an
     * old generation committed up front is never collected, so promoted garbage stays resident).
     * Schema-only keeps none: short-lived trees die young.
     */
    @Test
    void survivorsArePromotedAtOnceOnlyWhenTheTreesAreKept() throws Exception {
        List<String> everyRule = launcherOptions(Map.of(), "validate", tree.toString());
        String xmx = everyRule.stream().filter(o -> o.startsWith("-Xmx")).findFirst().orElseThrow();
        assertThat(everyRule).contains("-XX:MaxTenuringThreshold=0").noneMatch(o -> o.startsWith("-Xms"));
        List<String> schemaOnly = launcherOptions(Map.of(), "validate", tree.toString(), "--schema-only");
        assertThat(schemaOnly).contains(xmx).noneMatch(o -> o.startsWith("-Xms") || o.contains("TenuringThreshold"));
    }

    @Test
    void gitopsHeapStillOverridesAndSmallTreesKeepTheFloor() throws Exception {
        assertThat(launcherOptions(Map.of("GITOPS_HEAP", "3g"), "validate", tree.toString())).contains("-Xmx3g");
        Path small = Files.createDirectories(work.resolve("small"));
        Files.writeString(small.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        assertThat(launcherOptions(Map.of(), "validate", small.toString())).contains("-Xmx128m");
        assertThat(launcherOptions(Map.of(), "rules")).contains("-Xmx128m");
    }
}
