package io.koor.gitops.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark report, the one call both front ends make: reads a directory of result files and
 * writes {@value #HTML} (plots, every run) and {@value #MARKDOWN} (key numbers) into the output
 * directory. Bad files are skipped and listed in both, and in the outcome; the same input gives
 * byte-identical output.
 */
public final class BenchmarkReport {
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "summary.md";

    private BenchmarkReport() {
    }

    /**
     * @throws io.koor.gitops.model.ConfigurationException when {@code compare} is not two clusters
     *         of the results, or the directory holds no result file
     * @throws IOException when the directory cannot be read or the output written
     */
    public static ReportOutcome write(ReportOptions options, ReportListener listener) throws IOException {
        ResultSet set = ResultDirectory.read(options.results(), listener);
        if (set.filesRead() == 0) {
            throw io.koor.gitops.model.ConfigurationException.ofEnvironment(options.results()
                    + " holds no benchmark result files (*.json, schema " + BenchmarkResult.SCHEMA + ")");
        }
        List<BenchmarkStats> stats = BenchmarkStats.of(set.results());
        Optional<ClusterComparison> comparison = options.compare().isEmpty() ? Optional.empty()
                : Optional.of(ClusterComparison.of("compare", options.compare(), stats));
        Files.createDirectories(options.out());
        Path html = options.out().resolve(HTML);
        Path markdown = options.out().resolve(MARKDOWN);
        // each file appears whole or not at all: written beside, then moved over
        Path htmlPart = options.out().resolve(HTML + ".part");
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(htmlPart, StandardCharsets.UTF_8), 1 << 16)) {
            HtmlReport.write(out, set, stats, comparison);
        }
        Path markdownPart = options.out().resolve(MARKDOWN + ".part");
        Files.writeString(markdownPart, MarkdownSummary.render(set, stats, comparison), StandardCharsets.UTF_8);
        Files.move(htmlPart, html, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(markdownPart, markdown, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ReportOutcome(set, html, markdown);
    }
}
