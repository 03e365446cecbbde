package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.CephNetwork;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.NamedPool;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.Protection;
import io.koor.gitops.model.cluster.Network;
import io.koor.gitops.model.cluster.ServerType;
import io.koor.gitops.model.cluster.StorageNodes;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.presets.ProductionReadiness;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** File and object storage, erasure coding, networks and memory: the definitions that cannot work are refused. */
class StorageInvariantsTest {

    @Test
    void erasureCodingNeedsAHostPerChunk() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.blockPool(BlockPool.erasureCoded("ec", 4, 2))).build())
                .hasMessageContaining("clusters[demo].rook.blockPools[ec]: [ceph-ec-exceeds-hosts] CephBlockPool ec:"
                        + " erasure coding 4+2 needs 6 hosts with OSDs, the cluster has 4");
        assertThat(Patterns.minimalProduction("demo").rook(r -> r.blockPool(BlockPool.erasureCoded("ec", 2, 1))).build()
                .rook().blockPools()).hasSize(2);
    }

    @Test
    void drivesDeclaringDeviceClassesGiveOnePerDriveAndThePoolsClassesMustBeAmongThem() {
        var mixed = Devices.attachedVolumes().deviceClasses("ssd", "hdd");
        assertThat(Patterns.minimalProduction("demo")
                .rook(r -> r.devices(mixed).blockPool(BlockPool.replicated("fast", 3).deviceClass("ssd"))).build()
                .rook().devices()).isEqualTo(mixed);
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.devices(Devices.attachedVolumes().deviceClasses("ssd"))).build())
                .hasMessageContaining("rook.devices.deviceClasses: 1 device classes for 2 drives per node");
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.devices(mixed).blockPool(BlockPool.replicated("fast", 3).deviceClass("nvme"))).build())
                .hasMessageContaining("rook.blockPools[fast]: CephBlockPool fast asks for device class 'nvme', which no"
                        + " drive declares (the drives are ssd, hdd)");
        assertThatThrownBy(() -> Devices.attachedVolumes().deviceClasses("SSD"))
                .hasMessageContaining("devices.deviceClasses[0]: 'SSD' is not a CRUSH device class");
    }

    @Test
    void aPoolOfOneClassCountsOnlyTheDrivesOfThatClass() {
        // 4 hosts of an ssd and an hdd drive: erasure coding 4+2 over OSDs fits 8 OSDs, not the 4 ssd ones
        var osds = io.koor.gitops.model.ceph.FailureDomain.OSD;
        assertThat(Patterns.minimalProduction("demo").rook(r -> r.devices(Devices.attachedVolumes().deviceClasses("ssd", "hdd"))
                .blockPool(BlockPool.erasureCoded("ec", 4, 2).failureDomain(osds))).build().rook().blockPools()).hasSize(2);
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.devices(Devices.attachedVolumes().deviceClasses("ssd", "hdd"))
                        .blockPool(BlockPool.erasureCoded("ec", 4, 2).failureDomain(osds).deviceClass("ssd"))).build())
                .hasMessageContaining("rook.blockPools[ec]").hasMessageContaining("the cluster has 4");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0})
    void erasureCodingNeedsTwoDataChunksAndACodingChunk(int chunks) {
        assertThatThrownBy(() -> BlockPool.erasureCoded("ec", chunks, chunks)).isInstanceOf(ModelException.class)
                .hasMessageContaining("dataChunks=" + chunks);
    }

    @Test
    void metadataPoolsAreReplicated() {
        assertThatThrownBy(() -> Filesystem.named("fs").metadataPool(PoolSpec.erasureCoded(2, 1)))
                .hasMessageContaining("metadataPool: [ceph-metadata-pool-erasure-coded] the metadata pool must be replicated");
        assertThatThrownBy(() -> ObjectStore.named("s3").metadataPool(PoolSpec.erasureCoded(2, 1)))
                .hasMessageContaining("[ceph-metadata-pool-erasure-coded]");
    }

    @Test
    void theFirstFilesystemDataPoolIsReplicated() {
        assertThatThrownBy(() -> new Filesystem(DnsLabel.of("fs"), PoolSpec.replicated(3),
                List.of(NamedPool.of("ec", PoolSpec.erasureCoded(2, 1))), 1, true, Resources.of(1000, 4096, 4096),
                java.util.Optional.empty()))
                .hasMessageContaining("dataPools[0]: the first data pool holds CephFS backtraces and must be replicated");
        assertThat(Filesystem.named("fs").dataPool("ec", PoolSpec.erasureCoded(2, 1)).dataPools()).hasSize(2);
    }

    @Test
    void filesystemAndObjectStorePoolsMustFitTheHosts() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.objectStore(ObjectStore.named("s3").dataPool(PoolSpec.erasureCoded(4, 2)))).build())
                .hasMessageContaining("clusters[demo].rook.objectStores[s3].dataPool: [ceph-ec-exceeds-hosts] object store s3"
                        + " data pool: erasure coding 4+2 needs 6 hosts");
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.filesystem(Filesystem.named("fs").dataPool("wide", PoolSpec.replicated(5)))).build())
                .hasMessageContaining("rook.filesystems[fs].dataPools[wide]: [ceph-pool-size-exceeds-hosts] filesystem fs"
                        + " data pool wide: size 5");
    }

    @Test
    void bucketsNeedTheBucketStorageClass() {
        ObjectStore store = ObjectStore.named("s3");
        ObjectStore noClass = new ObjectStore(store.name(), store.metadataPool(), store.dataPool(), 2, 80,
                java.util.Optional.empty(), store.gatewayResources(), java.util.Optional.empty(), List.of(), List.of());
        assertThatThrownBy(() -> noClass.bucket("cdn", "site")).hasMessageContaining("bucket claims need the bucket StorageClass");
        assertThatThrownBy(() -> store.bucket("CDN", "site")).hasMessageContaining("buckets.namespace: 'CDN' is not a DNS label");
    }

    @Test
    void cephDaemonsMustFitTheStorageServersMemory() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo").storageNodes(4, "cx23", 2, 100).build())
                .hasMessageContaining("clusters[demo].storage.serverType: [ceph-daemons-exceed-memory] each cx23 storage node:"
                        + " the Ceph daemons request 9728 MiB (2 OSDs 8192 + mon 1024 + mgr 512) but the server has 3072 MiB");
        // the MDS and gateways of file and object storage count too
        assertThatThrownBy(() -> Patterns.minimalProduction("demo").storageNodes(4, "cx33", 2, 100).build())
                .hasMessageContaining("[ceph-daemons-exceed-memory]");
        assertThat(Patterns.minimalProduction("demo").build().storage().serverType().memoryGb()).isEqualTo(16);
    }

    @Test
    void unknownServerTypesAreRefusedNotSkipped() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo").storageNodes(4, "cx999", 2, 100).build())
                .hasMessageContaining("clusters[demo].storage.serverType: 'cx999' is not a server type this toolkit knows")
                .hasMessageContaining("ServerType.custom(\"cx999\", GB)");
        // a type Hetzner added later is given with its memory, and its daemons are still checked against it
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .storageNodes(new StorageNodes(4, ServerType.custom("cx999", 4), 2, 100)).build())
                .hasMessageContaining("[ceph-daemons-exceed-memory] each cx999 storage node");
    }

    @Test
    void multusNetworksNeedMultusInTheCluster() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(r -> r.network(CephNetwork.multus("rook-ceph/public", "rook-ceph/cluster"))).build())
                .hasMessageContaining("rook.network: Ceph on Multus networks needs Multus in the cluster");
        assertThat(Patterns.minimalProduction("demo").network(Network.calico().withMultus())
                .rook(r -> r.network(CephNetwork.multus("rook-ceph/public", "rook-ceph/cluster"))).build()).isNotNull();
        assertThatThrownBy(() -> CephNetwork.multus("public", "rook-ceph/cluster")).hasMessageContaining("namespace/name");
    }

    @Test
    void dashboardNeedsAHostName() {
        assertThatThrownBy(() -> DashboardIngress.at("not a host", "nginx")).hasMessageContaining("is not a host name");
        assertThat(DashboardIngress.at("ceph.demo.example.com", "nginx").tls("ceph-tls").tlsSecret()).isPresent();
    }

    @Test
    void deviceClassesAreCrushNames() {
        assertThatThrownBy(() -> BlockPool.replicated("db", 3).deviceClass("NVMe!"))
                .hasMessageContaining("deviceClass='NVMe!': use a CRUSH device class");
    }

    @Test
    void everyPatternBuilds() {
        assertThat(List.of(Patterns.minimalProduction("a"), Patterns.highlyAvailable("b"),
                Patterns.singleNodeExperiment("c"), Patterns.objectStorageHeavy("d"), Patterns.databaseHeavy("e")))
                .allSatisfy(builder -> assertThat(builder.build()).isNotNull());
        assertThat(ProductionReadiness.issues(Patterns.singleNodeExperiment("lab").build())).hasSize(4);
        assertThat(ProductionReadiness.issues(Patterns.highlyAvailable("ha").build())).isEmpty();
    }

    @Test
    void protectionOverheads() {
        assertThat(Protection.replicated(3).overhead()).isEqualTo(3.0);
        assertThat(Protection.erasureCoded(4, 2).overhead()).isEqualTo(1.5);
        assertThat(Protection.erasureCoded(4, 2).describe()).isEqualTo("erasure coded 4+2");
    }
}
