package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private final Cluster cluster = TestSystems.cluster("lab", 3, "v1.20.6");

    private static JsonNode find(Component component, String kind, String name) {
        return component.objects().stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .map(ManifestYaml::toTree).findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name));
    }

    @Test
    void operatorComesFromThePinnedChartThroughCurrentFluxApis() {
        Component operator = RookOperatorRenderer.render(cluster.rook());
        assertThat(operator.layer()).isEqualTo(Layer.CONTROLLERS);
        assertThat(operator.objects()).extracting(HasMetadata::getApiVersion)
                .containsExactly("v1", "source.toolkit.fluxcd.io/v1", "helm.toolkit.fluxcd.io/v2");
        JsonNode release = find(operator, "HelmRelease", "rook-ceph");
        assertThat(release.at("/spec/chart/spec/version").asText()).isEqualTo("v1.20.6");
        assertThat(release.at("/spec/chart/spec/sourceRef/name").asText()).isEqualTo("rook-release");
        assertThat(release.at("/metadata/namespace").asText()).isEqualTo("rook-ceph");
        assertThat(find(operator, "HelmRepository", "rook-release").at("/spec/url").asText())
                .isEqualTo("https://charts.rook.io/release");
    }

    @Test
    void koorChartSourceChangesOnlyTheRepository() {
        RookCeph ksd = RookCeph.of(ChartSource.koorKsd("v1.20.6"), "quay.io/ceph/ceph:v19.2.3");
        Component operator = RookOperatorRenderer.render(ksd);
        assertThat(find(operator, "HelmRepository", "koor-release").at("/spec/url").asText())
                .isEqualTo("https://charts.koor.tech/release");
        assertThat(find(operator, "HelmRelease", "rook-ceph").at("/spec/chart/spec/sourceRef/name").asText())
                .isEqualTo("koor-release");
    }

    @Test
    void cephClusterFollowsTheModel() {
        Component ceph = CephClusterRenderer.render(cluster);
        assertThat(ceph.dependsOn()).containsExactly(RookOperatorRenderer.COMPONENT);
        assertThat(ceph.providesStorage()).isTrue();
        JsonNode spec = find(ceph, "CephCluster", "rook-ceph").get("spec");
        assertThat(spec.at("/cephVersion/image").asText()).isEqualTo("quay.io/ceph/ceph:v19.2.3");
        assertThat(spec.at("/cephVersion/allowUnsupported").asBoolean(true)).isFalse();
        assertThat(spec.at("/mon/count").asInt()).isEqualTo(3);
        assertThat(spec.at("/mgr/count").asInt()).isEqualTo(2);
        assertThat(spec.at("/storage/useAllNodes").asBoolean(true)).isFalse();
        assertThat(spec.at("/storage/nodes")).hasSize(3);
        assertThat(spec.at("/storage/nodes/2/name").asText()).isEqualTo("lab-storage-3");
        assertThat(spec.at("/storage/nodes/0/devices").findValuesAsText("name")).containsExactly("sdb", "sdc", "sdd");
        assertThat(spec.at("/placement/all/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                + "/nodeSelectorTerms/0/matchExpressions/0/values").toString())
                .isEqualTo("[\"lab-storage-1\",\"lab-storage-2\",\"lab-storage-3\"]");
    }

    @Test
    void aDeviceFilterReplacesTheDeviceList() {
        Cluster filtered = Cluster.named("f").kubernetesVersion("1.32.4").location("hel1").controlPlane(1, "cx33")
                .storageNodes(3, "cx43", 2, 100)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.3")
                        .devices(Devices.matching("^sd[b-z]")))
                .build();
        JsonNode node = find(CephClusterRenderer.render(filtered), "CephCluster", "rook-ceph").at("/spec/storage/nodes/0");
        assertThat(node.get("deviceFilter").asText()).isEqualTo("^sd[b-z]");
        assertThat(node.has("devices")).isFalse();
    }

    @Test
    void poolsAndStorageClasses() {
        Component ceph = CephClusterRenderer.render(cluster);
        JsonNode pool = find(ceph, "CephBlockPool", "replicapool");
        assertThat(pool.at("/spec/failureDomain").asText()).isEqualTo("host");
        assertThat(pool.at("/spec/replicated/size").asInt()).isEqualTo(3);
        assertThat(pool.at("/spec/replicated/requireSafeReplicaSize").asBoolean()).isTrue();
        assertThat(find(ceph, "CephBlockPool", "bulk").at("/spec/replicated/size").asInt()).isEqualTo(2);

        JsonNode sc = find(ceph, "StorageClass", "ceph-block");
        assertThat(sc.at("/provisioner").asText()).isEqualTo("rook-ceph.rbd.csi.ceph.com");
        assertThat(sc.at("/parameters/pool").asText()).isEqualTo("replicapool");
        assertThat(sc.at("/parameters/clusterID").asText()).isEqualTo("rook-ceph");
        assertThat(sc.at("/metadata/annotations").toString())
                .isEqualTo("{\"storageclass.kubernetes.io/is-default-class\":\"true\"}");
        // the pool without a storage class gets none
        assertThat(ceph.objects()).filteredOn(o -> o.getKind().equals("StorageClass")).hasSize(1);
    }

    @Test
    void aSingleCopyPoolRendersRooksTestSettings() {
        Cluster test = Cluster.named("t").kubernetesVersion("1.32.4").location("hel1").controlPlane(1, "cx33")
                .storageNodes(1, "cx43", 2, 100)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.3").mons(1).mgrs(1)
                        .blockPool(BlockPool.singleCopyForTesting("scratch")))
                .build();
        JsonNode pool = find(CephClusterRenderer.render(test), "CephBlockPool", "scratch");
        assertThat(pool.at("/spec/failureDomain").asText()).isEqualTo("osd");
        assertThat(pool.at("/spec/replicated/requireSafeReplicaSize").asBoolean(true)).isFalse();
    }

    @Test
    void clusterComponentsAreListedInDependencyOrder() {
        List<Component> components = ClusterComponents.of(cluster);
        assertThat(components).extracting(Component::name)
                .containsExactly(NetworkPluginRenderer.COMPONENT, RookOperatorRenderer.COMPONENT, CephClusterRenderer.COMPONENT,
                        ClusterComponents.TOOLS);
    }
}
