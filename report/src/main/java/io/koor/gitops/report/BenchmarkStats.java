package io.koor.gitops.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One benchmark on one cluster over all its runs: the median of each metric over the runs that
 * report it (a typical run, robust to one slow outlier), and the total of errors.
 */
public record BenchmarkStats(String benchmark, String cluster, int runs, Instant first, Instant last,
        Map<Metric, Double> values) {
    public BenchmarkStats {
        values = java.util.Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /** The median (for errors: the total), or null when no run reported the metric. */
    public Double value(Metric metric) {
        return values.get(metric);
    }

    /** Grouped by benchmark, then cluster, both sorted. */
    public static List<BenchmarkStats> of(List<BenchmarkResult> results) {
        Map<String, Map<String, List<BenchmarkResult>>> groups = new TreeMap<>();
        for (BenchmarkResult r : results) {
            groups.computeIfAbsent(r.benchmark(), b -> new TreeMap<>()).computeIfAbsent(r.cluster(), c -> new ArrayList<>()).add(r);
        }
        List<BenchmarkStats> stats = new ArrayList<>();
        groups.forEach((benchmark, clusters) -> clusters.forEach((cluster, runs) -> {
            Map<Metric, Double> medians = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                Double median = m == Metric.ERRORS ? total(runs) : median(runs.stream().map(m::of).filter(Objects::nonNull)
                        .mapToDouble(Double::doubleValue).toArray());
                if (median != null) {
                    medians.put(m, median);
                }
            }
            Instant first = runs.stream().map(BenchmarkResult::startedAt).min(Instant::compareTo).orElseThrow();
            Instant last = runs.stream().map(BenchmarkResult::startedAt).max(Instant::compareTo).orElseThrow();
            stats.add(new BenchmarkStats(benchmark, cluster, runs.size(), first, last, medians));
        }));
        return stats;
    }

    /** The middle value, or the mean of the two middle ones; null for none. */
    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Double total(List<BenchmarkResult> runs) {
        double[] errors = runs.stream().map(Metric.ERRORS::of).filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        return errors.length == 0 ? null : Arrays.stream(errors).sum();
    }
}
