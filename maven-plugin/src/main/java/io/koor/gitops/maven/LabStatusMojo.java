package io.koor.gitops.maven;

import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Health, OSDs, pools and PG states of the running lab. */
@Mojo(name = "lab-status", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LabStatusMojo extends AbstractLabMojo {
    @Override
    void run(LabService service, GitOpsSystem system, LabService.Request request) {
        service.status(system, request);
    }
}
