package io.koor.gitops.generator.testing;

import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;

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
                .rook(RookCeph.of(ChartSource.rook(chartVersion), "quay.io/ceph/ceph:v19.2.6")
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .blockPool(BlockPool.replicated("bulk", 2)))
                .build();
    }

    /** Everything the model offers, so that every renderer's output meets the schemas and kustomize. */
    public static Cluster full(String name) {
        return Cluster.named(name)
                .kubernetesVersion("1.32.4")
                .location("fsn1")
                .controlPlane(3, "cx33")
                .storageNodes(7, "ccx33", 3, 500)
                .workers(3, "cx43")
                .network(io.koor.gitops.model.cluster.Network.cilium().withMultus())
                .rook(RookCeph.of(ChartSource.koorKsd("v1.20.6"), "quay.io/ceph/ceph:v19.2.6")
                        .mons(5)
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .blockPool(BlockPool.erasureCoded("ec-block", 4, 2).storageClass("ceph-block-ec")
                                .compression(io.koor.gitops.model.ceph.Compression.AGGRESSIVE))
                        .blockPool(BlockPool.replicated("fast", 3).deviceClass("nvme").storageClass("ceph-nvme"))
                        .filesystem(io.koor.gitops.model.ceph.Filesystem.named("shared")
                                .dataPool("ec", io.koor.gitops.model.ceph.PoolSpec.erasureCoded(4, 2)).activeMds(2, true))
                        .objectStore(io.koor.gitops.model.ceph.ObjectStore.named("s3")
                                .dataPool(io.koor.gitops.model.ceph.PoolSpec.erasureCoded(4, 2)).gateways(3).tls("s3-tls")
                                .bucket("cdn", "static-site").bucket("backups", "db-backups")
                                .bucket("velero", "cluster-backups")
                                .user("streaming", "Streaming service"))
                        .network(io.koor.gitops.model.ceph.CephNetwork.multus("rook-ceph/public-net", "rook-ceph/cluster-net"))
                        .dedicateStorageNodes()
                        .encryptedAtRest()
                        .monitoring(true)
                        .dashboard(io.koor.gitops.model.ceph.DashboardIngress.at("ceph.lab.example.com", "nginx").tls("ceph-tls")
                                .certificateFrom(io.koor.gitops.model.values.AcmeIssuer.LETS_ENCRYPT_PRODUCTION)))
                .apps(apps -> apps
                        .postgres(io.koor.gitops.model.apps.PostgresCluster.named("orders", "backups", "ceph-block")
                                .backup(io.koor.gitops.model.apps.BarmanBackup.toBucket("db-backups").retention("14d"))
                                .restoreInto("orders-restore").restoreTo("2026-12-01T06:00:00Z"))
                        .postgres(io.koor.gitops.model.apps.PostgresCluster.named("catalog", "shop", "ceph-nvme")
                                .instances(2).size(20))
                        .velero(io.koor.gitops.model.apps.VeleroBackups.toBucket("cluster-backups").schedules(
                                io.koor.gitops.model.apps.VeleroBackups.Schedule.of("nightly", "0 3 * * *", "720h"),
                                io.koor.gitops.model.apps.VeleroBackups.Schedule.of("shop-hourly", "15 * * * *", "48h",
                                        "shop"))))
                .monitoring(io.koor.gitops.model.monitoring.Monitoring.kubePrometheusStack().probe("https://www.example.com/"))
                .access(io.koor.gitops.model.access.Access.none().platformAdmins("platform-admins").guests("demo-guests"))
                .build();
    }

    public static GitOpsSystem oneCluster() {
        return GitOpsSystem.of(cluster("lab", 3, "v1.20.6"));
    }
}
