package io.koor.gitops.maven;

import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Deletes everything carrying the cluster's labels, and nothing else (with -Dgitops.confirm=true). */
@Mojo(name = "destroy", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DestroyMojo extends AbstractProvisioningMojo {
    @Override
    void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options) {
        service.destroy(cluster, options);
    }
}
