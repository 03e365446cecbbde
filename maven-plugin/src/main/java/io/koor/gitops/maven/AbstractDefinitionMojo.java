package io.koor.gitops.maven;

import io.koor.gitops.generator.GenerateOptions;
import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.Definitions;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.validator.ValidationOptions;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
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
     * validation (with a warning); the semantic rules run regardless.
     */
    @Parameter(property = "gitops.schemaLocations")
    List<String> schemaLocations = new ArrayList<>();

    /** What a kind without a schema is: {@code skip} (a note) or {@code fail} (an error). */
    @Parameter(property = "gitops.missingSchemas", defaultValue = "skip")
    String missingSchemas;

    /** Where downloaded schemas are kept; the default is ~/.cache/demo-gitops/schemas. */
    @Parameter(property = "gitops.schemaCache")
    File schemaCache;

    /** Never download: remote schema locations are read from the cache only. Maven's -o sets it too. */
    @Parameter(property = "gitops.offline", defaultValue = "${settings.offline}")
    boolean offline;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Override
    final void run() throws Exception {
        run(Definitions.load(definition, projectClassLoader()));
    }

    abstract void run(GitOpsSystem system) throws Exception;

    @Override
    String describe() {
        return definition;
    }

    GenerateOptions options(boolean force) {
        return GenerateOptions.builder(outputDirectory.toPath(), definition).force(force)
                .validation(ValidationOptions.builder().schemaLocations(schemaLocations).missingSchemas(missingSchemas)
                        .schemaCache(schemaCache == null ? null : schemaCache.toPath()).offline(offline).build())
                .build();
    }

    /** The project's compiled classes and runtime dependencies; the plugin's loader is the parent, so model types are shared. */
    private ClassLoader projectClassLoader() {
        try {
            List<URL> urls = new ArrayList<>();
            for (String element : project.getRuntimeClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new ConfigurationException("definition", definition, "cannot build the project's class path: "
                    + e.getMessage());
        }
    }
}
