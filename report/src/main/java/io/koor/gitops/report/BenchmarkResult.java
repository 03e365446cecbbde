package io.koor.gitops.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.SortedMap;

/**
 * One result file ({@value #SCHEMA}), as read: the tool's verbatim output ({@code raw}) is checked
 * to be a string but not kept, so that 50,000 runs fit in a small heap. {@code file} is the path
 * relative to the directory read, with '/' separators.
 */
public record BenchmarkResult(String file, String benchmark, String tool, String toolVersion, String target,
        String cluster, String cephVersion, Instant startedAt, Instant finishedAt, SortedMap<String, String> parameters,
        Summary summary) {
    public static final String SCHEMA = "gitops.koor.io/benchmark-result/v1";

    /** The report's one order: by start time, then benchmark, cluster and file, so ties are stable. */
    public static final Comparator<BenchmarkResult> ORDER = Comparator.comparing(BenchmarkResult::startedAt)
            .thenComparing(BenchmarkResult::benchmark).thenComparing(BenchmarkResult::cluster)
            .thenComparing(BenchmarkResult::file);

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
