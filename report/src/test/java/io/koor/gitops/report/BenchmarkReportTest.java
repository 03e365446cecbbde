package io.koor.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.model.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {
    static final Path GOLDEN = Path.of("src/test/resources/io/koor/gitops/report/golden/summary.md");

    /** The fio fixtures, plus one truncated file. */
    static Path results(Path dir) throws IOException {
        Path results = dir.resolve("results");
        try (Stream<Path> walk = Files.walk(ResultParserTest.FIXTURES)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                Path target = results.resolve(ResultParserTest.FIXTURES.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        byte[] whole = Files.readAllBytes(ResultParserTest.FIXTURES.resolve("demo/fio-randwrite-4k-1.json"));
        Files.createDirectories(results.resolve("bad"));
        Files.write(results.resolve("bad/truncated.json"), Arrays.copyOf(whole, 300));
        return results;
    }

    @Test
    void theSummaryMatchesItsGoldenFileAndItsNumbersTheFiles(@TempDir Path dir) throws Exception {
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results(dir), dir.resolve("out"), List.of("demo", "staging")),
                ReportListener.SILENT);
        String md = Files.readString(outcome.markdown());
        if (Boolean.getBoolean("gitops.updateGolden")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, md);
        }
        assertThat(md).as("golden " + GOLDEN + "; run with -Dgitops.updateGolden=true after an intended change")
                .isEqualTo(Files.readString(GOLDEN));
        assertThat(outcome.summary()).isEqualTo("9 runs of 2 benchmarks on 2 clusters; 1 file skipped");
        assertThat(outcome.anyBadFile()).isTrue();
        // the medians, recomputed here from the files: demo ran fio-randwrite-4k three times
        List<Double> p99 = new ArrayList<>();
        List<Double> ops = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            var r = FioRun.JSON.readTree(ResultParserTest.FIXTURES.resolve("demo/fio-randwrite-4k-" + run + ".json").toFile());
            p99.add(r.at("/summary/latencyMs/p99").asDouble());
            ops.add(r.at("/summary/opsPerSecond").asDouble());
        }
        p99.sort(null);
        ops.sort(null);
        String row = md.lines().filter(l -> l.startsWith("| fio-randwrite-4k | demo | 3 |")).findFirst().orElseThrow();
        assertThat(row.split(" \\| ")[4]).isEqualTo(Text.number(ops.get(1)));
        assertThat(row.split(" \\| ")[7]).isEqualTo(Text.number(p99.get(1)));
        assertThat(md).contains("## staging against demo", "## Files skipped",
                "- bad/truncated.json:").contains("Unexpected end-of-input");
    }

    @Test
    void theSameInputGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path results = results(dir);
        ReportOutcome one = BenchmarkReport.write(new ReportOptions(results, dir.resolve("one"), List.of()), ReportListener.SILENT);
        ReportOutcome two = BenchmarkReport.write(new ReportOptions(results, dir.resolve("two"), List.of()), ReportListener.SILENT);
        assertThat(Files.readString(one.html())).isEqualTo(Files.readString(two.html()));
        assertThat(Files.readString(one.markdown())).isEqualTo(Files.readString(two.markdown()));
        assertThat(Files.list(dir.resolve("one")).map(p -> p.getFileName().toString()).sorted().toList())
                .containsExactly("report.html", "summary.md");
    }

    @Test
    void stringsFromTheFilesAreEscaped(@TempDir Path dir) throws Exception {
        ObjectNode evil = ResultParserTest.fixture();
        evil.put("benchmark", "<script>alert(1)</script>");
        evil.put("cluster", "a|b *c* [x](http://e) & \"q\" 'r'");
        ((ObjectNode) evil.get("parameters")).put("note", "<img src=x onerror=alert(2)>\nnext");
        Path results = dir.resolve("results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("evil.json"), FioRun.JSON.writeValueAsString(evil), StandardCharsets.UTF_8);
        Files.writeString(results.resolve("<b>bad.json"), "{\"schema\": \"<i>x</i>\"}", StandardCharsets.UTF_8);
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results, dir.resolve("out"), List.of()), ReportListener.SILENT);
        String html = Files.readString(outcome.html());
        assertThat(html).doesNotContain("<script", "<img", "<b>", "<i>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a|b *c* [x](http://e) &amp; &quot;q&quot; &#39;r&#39;",
                        "&lt;img src=x onerror=alert(2)&gt;", "&lt;b&gt;bad.json: schema is &quot;&lt;i&gt;x&lt;/i&gt;&quot;");
        String md = Files.readString(outcome.markdown());
        assertThat(md).contains("| \\<script\\>alert(1)\\</script\\> | a\\|b \\*c\\* \\[x\\](http://e) \\& \"q\" 'r' |")
                .contains("- \\<b\\>bad.json: schema is \"\\<i\\>x\\</i\\>\"");
    }

    @Test
    void compareNamesTwoClustersOfTheResults(@TempDir Path dir) throws Exception {
        Path results = results(dir);
        assertThatThrownBy(() -> BenchmarkReport.write(new ReportOptions(results, dir.resolve("o"), List.of("demo", "prod")),
                ReportListener.SILENT)).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.message(
                        (s, v) -> "--" + s + " " + v)).isEqualTo("--compare demo,prod: no results of cluster 'prod'; the results have"
                                + " demo, staging"));
        assertThatThrownBy(() -> BenchmarkReport.write(new ReportOptions(results, dir.resolve("o"), List.of("demo")),
                ReportListener.SILENT)).hasMessage("compare=demo: give two different clusters, A,B (the results have demo, staging)");
        assertThatThrownBy(() -> BenchmarkReport.write(new ReportOptions(results, dir.resolve("o"), List.of("demo", "demo")),
                ReportListener.SILENT)).hasMessageContaining("two different clusters");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutResultsOrNoDirectoryIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no results here");
        assertThatThrownBy(() -> BenchmarkReport.write(new ReportOptions(dir, dir.resolve("o"), List.of()), ReportListener.SILENT))
                .isInstanceOf(ConfigurationException.class).hasMessage(dir + " holds no benchmark result files (*.json, schema "
                        + BenchmarkResult.SCHEMA + ")");
        assertThatThrownBy(() -> BenchmarkReport.write(new ReportOptions(dir.resolve("missing"), dir.resolve("o"), List.of()),
                ReportListener.SILENT)).isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing: is not a directory");
    }

    @Test
    void hiddenFilesAndOtherFilesAreNotRead(@TempDir Path dir) throws Exception {
        Path results = results(dir);
        Files.createDirectories(results.resolve(".cache"));
        Files.writeString(results.resolve(".cache/x.json"), "not json");
        Files.writeString(results.resolve(".y.json"), "not json");
        ResultSet set = ResultDirectory.read(results, ReportListener.SILENT);
        assertThat(set.results()).hasSize(9);
        assertThat(set.badFiles()).extracting(BadFile::file).containsExactly("bad/truncated.json");
        assertThat(set.otherFiles()).isEqualTo(1); // the fixture's README.md
        assertThat(set.results()).isSortedAccordingTo(BenchmarkResult.ORDER);
    }
}
