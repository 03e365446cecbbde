package io.koor.gitops.maven;

import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** The lab goals: a real Ceph on this machine shaped like a cluster, through the same service as {@code ./gitops lab}. */
abstract class AbstractLabMojo extends AbstractDefinitionMojo {
    /** Which cluster of the definition; may be left out when it has only one. */
    @Parameter(property = "gitops.cluster")
    String cluster;

    /** The lab's directory (data, logs, PIDs, connection.json); the default is {@code <tmp>/gitops-lab/<cluster>}. */
    @Parameter(property = "gitops.labDirectory")
    File labDirectory;

    @Override
    final void run(GitOpsSystem system) {
        run(new LabService(getLog()::info), system,
                new LabService.Request(cluster, labDirectory == null ? null : labDirectory.toPath(), bluestore()));
    }

    boolean bluestore() {
        return false;
    }

    abstract void run(LabService service, GitOpsSystem system, LabService.Request request);
}
