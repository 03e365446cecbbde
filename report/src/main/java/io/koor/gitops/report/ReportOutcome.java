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
        return read.results().size() + " run" + (read.results().size() == 1 ? "" : "s") + " of " + benchmarks + " benchmark"
                + (benchmarks == 1 ? "" : "s") + " on " + clusters + " cluster" + (clusters == 1 ? "" : "s")
                + (bad == 0 ? "" : "; " + bad + " file" + (bad == 1 ? "" : "s") + " skipped");
    }
}
