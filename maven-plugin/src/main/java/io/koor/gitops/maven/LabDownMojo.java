package io.koor.gitops.maven;

import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Stops every daemon the lab started, by the PIDs it recorded, and removes its directory. */
@Mojo(name = "lab-down", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LabDownMojo extends AbstractLabMojo {
    @Override
    void run(LabService service, GitOpsSystem system, LabService.Request request) {
        service.down(system, request);
    }
}
