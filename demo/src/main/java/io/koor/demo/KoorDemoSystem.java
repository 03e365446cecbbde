package io.koor.demo;

import io.koor.gitops.model.BlockPool;
import io.koor.gitops.model.ChartSource;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.FailureDomain;
import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Network;
import io.koor.gitops.model.RookCeph;

/**
 * Koor's demo system: {@code demo} is the environment shown to people; {@code staging} has the
 * same shape and runs the next Rook release first, to rehearse the upgrade.
 */
public final class KoorDemoSystem implements GitOpsDefinition {
    static final String CEPH_IMAGE = "quay.io/ceph/ceph:v19.2.3";
    static final String DEMO_ROOK = "v1.20.5";
    static final String STAGING_ROOK = "v1.20.6";

    @Override
    public GitOpsSystem system() {
        return GitOpsSystem.of(cluster("demo", DEMO_ROOK), cluster("staging", STAGING_ROOK));
    }

    private static Cluster cluster(String name, String rookVersion) {
        return Cluster.named(name)
                .kubernetesVersion("1.32.4")
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(4, "cx43", 2, 100)
                .workers(2, "cx33")
                .network(Network.calico())
                .rook(RookCeph.of(ChartSource.rook(rookVersion), CEPH_IMAGE)
                        .mons(3)
                        .mgrs(2)
                        .blockPool(BlockPool.replicated("replicapool", 3)
                                .failureDomain(FailureDomain.HOST)
                                .storageClass("ceph-block")
                                .asDefault()))
                .build();
    }
}
