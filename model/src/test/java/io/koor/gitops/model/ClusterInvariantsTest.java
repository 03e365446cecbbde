package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NodeRole;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClusterInvariantsTest {

    static Cluster.Builder valid() {
        return Cluster.named("demo")
                .kubernetesVersion("1.32.4")
                .location("fsn1")
                .controlPlane(1, "cx33")
                .storageNodes(4, "cx43", 2, 100)
                .workers(2, "cx33")
                .rook(rook(r -> r));
    }

    static RookCeph rook(UnaryOperator<RookCeph> change) {
        return change.apply(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6")
                .blockPool(BlockPool.replicated("replicapool", 3).storageClass("ceph-block").asDefault()));
    }

    @Test
    void aValidClusterBuildsWithItsNodesNamedAfterIt() {
        Cluster cluster = valid().build();
        assertThat(cluster.nodes()).extracting(n -> n.name().value()).containsExactly(
                "demo-control-plane-1", "demo-storage-1", "demo-storage-2", "demo-storage-3", "demo-storage-4",
                "demo-worker-1", "demo-worker-2");
        assertThat(cluster.nodes(NodeRole.STORAGE)).allMatch(n -> n.serverType().name().equals("cx43"));
        assertThat(cluster.storage().rawCapacityGb()).isEqualTo(800);
    }

    @Test
    void aPathLikeClusterNameIsRefusedBeforeItCanBecomeADirectory() {
        assertThatThrownBy(() -> Cluster.named("../../etc").kubernetesVersion("1.32.4").location("fsn1")
                .controlPlane(1, "cx33").storageNodes(4, "cx43", 2, 100).rook(rook(r -> r)).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[../../etc].name")
                .hasMessageContaining("is not a DNS label");
    }

    @Test
    void aTooLongClusterNameIsRefused() {
        String name = "a".repeat(41);
        assertThatThrownBy(() -> Cluster.named(name).kubernetesVersion("1.32.4").location("fsn1")
                .controlPlane(1, "cx33").storageNodes(4, "cx43", 2, 100).rook(rook(r -> r)).build())
                .hasMessageContaining("clusters[" + name + "].name").hasMessageContaining("keep it to 40");
    }

    @Test
    void missingPartsAreAllReportedAtOnce() {
        assertThatThrownBy(() -> Cluster.named("demo").build())
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactly("clusters[demo].kubernetesVersion", "clusters[demo].location",
                                "clusters[demo].controlPlane", "clusters[demo].storage", "clusters[demo].rook"));
    }

    @Test
    void kubernetesVersionMustBeExactAndSupported() {
        assertThatThrownBy(() -> valid().kubernetesVersion("1.32").build())
                .hasMessageContaining("clusters[demo].kubernetesVersion").hasMessageContaining("not an exact version");
        assertThatThrownBy(() -> valid().kubernetesVersion("1.20.0").build())
                .hasMessageContaining("kubernetesVersion=1.20.0").hasMessageContaining("1.28.0 or newer");
    }

    @Test
    void unknownLocationListsTheKnownOnes() {
        assertThatThrownBy(() -> valid().location("mars1").build())
                .hasMessageContaining("clusters[demo].location")
                .hasMessageContaining("'mars1' is not a Hetzner location: use one of fsn1, nbg1, hel1, ash, hil, sin");
    }

    @Test
    void controlPlaneHasOneOrThreeNodes() {
        assertThatThrownBy(() -> valid().controlPlane(2, "cx33"))
                .hasMessageContaining("clusters[demo].controlPlane.count: count=2")
                .hasMessageContaining("use 1 or 3");
        assertThat(valid().controlPlane(3, "cx33").build().nodes(NodeRole.CONTROL_PLANE)).hasSize(3);
    }

    @Test
    void serverTypesMustLookLikeHetznerNames() {
        assertThatThrownBy(() -> valid().workers(1, "big server"))
                .hasMessageContaining("clusters[demo].workers.serverType")
                .hasMessageContaining("'big server' is not a Hetzner server type");
    }

    @Test
    void storageNodesNeedAtLeastTwoDrivesEach() {
        assertThatThrownBy(() -> valid().storageNodes(4, "cx43", 1, 100))
                .hasMessageContaining("clusters[demo].storage.drivesPerNode: [ceph-drives-unequal]")
                .hasMessageContaining("at least 2 each");
        assertThatThrownBy(() -> valid().storageNodes(4, "cx43", 17, 100))
                .hasMessageContaining("drivesPerNode=17: Hetzner attaches at most 16 volumes");
    }

    @Test
    void storageNodeCountAndDriveSizeAreBounded() {
        assertThatThrownBy(() -> valid().storageNodes(0, "cx43", 2, 100))
                .hasMessageContaining("clusters[demo].storage.count: count=0");
        assertThatThrownBy(() -> valid().storageNodes(4, "cx43", 2, 5))
                .hasMessageContaining("clusters[demo].storage.driveSizeGb: driveSizeGb=5");
        assertThatThrownBy(() -> valid().storageNodes(4, "cx43", 2, 20_000))
                .hasMessageContaining("driveSizeGb=20000");
    }

    @Test
    void workerCountIsBounded() {
        assertThatThrownBy(() -> valid().workers(-1, "cx33")).hasMessageContaining("clusters[demo].workers.count");
    }

    @Test
    void poolCopiesMustFitTheHostsThatHoldOsds() {
        assertThatThrownBy(() -> valid().storageNodes(2, "cx43", 2, 100).rook(rook(r -> r.mons(1))).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].rook.blockPools[replicapool]: [ceph-pool-size-exceeds-hosts]"
                        + " CephBlockPool replicapool: size 3 with failure domain host needs 3 hosts with OSDs, the cluster"
                        + " has 2; add storage nodes or lower the size");
    }

    @Test
    void failureDomainOsdCountsDrivesInsteadOfHosts() {
        RookCeph osdPools = RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6").mons(1)
                .blockPool(BlockPool.replicated("pool", 3).failureDomain(FailureDomain.OSD));
        assertThat(valid().storageNodes(2, "cx43", 2, 100).rook(osdPools).build().rook().blockPools()).hasSize(1);
        RookCeph tooMany = osdPools.blockPool(BlockPool.replicated("big", 5).failureDomain(FailureDomain.OSD));
        assertThatThrownBy(() -> valid().storageNodes(2, "cx43", 2, 100).rook(tooMany).build())
                .hasMessageContaining("blockPools[big]: [ceph-pool-size-exceeds-hosts]")
                .hasMessageContaining("needs 5 OSDs, the cluster has 4");
    }

    @Test
    void monitorsAndManagersRunOnePerStorageNode() {
        assertThatThrownBy(() -> valid().storageNodes(4, "cx43", 2, 100).rook(rook(r -> r.mons(5))).build())
                .hasMessageContaining("clusters[demo].rook.mons: [ceph-mon-count-exceeds-nodes] cannot start 5 mons on 4"
                        + " node(s)");
        assertThatThrownBy(() -> valid().storageNodes(1, "cx43", 2, 100)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6").mons(1)).build())
                .hasMessageContaining("clusters[demo].rook.mgrs: [ceph-mgr-count-exceeds-nodes] cannot start 2 mgrs on 1"
                        + " node(s)");
    }

    @Test
    void everyProblemOfAClusterIsReportedTogether() {
        assertThatThrownBy(() -> valid().storageNodes(1, "cx43", 2, 100).build())
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.problems()).extracting(Problem::path)
                        .containsExactly("clusters[demo].rook.mons", "clusters[demo].rook.mgrs",
                                "clusters[demo].rook.blockPools[replicapool]"));
    }

    @Test
    void aClusterFitsOneHetznerNetwork() {
        assertThat(valid().workers(95, "cx33").build().nodes()).hasSize(100);
        assertThatThrownBy(() -> valid().workers(96, "cx33").build())
                .hasMessageContaining("clusters[demo].nodes: 101 nodes: a Hetzner private network holds at most 100 servers");
    }

    @Test
    void clusterNamesAreUniqueInASystem() {
        Cluster a = valid().build();
        assertThatThrownBy(() -> GitOpsSystem.of(a, a))
                .hasMessageContaining("clusters[demo]: two clusters are named 'demo'");
        assertThatThrownBy(GitOpsSystem::of).hasMessageContaining("the system has no cluster");
    }

    @Test
    void commandsSelectTheirCluster() {
        GitOpsSystem system = GitOpsSystem.of(valid().build(), Cluster.named("staging").kubernetesVersion("1.32.4")
                .location("fsn1").controlPlane(1, "cx33").storageNodes(4, "cx43", 2, 100).rook(rook(r -> r)).build());
        assertThat(system.select("staging").name().value()).isEqualTo("staging");
        assertThatThrownBy(() -> system.select(null)).isInstanceOf(ConfigurationException.class)
                .hasMessage("cluster=(none): the definition has several clusters; choose one of demo|staging");
        assertThatThrownBy(() -> system.select("prod"))
                .satisfies(e -> assertThat(((ConfigurationException) e).message((setting, value) -> "--" + setting + " " + value))
                        .isEqualTo("--cluster prod: the definition has no such cluster; choose one of demo|staging"));
        assertThat(GitOpsSystem.of(valid().build()).select(null).name().value()).isEqualTo("demo");
    }

    @Test
    void twoObjectStoresCannotDeliverOneBucketClaim() {
        assertThatThrownBy(() -> valid().rook(rook(r -> r.objectStore(ObjectStore.named("one").bucket("apps", "uploads"))
                .objectStore(ObjectStore.named("two").bucketStorageClass("ceph-bucket-two").bucket("apps", "uploads"))))
                .build())
                .hasMessageContaining("clusters[demo].rook.objectStores[two].buckets[apps/uploads]: the bucket claim"
                        + " apps/uploads is also delivered by object store one");
    }

    @Test
    void everyProblemOfADefinitionIsReportedAtOnceEachNamingItsCluster() {
        assertThatThrownBy(() -> Cluster.named("../../etc").kubernetesVersion("1.32.4").location("fsn1")
                .controlPlane(1, "cx33").storageNodes(2, "cx43", 2, 100)
                .rook(rook(r -> r.mons(5))).build())
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).problems()).extracting(Problem::toString)
                        .anyMatch(p -> p.startsWith("clusters[../../etc].name: "))
                        .anyMatch(p -> p.startsWith("clusters[../../etc].rook.mons: [ceph-mon-count-exceeds-nodes]"))
                        .anyMatch(p -> p.startsWith("clusters[../../etc].rook.blockPools[replicapool]")
                                && p.contains("needs 3 hosts with OSDs, the cluster has 2")));
    }
}
