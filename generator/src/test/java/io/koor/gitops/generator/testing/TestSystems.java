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

    /**
     * A cluster running typed applications: a web server behind the ingress with a certificate, a
     * StatefulSet on a block class, an on-demand CronJob and a Job using a bucket and a generator file,
     * and a second application that talks to the first.
     */
    public static Cluster withApplications(String name) {
        return withApplications(name, io.koor.gitops.model.cluster.Platform.whenNeeded());
    }

    /** The same cluster with its own choice of what the tree installs (an ingress controller of its own, say). */
    public static Cluster withApplications(String name, io.koor.gitops.model.cluster.Platform platform) {
        var small = io.koor.gitops.model.values.Resources.of(50, 64, 128);
        String nginx = "docker.io/nginxinc/nginx-unprivileged:1.29.5-alpine";
        String busybox = "docker.io/library/busybox:1.37.0";
        var site = io.koor.gitops.model.apps.Application.named("site")
                .config(io.koor.gitops.model.apps.AppConfig.named("web")
                        .text("default.conf", "server {\n    listen 8080;\n    root /usr/share/nginx/html;\n}\n"))
                .config(io.koor.gitops.model.apps.AppConfig.named("scripts")
                        .resource("report.sh", "testing/report.sh")
                        .binary("favicon.ico", new byte[] {0, 0, 1, 0}))
                .workload(io.koor.gitops.model.apps.Workload.deployment("web", nginx, small).user(101).replicas(2)
                        .port("http", 8080).mountFile("web", "default.conf", "/etc/nginx/conf.d/default.conf"))
                .workload(io.koor.gitops.model.apps.Workload.statefulSet("files", busybox, small).replicas(2)
                        .command("httpd", "-f", "-p", "8081", "-h", "/data").port("http", 8081)
                        .claim("data", "/data", "ceph-block", 5))
                .workload(io.koor.gitops.model.apps.Workload.onDemand("report", busybox, small)
                        .command("sh", "/scripts/report.sh").mount("scripts", "/scripts").bucket("site-content"))
                .workload(io.koor.gitops.model.apps.Workload.job("seed", busybox, small)
                        .command("sh", "-c", "echo seeding ${BUCKET_NAME}").env("LOG_LEVEL", "info")
                        .bucket("site-content"))
                .route(io.koor.gitops.model.apps.WebRoute.to("www.site.example.com", "web", "http")
                        .certificateFrom(io.koor.gitops.model.values.AcmeIssuer.LETS_ENCRYPT_STAGING));
        var probe = io.koor.gitops.model.apps.Application.named("probe")
                .workload(io.koor.gitops.model.apps.Workload.cronJob("check", busybox, small, "*/10 * * * *")
                        .command("wget", "-q", "-O", "/dev/null", "http://web.site.svc:8080/"))
                .talksTo("site");
        // an application whose nightly export reads the PostgreSQL cluster of another namespace
        var ledger = io.koor.gitops.model.apps.Application.named("ledger")
                .workload(io.koor.gitops.model.apps.Workload.cronJob("export", "docker.io/library/postgres:17.6-alpine",
                                small, "0 2 * * *").user(70)
                        .command("psql", "-c", "SELECT count(*) FROM pg_tables").database("shopdb"));
        return Cluster.named(name)
                .kubernetesVersion("1.32.4")
                .location("nbg1")
                .controlPlane(1, "cx33")
                .storageNodes(4, "cx43", 2, 200)
                .workers(2, "cx33")
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6")
                        .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault())
                        .objectStore(io.koor.gitops.model.ceph.ObjectStore.named("objectstore")
                                .bucket("site", "site-content")))
                .apps(apps -> apps.application(site).application(probe).application(ledger)
                        .postgres(io.koor.gitops.model.apps.PostgresCluster.named("shopdb", "database", "ceph-block")))
                .platform(platform)
                .build();
    }

    public static GitOpsSystem oneCluster() {
        return GitOpsSystem.of(cluster("lab", 3, "v1.20.6"));
    }
}
