package io.koor.gitops.maven;

import io.koor.gitops.report.BadFile;
import io.koor.gitops.report.BenchmarkReport;
import io.koor.gitops.report.ProgressLine;
import io.koor.gitops.report.ReportOptions;
import io.koor.gitops.report.ReportOutcome;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The benchmark report: a directory of result files (gitops.koor.io/benchmark-result/v1) into one
 * HTML page with plots and a Markdown summary. Works with or without a pom:
 * {@code mvn io.koor.gitops:gitops-maven-plugin:report -Dgitops.results=DIR}. Files that are not
 * results are listed and fail the build, after the report of the others is written.
 */
@Mojo(name = "report", requiresProject = false, threadSafe = true)
public class ReportMojo extends AbstractGitOpsMojo {

    /** The directory of result files, read recursively. */
    @Parameter(property = "gitops.results", required = true)
    File results;

    /** Where report.html and summary.md go. */
    @Parameter(property = "gitops.reportOutput", defaultValue = "${project.build.directory}/benchmark-report")
    File reportOutput;

    /** Two clusters, A,B: B set against A. Without it, every cluster side by side. */
    @Parameter(property = "gitops.compare")
    List<String> compare = new ArrayList<>();

    @Override
    void run() throws IOException, MojoFailureException {
        ReportOutcome outcome = BenchmarkReport.write(new ReportOptions(results.toPath(), reportOutput.toPath(), compare),
                new ProgressLine(getLog()::info));
        for (BadFile bad : outcome.read().badFiles()) {
            getLog().warn("gitops: skipped " + new File(results, bad.file()) + (bad.line() > 0 ? ":" + bad.line() + ":" + bad.column() : "")
                    + ": " + bad.message());
        }
        getLog().info("gitops: " + outcome.summary() + "; wrote " + outcome.html() + " and " + outcome.markdown());
        if (outcome.anyBadFile()) {
            throw new MojoFailureException("gitops: " + outcome.read().badFiles().size() + " of the files in " + results
                    + " are not benchmark results (listed above); the report shows the others");
        }
    }

    @Override
    String describe() {
        return String.valueOf(results);
    }
}
