package io.koor.gitops.maven;

import io.koor.gitops.generator.events.EventSink;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: {@code skip}, the mapping of core events to Maven's log, and
 * {@link MavenFailures}, the one place exceptions become Maven failures. All parameters share the
 * {@code gitops.} prefix.
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
        } catch (Exception e) {
            Exception mapped = MavenFailures.map(e, describe());
            if (mapped instanceof MojoFailureException failure) {
                throw failure;
            }
            throw (MojoExecutionException) mapped;
        }
    }

    /** The goal's one call into the core. */
    abstract void run() throws Exception;

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
