package io.koor.gitops.generator.testing;

import io.koor.gitops.model.BlockPool;
import io.koor.gitops.model.ChartSource;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.RookCeph;

/** Small definitions the tests render. */
public final class TestSystems {
    private TestSystems() {
    }

    public static Cluster cluster(String name, int storageNodes, String chartVersion) {
        return Cluster.named(name)
                .kubernetesVersion("1.32.4")
                .location("nbg1")
                .controlPlane(1, "cx33")
                .storageNodes(storageNodes, "cx43", 3, 200)
                .workers(1, "cx33")
                .rook(RookCeph.of(ChartSource.rook(chartVersion), "quay.io/ceph/ceph:v19.2.3")
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .blockPool(BlockPool.replicated("bulk", 2)))
                .build();
    }

    public static GitOpsSystem oneCluster() {
        return GitOpsSystem.of(cluster("lab", 3, "v1.20.6"));
    }
}
