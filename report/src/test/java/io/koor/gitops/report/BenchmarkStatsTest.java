package io.koor.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BenchmarkStatsTest {
    private static BenchmarkResult run(String benchmark, String cluster, int minute, Double ops, Double p99, Long errors) {
        Instant at = Instant.parse("2026-12-02T18:00:00Z").plusSeconds(60L * minute);
        return new BenchmarkResult(benchmark + "-" + cluster + "-" + minute + ".json", benchmark, "fio", "3.33", "rbd", cluster,
                "16.2.15", at, at.plusSeconds(30), new TreeMap<>(), new Summary(ops == null ? null : ops * 4096, ops,
                        new Latency(null, null, p99, null, null), errors));
    }

    @Test
    void theMedianOfOddAndEvenCountsAndOfNone() {
        assertThat(BenchmarkStats.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(BenchmarkStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BenchmarkStats.median(new double[] {7})).isEqualTo(7.0);
        assertThat(BenchmarkStats.median(new double[0])).isNull();
    }

    @Test
    void groupsByBenchmarkAndClusterSortedAndSkipsNulls() {
        List<BenchmarkStats> stats = BenchmarkStats.of(List.of(
                run("rados-bench", "staging", 1, 100.0, 5.0, 0L),
                run("fio-rbd", "staging", 2, null, null, null),
                run("fio-rbd", "demo", 3, 1000.0, 2.0, 1L),
                run("fio-rbd", "demo", 4, 3000.0, null, 2L),
                run("fio-rbd", "demo", 5, 2000.0, 4.0, null)));
        assertThat(stats).extracting(s -> s.benchmark() + "/" + s.cluster())
                .containsExactly("fio-rbd/demo", "fio-rbd/staging", "rados-bench/staging");
        BenchmarkStats demo = stats.get(0);
        assertThat(demo.runs()).isEqualTo(3);
        assertThat(demo.value(Metric.OPS)).isEqualTo(2000.0);
        assertThat(demo.value(Metric.THROUGHPUT)).isEqualTo(2000.0 * 4096 / (1024 * 1024));
        assertThat(demo.value(Metric.P99)).as("median of the two runs that report it").isEqualTo(3.0);
        assertThat(demo.value(Metric.P50)).isNull();
        assertThat(demo.value(Metric.ERRORS)).as("errors add up").isEqualTo(3.0);
        assertThat(demo.first()).isEqualTo(Instant.parse("2026-12-02T18:03:00Z"));
        assertThat(demo.last()).isEqualTo(Instant.parse("2026-12-02T18:05:00Z"));
        BenchmarkStats failed = stats.get(1);
        assertThat(failed.runs()).isEqualTo(1);
        assertThat(failed.values()).isEmpty();
    }

    @Test
    void aComparisonSetsTheSecondClusterAgainstTheFirst() {
        List<BenchmarkStats> stats = BenchmarkStats.of(List.of(run("fio-rbd", "demo", 1, 1000.0, 2.0, 0L),
                run("fio-rbd", "staging", 2, 1500.0, 1.0, 0L), run("only-demo", "demo", 3, 1.0, 1.0, 0L)));
        ClusterComparison c = ClusterComparison.of("compare", List.of("demo", "staging"), stats);
        assertThat(c.rows()).extracting(ClusterComparison.Row::benchmark).containsOnly("fio-rbd");
        assertThat(c.rows()).filteredOn(r -> r.metric() == Metric.OPS).singleElement()
                .satisfies(r -> assertThat(r.change()).isEqualTo("+50.0%"));
        assertThat(c.rows()).filteredOn(r -> r.metric() == Metric.P99).singleElement()
                .satisfies(r -> assertThat(r.change()).isEqualTo("-50.0%"));
        assertThat(c.rows()).filteredOn(r -> r.metric() == Metric.ERRORS).singleElement()
                .satisfies(r -> assertThat(r.change()).as("nothing to divide by").isEqualTo("-"));
    }

    @Test
    void numbersPrintWithThreeSignificantDigitsOrWhole() {
        assertThat(Text.number(0.0123456)).isEqualTo("0.0123");
        assertThat(Text.number(1.0)).isEqualTo("1");
        assertThat(Text.number(84.2473)).isEqualTo("84.2");
        assertThat(Text.number(999.6)).isEqualTo("1000");
        assertThat(Text.number(21555.888)).isEqualTo("21,556");
        assertThat(Text.number(null)).isEqualTo("-");
    }

    @Test
    void axesEndOnARoundNumberAtOrAboveTheLargestValue() {
        assertThat(SvgPlot.niceMax(40.5)).isEqualTo(50.0);
        assertThat(SvgPlot.niceMax(8.09)).isEqualTo(10.0);
        assertThat(SvgPlot.niceMax(117)).isEqualTo(125.0);
        assertThat(SvgPlot.niceMax(0)).isEqualTo(1.0);
        assertThat(SvgPlot.niceMax(0.3)).isEqualTo(0.5);
    }

    @Test
    void longSeriesAreDrawnAsMediansOfConsecutiveRuns() {
        List<Instant> times = new java.util.ArrayList<>();
        List<Double> values = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            times.add(Instant.ofEpochSecond(i));
            values.add((double) i);
        }
        SvgPlot.Series thin = SvgPlot.thin(new SvgPlot.Series("demo", times, values));
        assertThat(thin.times()).hasSize(SvgPlot.MAX_POINTS);
        // 2.5 runs a point: runs 0 and 1 make the first (median 0.5, at run 0's time), 997 to 999 the last
        assertThat(thin.values().get(0)).isEqualTo(0.5);
        assertThat(thin.times().get(0)).isEqualTo(Instant.ofEpochSecond(0));
        assertThat(thin.values().get(SvgPlot.MAX_POINTS - 1)).isEqualTo(998.0);
        assertThat(thin.times().get(SvgPlot.MAX_POINTS - 1)).isEqualTo(Instant.ofEpochSecond(998));
        assertThat(SvgPlot.thin(new SvgPlot.Series("s", times.subList(0, 10), values.subList(0, 10))).times()).hasSize(10);
    }
}
