package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.BlockPool;
import io.koor.gitops.model.ChartSource;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.RookCeph;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerInventoryTest {
    private final Cluster cluster = Cluster.named("demo").kubernetesVersion("1.32.4").location("fsn1")
            .controlPlane(1, "cx33").storageNodes(4, "cx43", 2, 100).workers(2, "cx33")
            .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.3")
                    .blockPool(BlockPool.replicated("replicapool", 3)))
            .build();

    @Test
    void oneServerPerNodeNamedAsTheGitOpsTreeExpects() {
        List<DesiredServer> servers = ServerInventory.of(cluster);
        assertThat(servers).extracting(DesiredServer::name).containsExactly("demo-control-plane-1",
                "demo-storage-1", "demo-storage-2", "demo-storage-3", "demo-storage-4", "demo-worker-1", "demo-worker-2");
        assertThat(servers).allSatisfy(s -> {
            assertThat(s.image()).isEqualTo("ubuntu-22.04");
            assertThat(s.location()).isEqualTo("fsn1");
            assertThat(s.labels()).containsEntry("koor.io/cluster", "demo").containsKey("koor.io/role");
        });
    }

    @Test
    void everyStorageNodeGetsTheSameRawVolumesAndNoOtherNodeGetsAny() {
        List<DesiredServer> servers = ServerInventory.of(cluster);
        assertThat(servers).filteredOn(s -> s.labels().get("koor.io/role").equals("storage")).hasSize(4)
                .allSatisfy(s -> assertThat(s.volumes()).extracting(DesiredServer.DesiredVolume::sizeGb)
                        .containsExactly(100, 100));
        assertThat(servers.get(1).volumes()).extracting(DesiredServer.DesiredVolume::name)
                .containsExactly("demo-storage-1-osd-1", "demo-storage-1-osd-2");
        assertThat(servers).filteredOn(s -> !s.labels().get("koor.io/role").equals("storage"))
                .allSatisfy(s -> assertThat(s.volumes()).isEmpty());
        assertThat(servers.stream().mapToInt(s -> s.volumes().size()).sum()).isEqualTo(8);
    }
}
