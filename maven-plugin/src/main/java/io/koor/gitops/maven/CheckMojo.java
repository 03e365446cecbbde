package io.koor.gitops.maven;

import io.koor.gitops.generator.GenerateOptions;
import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.model.GitOpsSystem;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Fails the build, listing the files, when the committed tree is not what the definition generates. */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends AbstractDefinitionMojo {

    @Override
    void run(GitOpsSystem system) throws IOException, MojoFailureException {
        GenerateOptions config = options(false);
        List<String> drift = new GitOpsService(sink()).check(system, config);
        if (!drift.isEmpty()) {
            StringBuilder message = new StringBuilder("The tree in " + config.outputDirectory()
                    + " is not what " + definition + " generates (" + drift.size() + " file(s)):");
            drift.forEach(d -> message.append("\n  - ").append(d));
            message.append("\nRun mvn gitops:generate (the README's generate command) and commit the result.");
            throw new MojoFailureException(message.toString());
        }
        getLog().info("gitops: the tree in " + config.outputDirectory() + " is up to date with " + definition);
    }
}
