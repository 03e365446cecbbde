package io.koor.gitops.maven;

import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.generator.TreeValidationException;
import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.schema.SchemaValidator;
import io.koor.gitops.generator.tree.TreeConflictException;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ModelException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: its parameters (all under the {@code gitops.} prefix), loading the
 * definition from the project's classes, and the one place exceptions become Maven failures.
 * A goal checks {@code skip}, builds the config, and calls one service method.
 */
abstract class AbstractGitOpsMojo extends AbstractMojo {

    /** Fully qualified name of the project's class implementing {@code io.koor.gitops.model.GitOpsDefinition}. */
    @Parameter(property = "gitops.definition", required = true)
    String definition;

    /** Directory that receives {@code clusters/}, {@code infrastructure/} and {@code apps/}. */
    @Parameter(property = "gitops.outputDirectory", defaultValue = "${project.basedir}")
    File outputDirectory;

    /**
     * Schema locations in kubeconform's template syntax, tried in order. Empty skips schema
     * validation (with a warning).
     */
    @Parameter(property = "gitops.schemaLocations")
    List<String> schemaLocations = new ArrayList<>();

    /** What a kind without a schema is: {@code skip} (a note) or {@code fail} (an error). */
    @Parameter(property = "gitops.missingSchemas", defaultValue = "skip")
    String missingSchemas;

    @Parameter(property = "gitops.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("gitops: skipped (gitops.skip=true)");
            return;
        }
        try {
            GitOpsSystem system = new DefinitionLoader(project).load(definition);
            run(new GitOpsService(sink()), system, config(false));
        } catch (ModelException e) {
            throw new MojoFailureException("The definition " + definition + " is not valid:\n" + e.getMessage(), e);
        } catch (TreeValidationException | TreeConflictException | DefinitionLoader.DefinitionException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoFailureException("gitops: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("gitops: " + e.getMessage(), e);
        }
    }

    abstract void run(GitOpsService service, GitOpsSystem system, GitOpsService.Config config)
            throws IOException, MojoFailureException;

    GitOpsService.Config config(boolean force) {
        SchemaValidator.MissingSchemaPolicy policy;
        try {
            policy = SchemaValidator.MissingSchemaPolicy.valueOf(missingSchemas.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gitops.missingSchemas=" + missingSchemas + ": use skip or fail", e);
        }
        return new GitOpsService.Config(outputDirectory.toPath().toAbsolutePath().normalize(), definition,
                schemaLocations, policy, force);
    }

    private EventSink sink() {
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
