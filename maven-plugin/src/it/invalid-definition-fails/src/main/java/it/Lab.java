package it;

import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;

public class Lab implements GitOpsDefinition {
    @Override
    public GitOpsSystem system() {
        return GitOpsSystem.of(Cluster.named("lab")
                .kubernetesVersion("1.32.4")
                .location("hel1")
                .controlPlane(1, "cx33")
                .storageNodes(2, "cx43", 2, 50)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6").mons(1).mgrs(1)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault()))
                .build());
    }
}
