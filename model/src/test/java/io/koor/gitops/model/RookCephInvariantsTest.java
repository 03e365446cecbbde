package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.CephLayout;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.Protection;
import io.koor.gitops.model.ceph.RookCeph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RookCephInvariantsTest {
    private static final ChartSource CHART = ChartSource.rook("v1.20.6");

    @ParameterizedTest
    @ValueSource(strings = {"*", "v1.20", ">=1.20.0", "1.x", "latest", ""})
    void chartVersionsMustBeExact(String version) {
        assertThatThrownBy(() -> ChartSource.rook(version))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("version: '" + version + "' is not an exact version");
    }

    @Test
    void chartSourcesNameTheirRepository() {
        assertThat(ChartSource.rook("v1.20.6").url().toString()).isEqualTo("https://charts.rook.io/release");
        assertThat(ChartSource.koorKsd("v1.20.6").repositoryName().value()).isEqualTo("koor-release");
        assertThatThrownBy(() -> ChartSource.of("mine", "http://insecure.example/charts", "rook-ceph", "v1.0.0"))
                .hasMessageContaining("url: 'http://insecure.example/charts' is not an https URL");
        assertThatThrownBy(() -> ChartSource.of("Mine", "https://x.example", "rook-ceph", "v1.0.0"))
                .hasMessageContaining("repositoryName: 'Mine' is not a DNS label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quay.io/ceph/ceph", "quay.io/ceph/ceph:latest", "quay.io/ceph/ceph:v19",
            "quay.io/ceph/ceph:v19.2", "quay.io/ceph/ceph:master"})
    void cephImageMustBePinned(String image) {
        assertThatThrownBy(() -> checked(RookCeph.of(CHART, image)))
                .hasMessageContaining("cephImage=" + image + " floats");
    }

    @Test
    void pinnedImagesAreAccepted() {
        assertThat(RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6").cephImage().tag()).contains("v19.2.6");
        String digest = "quay.io/ceph/ceph@sha256:" + "a".repeat(64);
        assertThat(RookCeph.of(CHART, digest).cephImage().toString()).isEqualTo(digest);
        assertThatThrownBy(() -> checked(RookCeph.of(CHART, "Not An Image")))
                .hasMessageContaining("cephImage: 'Not An Image' is not an image reference");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void anEvenMonitorCountIsAWarningNotARefusal(int mons) {
        // it works, with no more tolerance than one fewer: CephLayout's severity says warning
        assertThat(RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6").mons(mons).problems()).isEmpty();
        assertThat(CephLayout.monCountEven(mons)).hasValueSatisfying(f -> {
            assertThat(f.text()).isEqualTo("[ceph-mon-count-even] mon count " + mons + " is even; use " + (mons - 1)
                    + " or " + (mons + 1) + " monitors");
            assertThat(CephLayout.refuses(f.ruleId())).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11})
    void monitorCountIsOneToNine(int mons) {
        assertThatThrownBy(() -> checked(RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6").mons(mons)))
                .hasMessageContaining("mons: mons=" + mons + ": Ceph runs 1 to 9 monitors");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void managerCountIsOneOrTwo(int mgrs) {
        assertThatThrownBy(() -> checked(RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6").mgrs(mgrs)))
                .hasMessageContaining("mgrs: mgrs=" + mgrs);
    }

    @Test
    void aSingleCopyPoolMustBeAskedForByName() {
        assertThatThrownBy(() -> BlockPool.replicated("scratch", 1))
                .hasMessageContaining("replicas: replicas=1 keeps a single copy")
                .hasMessageContaining("BlockPool.singleCopyForTesting");
        BlockPool test = BlockPool.singleCopyForTesting("scratch");
        assertThat(test.spec().protection()).isEqualTo(new Protection.Replicated(1, false));
        assertThat(test.spec().failureDomain()).isEqualTo(FailureDomain.OSD);
    }

    @Test
    void poolReplicasAreBounded() {
        assertThatThrownBy(() -> BlockPool.replicated("p", 0)).hasMessageContaining("replicas=0");
        assertThatThrownBy(() -> BlockPool.replicated("p", 8)).hasMessageContaining("replicas=8");
    }

    @Test
    void aDefaultStorageClassNeedsAStorageClass() {
        assertThatThrownBy(() -> BlockPool.replicated("p", 3).asDefault())
                .hasMessageContaining("defaultStorageClass: the pool has no StorageClass");
    }

    @Test
    void poolAndStorageClassNamesAreUniqueAndOneDefaultAtMost() {
        RookCeph rook = RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6")
                .blockPool(BlockPool.replicated("a", 3).storageClass("fast").asDefault());
        assertThatThrownBy(() -> checked(rook.blockPool(BlockPool.replicated("a", 3))))
                .hasMessageContaining("blockPools[a]: two pools are named 'a'");
        assertThatThrownBy(() -> checked(rook.blockPool(BlockPool.replicated("b", 3).storageClass("fast"))))
                .hasMessageContaining("blockPools[b].storageClass: two pools use the StorageClass name 'fast'");
        assertThatThrownBy(() -> checked(rook.blockPool(BlockPool.replicated("b", 3).storageClass("slow").asDefault())))
                .hasMessageContaining("2 StorageClasses are marked default");
    }

    @Test
    void namespaceAndDeviceFilterAreChecked() {
        RookCeph rook = RookCeph.of(CHART, "quay.io/ceph/ceph:v19.2.6");
        assertThatThrownBy(() -> checked(rook.namespace("Rook Ceph"))).hasMessageContaining("namespace: 'Rook Ceph'");
        assertThatThrownBy(() -> Devices.matching("^sd[b-")).hasMessageContaining("devices: '^sd[b-' is not a regular expression");
        assertThat(((Devices.AttachedVolumes) rook.devices()).names(3)).containsExactly("sdb", "sdc", "sdd");
    }

    /** What a cluster does with these settings: refuse them when they have problems. */
    private static RookCeph checked(RookCeph rook) {
        if (!rook.problems().isEmpty()) {
            throw new ModelException(rook.problems());
        }
        return rook;
    }
}
