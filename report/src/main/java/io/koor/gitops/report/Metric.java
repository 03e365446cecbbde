package io.koor.gitops.report;

import java.util.List;
import java.util.function.Function;

/** A number a run reports, with how the report names and scales it. */
public enum Metric {
    THROUGHPUT("throughput", "MiB/s", r -> scaled(r.summary().throughputBytesPerSecond(), 1.0 / (1024 * 1024))),
    OPS("operations", "ops/s", r -> r.summary().opsPerSecond()),
    P50("p50 latency", "ms", r -> r.summary().latencyMs().p50()),
    P90("p90 latency", "ms", r -> r.summary().latencyMs().p90()),
    P99("p99 latency", "ms", r -> r.summary().latencyMs().p99()),
    P999("p999 latency", "ms", r -> r.summary().latencyMs().p999()),
    MAX("max latency", "ms", r -> r.summary().latencyMs().max()),
    ERRORS("errors", "", r -> r.summary().errors() == null ? null : r.summary().errors().doubleValue());

    /** The latency metrics, in percentile order. */
    public static final List<Metric> LATENCY = List.of(P50, P90, P99, P999, MAX);

    private final String label;
    private final String unit;
    private final Function<BenchmarkResult, Double> value;

    Metric(String label, String unit, Function<BenchmarkResult, Double> value) {
        this.label = label;
        this.unit = unit;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    /** The run's value in this metric's unit, or null when the run did not report it. */
    public Double of(BenchmarkResult result) {
        return value.apply(result);
    }

    /** "throughput (MiB/s)". */
    public String heading() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    private static Double scaled(Double v, double factor) {
        return v == null ? null : v * factor;
    }
}
