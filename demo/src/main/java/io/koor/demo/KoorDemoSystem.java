package io.koor.demo;

import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.MariaDbBackup;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.apps.Streaming;
import io.koor.gitops.model.apps.StaticSiteCdn;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.access.SingleSignOn;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.koor.DataControlCenter;
import io.koor.gitops.model.monitoring.Logs;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;

/**
 * Koor's demo system: {@code demo} is the environment shown to people; {@code staging} has the
 * same shape and runs the next Kubernetes minor, Rook and Ceph first, to rehearse the upgrade. Both
 * start from the minimal production pattern and add the file and object storage the demo
 * applications use: a shared filesystem, and buckets for the CDN's static site and the database backups;
 * the PostgreSQL database (three instances on the block pool), backed up to its bucket; and Velero, which
 * backs the cluster's objects up to a bucket and its volumes up as CSI snapshots every night; and the live
 * stream (a test pattern and tone) into its bucket, watchable at {@code stream.<cluster>.koor.tech};
 * and the static site, served from its bucket through a caching nginx at {@code site.<cluster>.koor.tech} (the DNS record, pointing
 * at the load balancer in front of the ingress controller's node ports, is made outside Git);
 * Koor's Data Control Center, read-only, at {@code dcc.<cluster>.koor.tech}; every pod's logs in Loki on a bucket; Grafana at {@code grafana.<cluster>.koor.tech}, where guests look
 * without signing in;
 * and the activity that makes the system move (bots, on-demand benchmarks).
 */
public final class KoorDemoSystem implements GitOpsDefinition {
    /**
     * What a cluster runs. Both are fixed for CVE-2025-30156: Rook v1.19.10 with Squid v19.2.6 is the
     * supported 1.19 line (Kubernetes 1.30-1.35); Rook v1.20.6 with Tentacle v20.2.4 (Kubernetes
     * 1.31-1.36) is the upgrade staging rehearses.
     */
    record Release(String kubernetes, String rook, String cephImage, String cloudNativePgChart, String postgresImage,
                   String monitoringStack, String blackboxExporter, String mariadbOperatorChart) {
    }

    /**
     * The repository this tree lives in, which Flux on both clusters syncs from and upgrades itself from
     * ({@code clusters/<cluster>/flux-system/}): Koor's demo-gitops repository on GitHub. A fork changes it here.
     */
    static final String REPOSITORY = "https://github.com/koor-tech/demo-gitops.git";

    /**
     * CloudNativePG: chart 0.28.3 is operator 1.29.1, chart 0.29.0 is 1.30.0 (cloudnative-pg/charts), each with
     * the PostgreSQL image that release defaults to (its pkg/versions/versions.go).
     * Monitoring: staging runs the newest kube-prometheus-stack (88.x, Prometheus Operator v0.93) and blackbox
     * exporter chart first; the demo stays on the 87.x line (operator v0.92.1) until staging has taken the
     * major upgrade, whose CRD changes the stack's UPGRADE.md describes.
     * mariadb-operator: staging takes the 25.10.4 patch release first (its CRDs add fields only; both charts
     * default to MariaDB 11.8.5), the demo stays on 25.10.3 (mariadb-operator/mariadb-operator tags).
     */
    static final Release DEMO = new Release("1.35.9", "v1.19.10", "quay.io/ceph/ceph:v19.2.6", "0.28.3",
            "ghcr.io/cloudnative-pg/postgresql:18.3-system-trixie", "87.21.0", "11.16.0", "25.10.3");
    static final Release STAGING = new Release("1.36.4", "v1.20.6", "quay.io/ceph/ceph:v20.2.4", "0.29.0",
            "ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie", "88.5.3", "11.17.2", "25.10.4");
    /**
     * Koor's GitHub teams: the people who run the system, and the people it is shown to, signing in through Dex
     * at login.CLUSTER.koor.tech (as teams of github.com/koor-tech, groups are koor-tech:TEAM).
     */
    static Access access(String cluster) {
        return Access.none()
                .signOnThroughDex(SingleSignOn.dexAt("login." + cluster + ".koor.tech", "koor-tech"))
                .platformAdmins("koor-tech:platform-admins")
                .guests("koor-tech:demo-guests");
    }

