package io.koor.gitops.maven;

import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.model.GitOpsSystem;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Goals that work from the project's definition class: they load it, then call one service method. */
abstract class AbstractDefinitionMojo extends AbstractGitOpsMojo {

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

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    final void run() throws IOException, MojoFailureException {
        run(new DefinitionLoader(project).load(definition));
    }

    abstract void run(GitOpsSystem system) throws IOException, MojoFailureException;

    @Override
    String describe() {
        return definition;
    }

    GitOpsService.Config config(boolean force) {
        return new GitOpsService.Config(outputDirectory.toPath().toAbsolutePath().normalize(), definition,
                schemaLocations, Options.missingSchemas(missingSchemas), force);
    }
}
