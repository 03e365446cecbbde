package io.koor.gitops.model.presets;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.DaemonResources;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Network;

/**
 * Configurations that work, one call away. Each returns a builder with everything set, to extend
 * or change before {@code build()}: {@code Patterns.minimalProduction("demo").workers(3, "cx43").build()}.
 * Every pattern is tested to render and validate with no error.
 */
public final class Patterns {
    private Patterns() {
    }

    private static RookCeph rook() {
        return RookCeph.of(ChartSource.rook(Versions.ROOK), Versions.CEPH_IMAGE);
    }

    /**
     * The smallest cluster for data anyone wants back: 1 control-plane node, 4 storage nodes with 2
     * drives each, 3 copies with host failure domain (a host can fail, and there is a fourth to heal
     * onto), 3 monitors, 2 managers.
     */
    public static Cluster.Builder minimalProduction(String name) {
        return Cluster.named(name)
                .kubernetesVersion(Versions.KUBERNETES)
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(4, "cx43", 2, 100)
                .workers(2, "cx33")
                .network(Network.calico())
                .rook(rook().mons(3).mgrs(2)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault()));
    }

    /**
     * Nothing single: 3 control-plane nodes, 5 storage nodes dedicated to Ceph with 5 monitors,
     * block, file (active MDS with standby) and object storage (2 gateways), monitoring and alerts.
     */
    public static Cluster.Builder highlyAvailable(String name) {
        return Cluster.named(name)
                .kubernetesVersion(Versions.KUBERNETES)
                .location("fsn1")
                .controlPlane(3, "cx33")
                .storageNodes(5, "cx53", 3, 250)
                .workers(3, "cx43")
                .network(Network.cilium())
                .rook(rook().mons(5).mgrs(2)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .filesystem(Filesystem.named("cephfs").activeMds(1, true))
                        .objectStore(ObjectStore.named("objectstore").gateways(2))
                        .dedicateStorageNodes()
                        .monitoring(true));
    }

    /**
     * One storage node and one copy of everything, with Rook's test settings: for trying things out.
     * Not for production, and its README says so (see {@link ProductionReadiness}).
     */
    public static Cluster.Builder singleNodeExperiment(String name) {
        return Cluster.named(name)
                .kubernetesVersion(Versions.KUBERNETES)
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(1, "cx43", 2, 50)
                .network(Network.calico())
                .rook(rook().mons(1).mgrs(1).daemonResources(DaemonResources.testing())
                        .blockPool(BlockPool.singleCopyForTesting("scratch").storageClass("ceph-block").asDefault()));
    }

    /**
     * Mostly buckets: an erasure-coded (4+2, 1.5x raw) data pool behind 4 gateways, on 7 storage
     * nodes so that a failed host's chunks can be rebuilt on another.
     */
    public static Cluster.Builder objectStorageHeavy(String name) {
        return Cluster.named(name)
                .kubernetesVersion(Versions.KUBERNETES)
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(7, "cx53", 4, 500)
                .workers(2, "cx43")
                .network(Network.calico())
                .rook(rook().mons(3).mgrs(2)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .objectStore(ObjectStore.named("objectstore").dataPool(PoolSpec.erasureCoded(4, 2)).gateways(4)));
    }

    /**
     * Databases: dedicated-vCPU storage nodes, and a 3-copy pool on the ssd device class, without
     * compression, as the database's own StorageClass beside the general one.
     */
    public static Cluster.Builder databaseHeavy(String name) {
        return Cluster.named(name)
                .kubernetesVersion(Versions.KUBERNETES)
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(4, "ccx33", 3, 200)
                .workers(3, "ccx23")
                .network(Network.calico())
                .rook(rook().mons(3).mgrs(2)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .blockPool(BlockPool.replicated("database", 3).deviceClass("ssd").storageClass("ceph-database"))
                        .dedicateStorageNodes());
    }
}
