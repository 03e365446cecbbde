package io.koor.gitops.maven;

import io.koor.gitops.generator.TreeValidationException;
import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.tree.TreeConflictException;
import io.koor.gitops.model.ModelException;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: {@code skip}, the mapping of core events to Maven's log, and the one
 * place exceptions become Maven failures (violations and bad configuration fail the build; I/O and
 * tool failures are execution errors). All parameters share the {@code gitops.} prefix.
 */
abstract class AbstractGitOpsMojo extends AbstractMojo {

    @Parameter(property = "gitops.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gitops: skipped (gitops.skip=true)");
            return;
        }
        try {
            run();
        } catch (ModelException e) {
            throw new MojoFailureException("The definition " + describe() + " is not valid:\n" + e.getMessage(), e);
        } catch (TreeValidationException | TreeConflictException | DefinitionLoader.DefinitionException
                 | io.koor.gitops.hetzner.Provisioner.ForeignResourceException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoFailureException("gitops: " + e.getMessage(), e);
        } catch (IOException | java.io.UncheckedIOException | io.koor.gitops.hetzner.HcloudException e) {
            throw new MojoExecutionException("gitops: " + e.getMessage(), e);
        }
    }

    /** The goal's one call into the core. */
    abstract void run() throws IOException, MojoFailureException;

    /** What the goal works on, for messages. */
    abstract String describe();

    EventSink sink() {
        return new EventSink() {
            @Override
            public void info(String message) {
                getLog().info(message);
            }

            @Override
            public void warn(String message) {
                getLog().warn(message);
            }
        };
    }
}
