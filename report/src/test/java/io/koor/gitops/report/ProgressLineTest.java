package io.koor.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressLineTest {

    @Test
    void atMostOnceASecondAndAtTheEnd() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        ProgressLine progress = new ProgressLine(lines::add, now::get);
        for (int done = 1; done <= 1500; done++) {
            now.addAndGet(1_000_000); // 1.5 s in all: the end is shown although less than a second passed since
            progress.filesRead(done, 1500);
        }
        assertThat(lines).containsExactly("report: 1,001/1,500 files", "report: 1,500/1,500 files");
    }

    @Test
    void oncePerSecond() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        ProgressLine progress = new ProgressLine(lines::add, now::get);
        for (int done = 1; done <= 50_000; done++) {
            now.addAndGet(100_000);
            progress.filesRead(done, 50_000); // 0.1 ms a file; the clock starts at the first file
        }
        assertThat(lines).containsExactly("report: 10,001/50,000 files", "report: 20,001/50,000 files",
                "report: 30,001/50,000 files", "report: 40,001/50,000 files", "report: 50,000/50,000 files");
    }

    @Test
    void quietForSmallDirectories() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong();
        ProgressLine progress = new ProgressLine(lines::add, now::get);
        for (int done = 1; done <= ProgressLine.QUIET_BELOW - 1; done++) {
            now.addAndGet(2_000_000_000L);
            progress.filesRead(done, ProgressLine.QUIET_BELOW - 1);
        }
        assertThat(lines).isEmpty();
    }

    /** A large generated directory (synthetic numbers: this tests the progress, not the numbers) read through the report. */
    @Test
    void aLargeDirectoryReportsItsProgress(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results");
        SyntheticResults.write(results, 1200, false);
        List<String> lines = new ArrayList<>();
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results, dir.resolve("out"), List.of()),
                new ProgressLine(lines::add));
        assertThat(outcome.summary()).isEqualTo("1200 runs of 10 benchmarks on 2 clusters");
        assertThat(lines).isNotEmpty().allMatch(l -> l.matches("report: [0-9,]+/1,200 files"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("report: 1,200/1,200 files");
    }
}
