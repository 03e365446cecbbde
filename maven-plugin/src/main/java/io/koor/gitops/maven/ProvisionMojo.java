package io.koor.gitops.maven;

import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Creates the cluster's Hetzner servers, volumes, network, firewall and placement groups (with -Dgitops.confirm=true). */
@Mojo(name = "provision", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ProvisionMojo extends AbstractProvisioningMojo {
    @Override
    void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options) throws IOException {
        service.provision(system, cluster, options);
    }
}
