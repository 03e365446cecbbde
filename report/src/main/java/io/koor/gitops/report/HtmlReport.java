package io.koor.gitops.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The report page: one HTML file with its style and SVG plots inline, nothing fetched (its
 * Content-Security-Policy forbids scripts and any load). Every string from a result file is escaped.
 */
final class HtmlReport {
    private static final String STYLE = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1400px}
            h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ccc}h3{font-size:15px}
            table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3}
            .plots{display:flex;flex-wrap:wrap;gap:12px}svg.plot{background:#fff;border:1px solid #eee}
            svg .title{font-size:14px;font-weight:bold}svg .tick,svg .legend{font-size:11px;fill:#333}svg .value{font-size:10px;fill:#555}
            svg .grid{stroke:#e4e4e4}svg .axis{stroke:#555}.bad{color:#a00}code{font-size:12px}
            """;

    private HtmlReport() {
    }

    static void write(Writer out, ResultSet set, List<BenchmarkStats> stats, Optional<ClusterComparison> comparison)
            throws IOException {
        List<BenchmarkResult> results = set.results();
        List<String> clusters = stats.stream().map(BenchmarkStats::cluster).distinct().sorted().toList();
        Map<String, List<BenchmarkStats>> byBenchmark = stats.stream()
                .collect(Collectors.groupingBy(BenchmarkStats::benchmark, TreeMap::new, Collectors.toList()));
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                + "<title>Benchmark report</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n<h1>Benchmark report</h1>\n");
        out.write("<p>" + lead(set, byBenchmark.size(), clusters, Text::html) + "</p>\n");
        if (!set.badFiles().isEmpty()) {
            out.write("<section id=\"skipped\"><h2 class=\"bad\">Files skipped (" + set.badFiles().size() + ")</h2>\n<ul>\n");
            for (BadFile bad : set.badFiles()) {
                out.write("<li><code>" + Text.html(bad.toString()) + "</code></li>\n");
            }
            out.write("</ul></section>\n");
        }

        out.write("<section id=\"latency\"><h2>Latency percentiles</h2>\n<p>Per benchmark and cluster, the median over its runs"
                + " of each percentile the runs report.</p>\n<div class=\"plots\">\n");
        for (var e : byBenchmark.entrySet()) {
            List<BenchmarkStats> rows = e.getValue();
            if (rows.stream().noneMatch(s -> Metric.LATENCY.stream().anyMatch(m -> s.value(m) != null))) {
                continue;
            }
            Double[][] values = new Double[rows.size()][Metric.LATENCY.size()];
            for (int s = 0; s < rows.size(); s++) {
                for (int m = 0; m < Metric.LATENCY.size(); m++) {
                    values[s][m] = rows.get(s).value(Metric.LATENCY.get(m));
                }
            }
            out.write(SvgPlot.groupedBars(e.getKey() + ": latency", "ms", Latency.LABELS,
                    rows.stream().map(BenchmarkStats::cluster).toList(), values));
        }
        out.write("</div></section>\n");

        out.write("<section id=\"over-time\"><h2>Throughput and operations over runs</h2>\n<p>Each run at its start time,"
                + " one line per cluster; above " + SvgPlot.MAX_POINTS + " runs a point is the median of consecutive runs.</p>\n"
                + "<div class=\"plots\">\n");
        for (String benchmark : byBenchmark.keySet()) {
            for (Metric m : List.of(Metric.THROUGHPUT, Metric.OPS)) {
                List<SvgPlot.Series> series = new ArrayList<>();
                for (String cluster : clusters) {
                    List<BenchmarkResult> runs = results.stream().filter(r -> r.benchmark().equals(benchmark)
                            && r.cluster().equals(cluster) && m.of(r) != null).toList();
                    if (!runs.isEmpty()) {
                        series.add(new SvgPlot.Series(cluster, runs.stream().map(BenchmarkResult::startedAt).toList(),
                                runs.stream().map(m::of).toList()));
                    }
                }
                if (!series.isEmpty()) {
                    out.write(SvgPlot.timeSeries(benchmark + ": " + m.label(), m.unit(), series));
                }
            }
        }
        out.write("</div></section>\n");

        comparison(out, stats, byBenchmark.keySet(), clusters, comparison);
        medians(out, stats);
        runs(out, results);
        out.write("</body>\n</html>\n");
    }

    /** The opening sentence, the cluster names escaped with {@code escape}. */
    static String lead(ResultSet set, int benchmarks, List<String> clusters, UnaryOperator<String> escape) {
        List<BenchmarkResult> r = set.results();
        String span = r.isEmpty() ? "" : ", from " + Text.time(r.get(0).startedAt()) + " to " + Text.time(r.get(r.size() - 1).startedAt());
        return count(r.size(), "run") + " of " + count(benchmarks, "benchmark") + " on " + (clusters.isEmpty() ? "no cluster"
                : "cluster" + (clusters.size() == 1 ? " " : "s ") + clusters.stream().map(escape).collect(Collectors.joining(", ")))
                + span + "; " + count(set.filesRead(), "result file") + " read, " + set.badFiles().size() + " skipped"
                + (set.otherFiles() == 0 ? "" : ", " + count(set.otherFiles(), "file") + " not named " + escape.apply("*.json")
                        + " left alone") + ".";
    }

    /** "1 run", "2 runs". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void comparison(Writer out, List<BenchmarkStats> stats, java.util.Set<String> benchmarks, List<String> clusters,
            Optional<ClusterComparison> comparison) throws IOException {
        List<String> shown = comparison.map(c -> List.of(c.a(), c.b())).orElse(clusters);
        out.write("<section id=\"clusters\"><h2>" + (comparison.isPresent()
                ? Text.html(comparison.get().b()) + " against " + Text.html(comparison.get().a()) : "Clusters side by side")
                + "</h2>\n<p>The median per benchmark and cluster.</p>\n<div class=\"plots\">\n");
        List<String> names = new ArrayList<>(benchmarks);
        for (Metric m : List.of(Metric.THROUGHPUT, Metric.OPS, Metric.P99)) {
            Double[][] values = new Double[shown.size()][names.size()];
            boolean any = false;
            for (int c = 0; c < shown.size(); c++) {
                for (int b = 0; b < names.size(); b++) {
                    String cluster = shown.get(c);
                    String benchmark = names.get(b);
                    values[c][b] = stats.stream().filter(s -> s.cluster().equals(cluster) && s.benchmark().equals(benchmark))
                            .map(s -> s.value(m)).filter(Objects::nonNull).findFirst().orElse(null);
                    any |= values[c][b] != null;
                }
            }
            if (any) {
                out.write(SvgPlot.groupedBars(m.label() + " by benchmark", m.unit(), names, shown, values));
            }
        }
        out.write("</div>\n");
        if (comparison.isPresent()) {
            ClusterComparison c = comparison.get();
            out.write("<table>\n<tr><th>benchmark</th><th>metric</th><th>" + Text.html(c.a()) + "</th><th>" + Text.html(c.b())
                    + "</th><th>" + Text.html(c.b()) + " vs " + Text.html(c.a()) + "</th></tr>\n");
            for (ClusterComparison.Row row : c.rows()) {
                out.write("<tr><td>" + Text.html(row.benchmark()) + "</td><td>" + Text.html(row.metric().heading()) + "</td>"
                        + num(row.a()) + num(row.b()) + "<td class=\"n\">" + row.change() + "</td></tr>\n");
            }
            out.write("</table>\n");
        }
        out.write("</section>\n");
    }

    private static void medians(Writer out, List<BenchmarkStats> stats) throws IOException {
        out.write("<section id=\"medians\"><h2>Medians per benchmark and cluster</h2>\n<table>\n<tr><th>benchmark</th>"
                + "<th>cluster</th><th>runs</th>");
        for (Metric m : Metric.values()) {
            out.write("<th>" + Text.html(m == Metric.ERRORS ? "errors (total)" : m.heading()) + "</th>");
        }
        out.write("</tr>\n");
        for (BenchmarkStats s : stats) {
            out.write("<tr><td>" + Text.html(s.benchmark()) + "</td><td>" + Text.html(s.cluster()) + "</td><td class=\"n\">"
                    + s.runs() + "</td>");
            for (Metric m : Metric.values()) {
                out.write(num(s.value(m)));
            }
            out.write("</tr>\n");
        }
        out.write("</table></section>\n");
    }

    private static void runs(Writer out, List<BenchmarkResult> results) throws IOException {
        out.write("<section id=\"runs\"><h2>Every run (" + results.size() + ")</h2>\n<table>\n<tr><th>started</th><th>cluster</th>"
                + "<th>benchmark</th><th>tool</th><th>target</th><th>Ceph</th><th>parameters</th>");
        for (Metric m : Metric.values()) {
            out.write("<th>" + Text.html(m.heading()) + "</th>");
        }
        out.write("<th>seconds</th><th>file</th></tr>\n");
        StringBuilder row = new StringBuilder();
        for (BenchmarkResult r : results) {
            row.setLength(0);
            row.append("<tr><td>").append(Text.time(r.startedAt())).append("</td><td>").append(Text.html(r.cluster()))
                    .append("</td><td>").append(Text.html(r.benchmark())).append("</td><td>")
                    .append(Text.html(r.tool() + (r.toolVersion() == null ? "" : " " + r.toolVersion()))).append("</td><td>")
                    .append(Text.html(r.target())).append("</td><td>").append(Text.html(r.cephVersion())).append("</td><td>")
                    .append(Text.html(parameters(r))).append("</td>");
            for (Metric m : Metric.values()) {
                row.append(num(m.of(r)));
            }
            row.append(num(r.duration().toMillis() / 1000.0)).append("<td><code>").append(Text.html(r.file()))
                    .append("</code></td></tr>\n");
            out.write(row.toString());
        }
        out.write("</table></section>\n");
    }

    static String parameters(BenchmarkResult r) {
        return r.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String num(Double v) {
        return "<td class=\"n\">" + Text.number(v) + "</td>";
    }
}
