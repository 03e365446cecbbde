package io.koor.gitops.report;

import io.koor.gitops.model.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Cluster {@code b} against cluster {@code a}, benchmark by benchmark, on the benchmarks both ran. */
public record ClusterComparison(String a, String b, List<Row> rows) {
    /** The metrics a comparison shows. */
    public static final List<Metric> METRICS = List.of(Metric.THROUGHPUT, Metric.OPS, Metric.P50, Metric.P99, Metric.MAX,
            Metric.ERRORS);

    /** One metric of one benchmark on both clusters; values null when not reported. */
    public record Row(String benchmark, Metric metric, Double a, Double b) {
        /** "+12.3%", "-4.0%", or "-" without two values or from 0. */
        public String change() {
            if (a == null || b == null || a == 0) {
                return "-";
            }
            return String.format(Locale.ROOT, "%+.1f%%", (b - a) / a * 100);
        }
    }

    public ClusterComparison {
        rows = List.copyOf(rows);
    }

    /**
     * The value of {@code --compare}: two different cluster names, "A,B", both in the results.
     * @throws ConfigurationException naming the clusters there are, when not
     */
    public static ClusterComparison of(String setting, List<String> clusters, List<BenchmarkStats> stats) {
        Set<String> known = new TreeSet<>();
        stats.forEach(s -> known.add(s.cluster()));
        String value = String.join(",", clusters);
        if (clusters.size() != 2 || clusters.get(0).equals(clusters.get(1))) {
            throw new ConfigurationException(setting, value, "give two different clusters, A,B (the results have "
                    + String.join(", ", known) + ")");
        }
        for (String c : clusters) {
            if (!known.contains(c)) {
                throw new ConfigurationException(setting, value, "no results of cluster '" + c + "'; the results have "
                        + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        String a = clusters.get(0);
        String b = clusters.get(1);
        List<Row> rows = new ArrayList<>();
        for (BenchmarkStats sa : stats) {
            if (!sa.cluster().equals(a)) {
                continue;
            }
            stats.stream().filter(sb -> sb.cluster().equals(b) && sb.benchmark().equals(sa.benchmark())).findFirst()
                    .ifPresent(sb -> METRICS.forEach(m -> rows.add(new Row(sa.benchmark(), m, sa.value(m), sb.value(m)))));
        }
        return new ClusterComparison(a, b, rows);
    }
}
