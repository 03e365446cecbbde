package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import org.junit.jupiter.api.Test;

class ApplicationsInvariantsTest {

    private static Cluster.Builder withBuckets() {
        return ClusterInvariantsTest.valid().rook(ClusterInvariantsTest.rook(r -> r
                .filesystem(Filesystem.named("cephfs"))
                .objectStore(ObjectStore.named("objectstore").bucket("backups", "database-backups"))));
    }

    @Test
    void aDatabaseOnABlockClassBackedUpToAClaimOfItsNamespaceBuilds() {
        Cluster cluster = withBuckets().apps(a -> a.postgres(PostgresCluster.named("app", "backups", "ceph-block")
                .backup(BarmanBackup.toBucket("database-backups")))).build();
        PostgresCluster db = cluster.apps().databases().get(0);
        assertThat(db.instances()).isEqualTo(3);
        assertThat(db.backup().orElseThrow().schedule()).isEqualTo("0 0 2 * * *");
        assertThat(db.backup().orElseThrow().retention()).isEqualTo("30d");
    }

    @Test
    void aClaimOnAStorageClassTheClusterLacksIsRefusedWithItsPath() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.postgres(PostgresCluster.named("app", "backups", "fast-ssd")))
                .build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].apps.postgres[app].storageClass: storageClass='fast-ssd' is not a"
                        + " block StorageClass of this cluster (it has ceph-block)");
    }

    @Test
    void aFilesystemClassIsNotBlockStorage() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.postgres(PostgresCluster.named("app", "backups",
                "ceph-filesystem"))).build())
                .hasMessageContaining("apps.postgres[app].storageClass");
    }

    @Test
    void backupsToAClaimOfAnotherNamespaceAreRefused() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.postgres(PostgresCluster.named("app", "shop", "ceph-block")
                .backup(BarmanBackup.toBucket("database-backups")))).build())
                .hasMessageContaining("clusters[demo].apps.postgres[app].backup.bucketClaim: bucketClaim='database-backups'"
                        + " is not a bucket claim in namespace shop; add ObjectStore...bucket(\"shop\", \"database-backups\")");
    }

    @Test
    void badOptionsAreRefusedWithTheirFix() {
        assertThatThrownBy(() -> BarmanBackup.toBucket("b").schedule("0 2 * * *"))
                .hasMessageContaining("schedule: schedule='0 2 * * *': CloudNativePG takes six cron fields");
        assertThatThrownBy(() -> BarmanBackup.toBucket("b").retention("30 days"))
                .hasMessageContaining("retention='30 days'");
        assertThatThrownBy(() -> PostgresCluster.named("app", "db", "ceph-block").image("ghcr.io/cloudnative-pg/postgresql"))
                .hasMessageContaining("image: image 'ghcr.io/cloudnative-pg/postgresql' has no tag");
        assertThatThrownBy(() -> PostgresCluster.named("app", "db", "ceph-block").image("postgres:latest"))
                .hasMessageContaining("is tagged latest");
        assertThatThrownBy(() -> PostgresCluster.named("app", "db", "ceph-block").restoreInto("app-restore"))
                .hasMessageContaining("a restore needs backups");
        assertThatThrownBy(() -> PostgresCluster.named("app", "db", "ceph-block")
                .backup(BarmanBackup.toBucket("b")).restoreInto("app"))
                .hasMessageContaining("is the cluster itself");
        assertThatThrownBy(() -> PostgresCluster.named("app", "db", "ceph-block").restoreTo("yesterday"))
                .hasMessageContaining("restoreTo='yesterday' is not an RFC 3339 time");
    }

    @Test
    void veleroNeedsAClaimInItsNamespaceAndTheSnapshotClasses() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.velero(VeleroBackups.toBucket("database-backups"))).build())
                .hasMessageContaining("clusters[demo].apps.velero.bucketClaim: bucketClaim='database-backups' is not a bucket"
                        + " claim in namespace velero");
        assertThatThrownBy(() -> ClusterInvariantsTest.valid().rook(ClusterInvariantsTest.rook(r -> r.snapshotClasses(false)
                        .objectStore(ObjectStore.named("objectstore").bucket("velero", "cluster-backups"))))
                .apps(a -> a.velero(VeleroBackups.toBucket("cluster-backups"))).build())
                .hasMessageContaining("apps.velero: Velero takes the volumes as CSI snapshots");
        assertThatThrownBy(() -> VeleroBackups.Schedule.of("daily", "0 0 3 * * *", "720h"))
                .hasMessageContaining("cron='0 0 3 * * *': Velero takes five cron fields");
        assertThatThrownBy(() -> VeleroBackups.Schedule.of("daily", "0 3 * * *", "30d"))
                .hasMessageContaining("ttl='30d': write hours");
    }

    @Test
    void twoClaimsForOneBucketAreRefused() {
        assertThatThrownBy(() -> ObjectStore.named("s3").bucket("a", "shared").bucket("b", "shared"))
                .hasMessageContaining("buckets[shared]: two claims ask for the bucket shared");
    }
}
