package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.apps.MariaDbBackup;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import org.junit.jupiter.api.Test;

class MariaDbInvariantsTest {

    private static Cluster.Builder withBuckets() {
        return ClusterInvariantsTest.valid().rook(ClusterInvariantsTest.rook(r -> r
                .filesystem(Filesystem.named("cephfs"))
                .objectStore(ObjectStore.named("objectstore").bucket("mariadb", "mariadb-backups"))));
    }

    @Test
    void aGaleraClusterOnABlockClassBackedUpToAClaimOfItsNamespaceBuilds() {
        Cluster cluster = withBuckets().apps(a -> a.mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block")
                .backup(MariaDbBackup.toBucket("mariadb-backups").retentionDays(14)))).build();
        MariaDbCluster db = cluster.apps().mariadbs().get(0);
        assertThat(db.replicas()).isEqualTo(3);
        assertThat(db.image().toString()).isEqualTo("docker-registry1.mariadb.com/library/mariadb:11.8.5");
        assertThat(db.backup().orElseThrow().schedule()).isEqualTo("0 3 * * *");
        assertThat(db.backup().orElseThrow().maxRetention()).isEqualTo("336h");
        assertThat(cluster.apps().mariadbOperatorChart().text()).isEqualTo("25.10.3");
    }

    @Test
    void aStorageClassThatIsNotBlockIsRefusedWithItsPath() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.mariadb(MariaDbCluster.named("shop", "mariadb",
                "ceph-filesystem"))).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].apps.mariadb[shop].storageClass: storageClass='ceph-filesystem' is not"
                        + " a block StorageClass of this cluster (it has ceph-block)");
    }

    @Test
    void backupsToAClaimOfAnotherNamespaceAreRefused() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.mariadb(MariaDbCluster.named("shop", "shop", "ceph-block")
                .backup(MariaDbBackup.toBucket("mariadb-backups")))).build())
                .hasMessageContaining("clusters[demo].apps.mariadb[shop].backup.bucketClaim: bucketClaim='mariadb-backups'"
                        + " is not a bucket claim in namespace shop");
    }

    @Test
    void anEvenOrTooSmallGaleraClusterAndBadBackupOptionsAreRefusedWithTheirFix() {
        assertThatThrownBy(() -> MariaDbCluster.named("shop", "mariadb", "ceph-block").replicas(4))
                .hasMessageContaining("replicas=4: Galera needs a quorum, so run an odd number from 3 to 9");
        assertThatThrownBy(() -> MariaDbCluster.named("shop", "mariadb", "ceph-block").replicas(1))
                .hasMessageContaining("replicas=1");
        assertThatThrownBy(() -> MariaDbBackup.toBucket("b").schedule("0 0 3 * * *"))
                .hasMessageContaining("schedule='0 0 3 * * *': mariadb-operator takes five cron fields, minute first");
        assertThatThrownBy(() -> MariaDbBackup.toBucket("b").compression("snappy"))
                .hasMessageContaining("compression='snappy': use gzip, bzip2 or none");
        assertThatThrownBy(() -> MariaDbBackup.toBucket("b").retentionDays(0)).hasMessageContaining("retentionDays=0");
    }

    @Test
    void twoDatabasesOfOneNameInANamespaceAreRefused() {
        assertThatThrownBy(() -> withBuckets().apps(a -> a.mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block"))
                .mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block"))).build())
                .hasMessageContaining("two databases are named shop in namespace mariadb");
    }
}
