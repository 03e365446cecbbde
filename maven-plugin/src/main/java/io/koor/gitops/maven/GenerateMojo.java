package io.koor.gitops.maven;

import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.model.GitOpsSystem;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Renders the definition into the GitOps tree and writes it atomically. Files the generator did
 * not write are never touched; generated files it no longer produces are removed.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class GenerateMojo extends AbstractDefinitionMojo {

    /** Replace or delete generated files even where they were edited by hand. */
    @Parameter(property = "gitops.force", defaultValue = "false")
    boolean force;

    @Override
    void run(GitOpsSystem system) throws IOException {
        new GitOpsService(sink()).generate(system, options(force));
    }
}
