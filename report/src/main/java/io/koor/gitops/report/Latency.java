package io.koor.gitops.report;

import java.util.Arrays;
import java.util.List;

/**
 * Latency percentiles of one run, in milliseconds; any may be null (the tool did not report it).
 * The ones present never decrease from p50 to max: a file where they do is refused when read.
 */
public record Latency(Double p50, Double p90, Double p99, Double p999, Double max) {
    /** The labels, in the order of {@link #values()}. */
    public static final List<String> LABELS = List.of("p50", "p90", "p99", "p999", "max");

    public static final Latency NONE = new Latency(null, null, null, null, null);

    /** p50, p90, p99, p999, max: nulls where absent. */
    public List<Double> values() {
        return Arrays.asList(p50, p90, p99, p999, max);
    }

    static Latency of(List<Double> values) {
        return new Latency(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4));
    }
}
