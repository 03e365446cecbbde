package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.GrafanaDashboard.target;
import static io.koor.gitops.generator.yaml.Fields.map;

import java.util.List;

/**
 * The benchmark results as the Pushgateway holds them: publish-result.sh pushes each run's summary as gauges
 * grouped by {@code job="benchmark"}, {@code benchmark} and {@code cluster} (so a run replaces the last), which
 * the Pushgateway's ServiceMonitor keeps with honorLabels. Each panel is one figure per benchmark over the
 * runs: a step where a run finished.
 */
final class BenchmarkDashboard {
    static final String NAME = "benchmarks";
    /** The metrics the dashboard reads, each one publish-result.sh pushes. */
    static final List<String> METRICS = List.of("benchmark_ops_per_second", "benchmark_throughput_bytes_per_second",
            "benchmark_latency_milliseconds", "benchmark_errors", "benchmark_finished_timestamp_seconds");
    private static final String BY = "benchmark, cluster";
    private static final String LEGEND = "{{benchmark}} ({{cluster}})";

    private BenchmarkDashboard() {
    }

    static GrafanaDashboard dashboard() {
        return new GrafanaDashboard(NAME, "koor-benchmarks", "Benchmarks", List.of("benchmarks", "koor"))
                .panel("table", "Last run, hours ago", 0, 0, 24, 6, List.of(target(
                        "max by (" + BY + ") ((time() - benchmark_finished_timestamp_seconds{job=\"benchmark\"}) / 3600)",
                        LEGEND)), map("unit", "h", "decimals", 1))
                .panel("timeseries", "Operations per second", 0, 6, 12, 8, List.of(target(
                        "max by (" + BY + ") (benchmark_ops_per_second{job=\"benchmark\"})", LEGEND)), map("unit", "ops"))
                .panel("timeseries", "Throughput", 12, 6, 12, 8, List.of(target(
                        "max by (" + BY + ") (benchmark_throughput_bytes_per_second{job=\"benchmark\"})", LEGEND)),
                        map("unit", "Bps"))
                .panel("timeseries", "Latency p99", 0, 14, 12, 8, List.of(target(
                        "max by (" + BY + ") (benchmark_latency_milliseconds{job=\"benchmark\",quantile=\"p99\"})",
                        LEGEND)), map("unit", "ms"))
                .panel("timeseries", "Latency p50", 12, 14, 12, 8, List.of(target(
                        "max by (" + BY + ") (benchmark_latency_milliseconds{job=\"benchmark\",quantile=\"p50\"})",
                        LEGEND)), map("unit", "ms"))
                .panel("timeseries", "Errors", 0, 22, 24, 6, List.of(target(
                        "max by (" + BY + ") (benchmark_errors{job=\"benchmark\"})", LEGEND)), map("decimals", 0));
    }
}
