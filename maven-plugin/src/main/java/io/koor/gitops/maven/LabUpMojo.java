package io.koor.gitops.maven;

import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Starts the lab: a real Ceph shaped like the cluster, with the pools, filesystems, gateways and buckets Rook would create. */
@Mojo(name = "lab-up", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LabUpMojo extends AbstractLabMojo {
    /** OSDs on BlueStore in sparse files instead of memory (erasure-coded RBD and CephFS data need it). */
    @Parameter(property = "gitops.bluestore", defaultValue = "false")
    boolean bluestore;

    @Override
    boolean bluestore() {
        return bluestore;
    }

    @Override
    void run(LabService service, GitOpsSystem system, LabService.Request request) {
        service.up(system, request);
    }
}
