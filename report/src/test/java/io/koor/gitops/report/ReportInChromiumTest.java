package io.koor.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page as a browser shows it: Chromium renders its plots, from the fixtures and from fio runs made now. */
class ReportInChromiumTest {

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    /** The screenshot is not blank, and the first two series' colours fill bars and lines. */
    private static void assertRendered(BufferedImage shot) {
        assertThat(shot.getWidth()).isEqualTo(1280);
        assertThat(shot.getHeight()).isEqualTo(2000);
        assertThat(HeadlessChromium.inked(shot)).as("pixels not white").isGreaterThan(1280L * 2000 / 20);
        assertThat(HeadlessChromium.ofColour(shot, SvgPlot.PALETTE.get(0))).as("first series colour").isGreaterThan(2000);
        assertThat(HeadlessChromium.ofColour(shot, SvgPlot.PALETTE.get(1))).as("second series colour").isGreaterThan(2000);
    }

    @Test
    void theFixturesReportRendersWithItsPlots(@TempDir Path dir) throws Exception {
        HeadlessChromium.assumePresent();
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(BenchmarkReportTest.results(dir), dir.resolve("out"),
                List.of("demo", "staging")), ReportListener.SILENT);
        assertRendered(HeadlessChromium.screenshot(outcome.html(), dir));
        String dom = HeadlessChromium.dumpDom(outcome.html(), dir);
        // 2 benchmarks: a latency plot each, throughput and operations over time each, and 3 comparison plots
        assertThat(count(dom, "<svg class=\"plot\"")).isEqualTo(2 + 4 + 3);
        assertThat(count(dom, "<polyline")).as("one line per benchmark, metric and cluster").isEqualTo(8);
        assertThat(count(dom, "<circle")).as("a dot per run and metric").isEqualTo(9 * 2);
        assertThat(dom).contains("<title>demo, p99: ", "staging against demo", "bad/truncated.json:10:51");
        assertThat(count(dom, "<tr>")).as("header + 9 runs, medians, comparison").isEqualTo(10 + 5 + 13);
    }

    @Test
    void aReportOfFioRunsMadeNowRenders(@TempDir Path dir) throws Exception {
        var fio = FioRun.fio();
        if (fio.isEmpty()) {
            System.err.println("SKIPPED: fio is not on PATH (Debian package fio); no fresh runs were made");
        }
        assumeTrue(fio.isPresent(), "SKIPPED: fio is not on PATH");
        HeadlessChromium.assumePresent();
        Path results = dir.resolve("results");
        Path work = Files.createDirectories(dir.resolve("work"));
        Path a = FioRun.run(fio.get(), work, results, "demo", "fio-randwrite-4k", 1, "randwrite", "4k", 16);
        FioRun.run(fio.get(), work, results, "demo", "fio-randwrite-4k", 2, "randwrite", "4k", 16);
        Path c = FioRun.run(fio.get(), work, results, "staging", "fio-randwrite-4k", 1, "randwrite", "4k", 16);
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results, dir.resolve("out"), List.of("demo", "staging")),
                ReportListener.SILENT);
        assertThat(outcome.summary()).isEqualTo("3 runs of 1 benchmark on 2 clusters");
        // staging's one run: its numbers are fio's own, from the raw output the result file carries
        var fioOwn = FioRun.JSON.readTree(FioRun.JSON.readTree(c.toFile()).get("raw").asText()).at("/jobs/0/write");
        String md = Files.readString(outcome.markdown());
        String staging = md.lines().filter(l -> l.startsWith("| fio-randwrite-4k | staging | 1 |")).findFirst().orElseThrow();
        assertThat(staging).contains(" | " + Text.number(fioOwn.path("iops").asDouble()) + " | ")
                .contains(" | " + Text.number(fioOwn.at("/lat_ns/percentile/99.000000").asDouble() / 1e6) + " | ")
                .contains(" | " + Text.number(fioOwn.at("/lat_ns/max").asDouble() / 1e6) + " | ");
        assertThat(Files.readString(a)).contains("\"toolVersion\" : \"3.");
        assertRendered(HeadlessChromium.screenshot(outcome.html(), dir));
        assertThat(count(HeadlessChromium.dumpDom(outcome.html(), dir), "<svg class=\"plot\"")).isEqualTo(1 + 2 + 3);
    }
}
