package io.koor.gitops.report;

import java.util.List;
import java.util.Optional;

/** {@code summary.md}: the report's key numbers as Markdown, for a pull request or an issue. */
final class MarkdownSummary {
    private MarkdownSummary() {
    }

    static String render(ResultSet set, List<BenchmarkStats> stats, Optional<ClusterComparison> comparison) {
        List<String> clusters = stats.stream().map(BenchmarkStats::cluster).distinct().sorted().toList();
        long benchmarks = stats.stream().map(BenchmarkStats::benchmark).distinct().count();
        StringBuilder md = new StringBuilder("# Benchmark report\n\n");
        md.append(HtmlReport.lead(set, (int) benchmarks, clusters, Text::markdown)).append("\n\n");
        md.append("## Medians per benchmark and cluster\n\n| benchmark | cluster | runs |");
        for (Metric m : Metric.values()) {
            md.append(' ').append(m == Metric.ERRORS ? "errors (total)" : m.heading()).append(" |");
        }
        md.append("\n| --- | --- | ---: |").append(" ---: |".repeat(Metric.values().length)).append('\n');
        for (BenchmarkStats s : stats) {
            md.append("| ").append(Text.markdown(s.benchmark())).append(" | ").append(Text.markdown(s.cluster())).append(" | ")
                    .append(s.runs()).append(" |");
            for (Metric m : Metric.values()) {
                md.append(' ').append(Text.number(s.value(m))).append(" |");
            }
            md.append('\n');
        }
        comparison.ifPresent(c -> {
            md.append("\n## ").append(Text.markdown(c.b())).append(" against ").append(Text.markdown(c.a())).append("\n\n| benchmark | metric | ")
                    .append(Text.markdown(c.a())).append(" | ").append(Text.markdown(c.b())).append(" | change |\n| --- | --- | ---: | ---: | ---: |\n");
            for (ClusterComparison.Row row : c.rows()) {
                md.append("| ").append(Text.markdown(row.benchmark())).append(" | ").append(row.metric().heading())
                        .append(" | ").append(Text.number(row.a())).append(" | ").append(Text.number(row.b())).append(" | ")
                        .append(row.change()).append(" |\n");
            }
            if (c.rows().isEmpty()) {
                md.append("\nNo benchmark ran on both clusters.\n");
            }
        });
        if (!set.badFiles().isEmpty()) {
            md.append("\n## Files skipped\n\n");
            for (BadFile bad : set.badFiles()) {
                md.append("- ").append(Text.markdown(bad.toString())).append('\n');
            }
        }
        return md.toString();
    }
}
