package io.koor.gitops.report;

import java.nio.file.Path;

/** What a report read and wrote. */
public record ReportOutcome(ResultSet read, Path html, Path markdown) {
    public boolean anyBadFile() {
        return !read.badFiles().isEmpty();
    }

    /** "6 runs of 3 benchmarks on 2 clusters; 1 file skipped". */
    public String summary() {
        long benchmarks = read.results().stream().map(BenchmarkResult::benchmark).distinct().count();
        long clusters = read.results().stream().map(BenchmarkResult::cluster).distinct().count();
        int bad = read.badFiles().size();
        return HtmlReport.count(read.results().size(), "run") + " of " + HtmlReport.count(benchmarks, "benchmark") + " on "
                + HtmlReport.count(clusters, "cluster") + (bad == 0 ? "" : "; " + HtmlReport.count(bad, "file") + " skipped");
    }
}
