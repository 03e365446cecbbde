package io.koor.gitops.maven;

import io.koor.gitops.generator.TreeValidationException;
import io.koor.gitops.generator.tree.TreeConflictException;
import io.koor.gitops.hetzner.HcloudException;
import io.koor.gitops.hetzner.Provisioner;
import io.koor.gitops.lab.LabException;
import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ReportFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place the core's exceptions become Maven's: what the user must change (the definition,
 * a setting, the tree) fails the build; what could not run (I/O, a tool, the API) is an execution
 * error. Settings are spelt the way a pom or a command line writes them: {@code gitops.name=value}.
 */
final class MavenFailures {
    static final ConfigurationException.Spelling SPELLING = (setting, value) -> "gitops." + setting + "=" + value;

    private MavenFailures() {
    }

    static Exception map(Exception e, String definition) {
        if (e instanceof MojoFailureException || e instanceof MojoExecutionException) {
            return e;
        }
        if (e instanceof ModelException model) {
            return new MojoFailureException("The definition " + definition + " is not valid:\n" + model.getMessage(), e);
        }
        if (e instanceof ConfigurationException config) {
            return new MojoFailureException("gitops: " + config.message(SPELLING), e);
        }
        if (e instanceof TreeValidationException invalid) {
            return new MojoFailureException("gitops: " + invalid.getMessage() + "\n"
                    + errorsOnly(ReportFormat.TEXT.render(invalid.report())), e);
        }
        if (e instanceof TreeConflictException conflict) {
            return new MojoFailureException(conflict.getMessage() + "\nTo discard hand edits of generated files, run"
                    + " generate with -Dgitops.force=true.", e);
        }
        if (e instanceof Provisioner.ForeignResourceException) {
            return new MojoFailureException("gitops: " + e.getMessage(), e);
        }
        if (e instanceof IllegalArgumentException) {
            return new MojoFailureException("gitops: " + e.getMessage(), e); // a value the core refused
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof HcloudException
                || e instanceof LabException) {
            return new MojoExecutionException("gitops: " + e.getMessage(), e);
        }
        return new MojoExecutionException("gitops: internal error, please report it with the command that caused it: " + e, e);
    }

    /** The text report without its warnings and notes: those were logged as warnings already. */
    private static String errorsOnly(String text) {
        StringBuilder out = new StringBuilder();
        boolean keep = false;
        for (String line : text.split("\n")) {
            if (!line.startsWith(" ")) {
                keep = line.contains(": " + Severity.ERROR.name().toLowerCase(java.util.Locale.ROOT) + " [")
                        || !line.contains(" [");
            }
            if (keep) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }
}
