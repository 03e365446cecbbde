package io.koor.gitops.cli;

import io.koor.gitops.report.BadFile;
import io.koor.gitops.report.BenchmarkReport;
import io.koor.gitops.report.ProgressLine;
import io.koor.gitops.report.ReportOptions;
import io.koor.gitops.report.ReportOutcome;
import io.koor.gitops.report.BenchmarkResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./gitops report DIR [--out OUTDIR] [--compare A,B]}: the benchmark report over {@link BenchmarkReport}. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turn a directory of benchmark results into one HTML page with plots and a Markdown summary.",
            "Reads the result files (" + BenchmarkResult.SCHEMA + ", *.json) below DIR and writes a self-contained page"
                + " (OUTDIR/" + BenchmarkReport.HTML + ") and a summary (OUTDIR/" + BenchmarkReport.MARKDOWN + ").",
            "Files that are not such results are listed and skipped; the exit status is then 1."})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the directory of result files")
    Path results;

    @Option(names = "--out", paramLabel = "OUTDIR", defaultValue = "benchmark-report",
            description = "where the page and the summary go (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--compare", paramLabel = "A,B", split = ",", description = "set cluster B against cluster A"
            + " (without it, every cluster side by side)")
    List<String> compare = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results, out, compare), new ProgressLine(line -> {
            err.println(line);
            err.flush();
        }));
        for (BadFile bad : outcome.read().badFiles()) {
            err.println(name + ": skipped " + results.resolve(bad.file()) + (bad.line() > 0 ? ":" + bad.line() + ":" + bad.column() : "")
                    + ": " + bad.message());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(name + ": " + outcome.summary() + "; wrote " + outcome.html() + " and " + outcome.markdown());
        stdout.flush();
        err.flush();
        return outcome.anyBadFile() ? CliFailures.FINDINGS : 0;
    }
}