    /**
     * The churn bot in its own bucket at its default limits (100 objects, 256 MiB), the database bot on the
     * app database, the visitor bot reading the site and watching the stream as a reader does (through the
     * public host names, so the ingress and its certificates are what it exercises), and the load benchmarks
     * as templates started on demand, each writing its results into a bucket of its namespace.
     */
    static Activity activity(String cluster) {
        String site = "https://site." + cluster + ".koor.tech/";
        String stream = "https://stream." + cluster + ".koor.tech/";
        return Activity.none()
                .churn(ChurnBot.inBucket("activity", "churn"))
                .database(DatabaseBot.against("app"))
                .visitor(VisitorBot.visiting("activity", site, stream, stream + "live/index.m3u8"))
                .benchmark(Benchmark.fio("rbd", "activity", "ceph-block", "benchmark-results"))
                .benchmark(Benchmark.fio("cephfs", "activity", "ceph-filesystem", "benchmark-results"))
                .benchmark(Benchmark.pgbench("app", "database", "database-benchmark-results"))
                .benchmark(Benchmark.radosBench("replicapool", "rook-ceph", "ceph-benchmark-results"))
                .benchmark(Benchmark.wrk("cdn", "activity", site, "benchmark-results"));
    }

    @Override
    public GitOpsSystem system() {
        return GitOpsSystem.of(cluster("demo", DEMO), cluster("staging", STAGING))
                .reconciledBy(Reconciler.flux(REPOSITORY, "main"));
    }

    /** One cluster of the demo's shape (also what the fleet benchmark multiplies). */
    static Cluster cluster(String name, Release release) {
        return Patterns.minimalProduction(name)
                .kubernetesVersion(release.kubernetes())
                .rook(rook -> rook
                        .operatorChart(ChartSource.rook(release.rook()))
                        .cephImage(release.cephImage())
                        .filesystem(Filesystem.named("cephfs"))
                        .objectStore(ObjectStore.named("objectstore")
                                .bucket("cdn", "static-site")
                                .bucket("database", "database-backups")
                                .bucket("velero", "cluster-backups")
                                .bucket("streaming", "stream")
                                .bucket("activity", "churn")
                                .bucket("activity", "benchmark-results")
                                .bucket("database", "database-benchmark-results")
                                .bucket("mariadb", "mariadb-backups")
                                .bucket("rook-ceph", "ceph-benchmark-results")
                                .bucket("monitoring", "logs")))
                .apps(apps -> apps
                        .cloudNativePgChart(release.cloudNativePgChart())
                        .postgres(PostgresCluster.named("app", "database", "ceph-block")
                                .image(release.postgresImage())
                                .backup(BarmanBackup.toBucket("database-backups")))
                        .mariadbOperatorChart(release.mariadbOperatorChart())
                        .mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block")
                                .backup(MariaDbBackup.toBucket("mariadb-backups")))
                        .velero(VeleroBackups.toBucket("cluster-backups"))
                        .streaming(Streaming.toBucket("stream", "streaming", "stream." + name + ".koor.tech")
                                .certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION))
                        .cdn(StaticSiteCdn.fromBucket("cdn", "static-site", "site." + name + ".koor.tech", "ceph-block")
                                .certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION))
                        .dataControlCenter(DataControlCenter.inRooksNamespace().at("dcc." + name + ".koor.tech")
                                .certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION)))
                .monitoring(Monitoring.kubePrometheusStack()
                        .stackChart(release.monitoringStack())
                        .blackboxChart(release.blackboxExporter())
                        .logs(Logs.toBucket("logs"))
                        .grafanaAt("grafana." + name + ".koor.tech")
                        .grafanaCertificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION))
                .access(access(name))
                .activity(activity(name))
                .build();
    }
}
