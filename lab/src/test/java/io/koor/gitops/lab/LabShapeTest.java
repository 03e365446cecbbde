package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.presets.Patterns;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the lab runs for a definition, decided from the model alone (no Ceph needed). */
class LabShapeTest {
    private static final LabShape DEMO = LabShape.of(Patterns.minimalProduction("demo")
            .rook(rook -> rook.filesystem(Filesystem.named("cephfs"))
                    .blockPool(BlockPool.erasureCoded("archive", 2, 1).deviceClass("ssd"))
                    .objectStore(ObjectStore.named("objectstore").dataPool(PoolSpec.erasureCoded(2, 1))
                            .bucket("cdn", "static-site").user("bot", "Bot")))
            .build());

    @Test
    void oneCrushHostPerStorageNodeAndOneOsdPerDrive() {
        assertThat(DEMO.hosts()).containsExactly("demo-storage-1", "demo-storage-2", "demo-storage-3", "demo-storage-4");
        assertThat(DEMO.osds()).isEqualTo(8);
        assertThat(DEMO.crushLayout().domains(PoolSpec.replicated(3))).isEqualTo(4);
        assertThat(DEMO.driveClasses()).as("the drives declare none: the one class the pools name").containsExactly("ssd", "ssd");
    }

    @Test
    void drivesDeclaringClassesGiveEachOsdItsSlotsClass() {
        LabShape shape = LabShape.of(Patterns.minimalProduction("mixed")
                .storageNodes(3, "cx43", 2, 50)
                .rook(rook -> rook.devices(Devices.attachedVolumes().deviceClasses("ssd", "hdd"))
                        .blockPool(BlockPool.replicated("fast", 3).deviceClass("ssd")))
                .build());
        assertThat(shape.driveClasses()).containsExactly("ssd", "hdd");
        assertThat(shape.notes()).noneMatch(n -> n.contains("stay unplaced"));
        assertThat(java.util.stream.IntStream.range(0, shape.osds()).mapToObj(id -> Lab.osdClass(shape, id)))
                .containsExactly("ssd", "hdd", "ssd", "hdd", "ssd", "hdd");
        assertThat(shape.crushLayout().domains(PoolSpec.replicated(3).deviceClass("ssd"))).isEqualTo(3);
        assertThat(shape.crushLayout().describeHosts()).contains("mixed-storage-1[ssd,hdd]");
    }

    @Test
    void thePoolsAreNamedAsRookNamesThem() {
        assertThat(DEMO.pools()).extracting(LabShape.Pool::name).containsExactly("replicapool", "archive-metadata",
                "archive", "cephfs-metadata", "cephfs-data0", "objectstore.rgw.control", "objectstore.rgw.meta",
                "objectstore.rgw.log", "objectstore.rgw.buckets.index", "objectstore.rgw.buckets.non-ec",
                "objectstore.rgw.otp", ".rgw.root", "objectstore.rgw.buckets.data");
        assertThat(DEMO.pool("archive").orElseThrow().spec().isReplicated()).isFalse();
        assertThat(DEMO.pool("archive-metadata").orElseThrow().spec().isReplicated()).isTrue();
        assertThat(DEMO.pool("objectstore.rgw.buckets.data").orElseThrow().application()).isEqualTo("rgw");
        assertThat(DEMO.objectStores().get(0).buckets()).containsExactly("static-site");
        assertThat(DEMO.objectStores().get(0).users()).containsExactly("bot");
        assertThat(DEMO.filesystems().get(0).dataPools()).containsExactly("cephfs-data0");
    }

    @Test
    void whatOneMachineChangesIsSaid() {
        assertThat(DEMO.mons()).isEqualTo(1);
        assertThat(DEMO.notes()).anySatisfy(n -> assertThat(n).contains("3 mons; the lab runs 1"))
                .anySatisfy(n -> assertThat(n).contains("2 MDS daemons"))
                .anySatisfy(n -> assertThat(n).contains("2 gateways; the lab runs 1"));
    }

    @Test
    void erasureCodedDataOverwritesOnlyOnBlueStore() {
        assertThat(Lab.poolCommands(DEMO, false).stream().flatMap(java.util.List::stream))
                .contains("osd erasure-code-profile set archive_ecprofile k=2 m=1 crush-failure-domain=host crush-device-class=ssd",
                        "osd pool create replicapool 8 8 replicated replicapool --size 3")
                .noneMatch(c -> c.contains("allow_ec_overwrites"));
        assertThat(Lab.poolCommands(DEMO, true).stream().flatMap(java.util.List::stream))
                .contains("osd pool set archive allow_ec_overwrites true")
                .noneMatch(c -> c.equals("osd pool set objectstore.rgw.buckets.data allow_ec_overwrites true"));
    }

    @Test
    void cephxKeysHaveCephsEncoding() {
        byte[] key = Base64.getDecoder().decode(CephKeys.secret());
        assertThat(key).hasSize(28);
        assertThat(key[0]).as("CEPH_CRYPTO_AES").isEqualTo((byte) 1);
        assertThat(key[10]).as("secret length").isEqualTo((byte) 16);
        assertThat(CephKeys.s3Key(20)).matches("[A-Z0-9]{20}");
        assertThat(CephKeys.s3Key(40)).matches("[A-Za-z0-9]{40}");
    }
}
