package io.koor.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    /** Real fio runs, committed with the report module's tests. */
    static final Path FIXTURES = Path.of("../report/src/test/resources/io/koor/gitops/report/results");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesThePageAndTheSummary(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        assertThat(run("report", FIXTURES.toString(), "--out", report.toString(), "--compare", "demo,staging")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("gitops report: 9 runs of 2 benchmarks on 2 clusters; wrote "
                + report.resolve("report.html") + " and " + report.resolve("summary.md") + "\n");
        assertThat(err()).as("quiet for 9 files").isEmpty();
        assertThat(Files.readString(report.resolve("summary.md"))).contains("## staging against demo");
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg class=\"plot\"");
    }

    @Test
    void badFilesAreListedAndExitOne(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = results.resolve(FIXTURES.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Files.writeString(results.resolve("broken.json"), "{\"schema\": \"gitops.koor.io/benchmark-result/v1\",\n \"tool\": }");
        assertThat(run("report", results.toString(), "--out", dir.resolve("out").toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("gitops report: skipped " + results.resolve("broken.json") + ":2:10: not JSON: Unexpected"
                + " character ('}' (code 125)): expected a value\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("gitops report: 9 runs of 2 benchmarks on 2 clusters; 1 file skipped;");
    }

    @Test
    void badSettingsAndMissingDirectoriesSayWhatIsWrong(@TempDir Path dir) {
        assertThat(run("report", FIXTURES.toString(), "--out", dir.toString(), "--compare", "demo,prod")).isEqualTo(2);
        assertThat(err()).startsWith("gitops report: --compare demo,prod: no results of cluster 'prod'; the results have demo, staging\n");
        err.reset();
        assertThat(run("report", dir.resolve("nothing").toString(), "--out", dir.toString())).isEqualTo(3);
        assertThat(err()).isEqualTo("gitops report: could not run: " + dir.resolve("nothing") + ": is not a directory of benchmark"
                + " results\n");
        err.reset();
        assertThat(run("report", dir.toString(), "--out", dir.resolve("o").toString())).isEqualTo(2);
        assertThat(err()).startsWith("gitops report: " + dir + " holds no benchmark result files");
        err.reset();
        assertThat(run("report")).isEqualTo(2);
        assertThat(err()).contains("gitops report: Missing required parameter: 'DIR'");
    }

    @Test
    void helpSaysWhatItReadsAndWrites() {
        assertThat(run("report", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("gitops.koor.io/benchmark-result/v1", "--out=OUTDIR",
                "--compare=A,B", "summary.md");
    }
}
