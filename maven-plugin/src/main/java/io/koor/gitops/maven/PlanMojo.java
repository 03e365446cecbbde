package io.koor.gitops.maven;

import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Shows what provisioning a cluster would create, keep and delete, and what it costs per month. Changes nothing. */
@Mojo(name = "plan", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PlanMojo extends AbstractProvisioningMojo {
    @Override
    boolean changesProject() {
        return false;
    }

    @Override
    void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options) {
        service.plan(cluster, options);
    }
}
