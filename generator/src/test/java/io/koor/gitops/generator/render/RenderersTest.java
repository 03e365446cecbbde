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
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.presets.Versions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private final Cluster cluster = TestSystems.cluster("lab", 3, "v1.20.6");

    /** The plain objects among a component's parts. */
    static List<HasMetadata> objects(Component component) {
        return component.parts().stream().filter(p -> p instanceof Part.Manifests)
                .flatMap(p -> ((Part.Manifests) p).objects().stream()).toList();
    }

    /** The component's only chart. */
    static Part.ChartInstall chart(Component component) {
        List<Part.ChartInstall> charts = component.parts().stream().filter(p -> p instanceof Part.ChartInstall)
                .map(p -> (Part.ChartInstall) p).toList();
        assertThat(charts).hasSize(1);
        return charts.get(0);
    }

    private static JsonNode find(Component component, String kind, String name) {
        return objects(component).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .map(ManifestYaml::toTree).findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name));
    }

    @Test
    void operatorIsItsPinnedChartInItsNamespaceAndNoReconcilerObjects() {
        Component operator = RookOperatorRenderer.render(cluster);
        assertThat(operator.layer()).isEqualTo(Layer.CONTROLLERS);
        Part.ChartInstall chart = chart(operator);
        assertThat(chart.repositoryName()).isEqualTo("rook-release");
        assertThat(chart.repositoryUrl()).isEqualTo("https://charts.rook.io/release");
        assertThat(chart.chart()).isEqualTo("rook-ceph");
        assertThat(chart.version()).isEqualTo("v1.20.6");
        assertThat(chart.namespace()).isEqualTo("rook-ceph");
        assertThat(chart.crds()).isEqualTo(Part.CrdPolicy.CREATE_REPLACE);
        assertThat(chart.releaseName()).isEmpty();
        assertThat(chart.name()).isEqualTo("rook-ceph");
        assertThat(ManifestYaml.toTree(chart.values()).at("/crds/enabled").asBoolean()).isTrue();
        // only the Namespace is an object: how the chart is installed is the layout's business
        assertThat(objects(operator)).extracting(HasMetadata::getKind).containsExactly("Namespace");
    }

    @Test
    void koorChartSourceChangesOnlyTheRepository() {
        RookCeph ksd = RookCeph.of(ChartSource.koorKsd("v1.20.6"), "quay.io/ceph/ceph:v19.2.6");
        Part.ChartInstall upstream = chart(RookOperatorRenderer.render(cluster));
        Part.ChartInstall koor = chart(RookOperatorRenderer.render(new Cluster(cluster.name(), cluster.kubernetesVersion(),
                cluster.location(), cluster.controlPlane(), cluster.storage(), cluster.workers(), cluster.network(), ksd,
                cluster.platform(), cluster.apps(), cluster.monitoring(), cluster.access(), cluster.secretEncryption(), cluster.activity())));
        assertThat(koor.repositoryName()).isEqualTo("koor-release");
        assertThat(koor.repositoryUrl()).isEqualTo("https://charts.koor.tech/release");
        assertThat(new Part.ChartInstall(upstream.repositoryName(), upstream.repositoryUrl(), koor.chart(), koor.version(),
                koor.namespace(), koor.releaseName(), koor.crds(), koor.values())).isEqualTo(upstream);
    }

    @Test
    void networkPluginTakesOverBootstrapsReleaseAndMultusManifest() {
        Component network = NetworkPluginRenderer.render(TestSystems.full("big"));
        Part.ChartInstall plugin = chart(network);
        assertThat(plugin.releaseName()).isPresent();
        assertThat(plugin.crds()).isEqualTo(Part.CrdPolicy.DEFAULT);
        List<Part.RemoteManifest> remote = network.parts().stream().filter(p -> p instanceof Part.RemoteManifest)
                .map(p -> (Part.RemoteManifest) p).toList();
        assertThat(remote).singleElement().satisfies(multus -> {
            assertThat(multus.repositoryUrl()).isEqualTo(BootstrapRelease.MULTUS_REPOSITORY);
            assertThat(multus.tag()).isEqualTo(Versions.MULTUS);
            assertThat(multus.directory()).isEqualTo("deployments");
            assertThat(multus.file()).isEqualTo("multus-daemonset-thick.yml");
        });
        // Cilium lives in kube-system, so there is no Namespace to create either
        assertThat(objects(network)).isEmpty();
    }

    @Test
    void noRendererBuildsFluxOrArgoCdObjects() {
        assertThat(ClusterComponents.of(TestSystems.full("big")).stream().flatMap(c -> objects(c).stream()))
                .isNotEmpty()
                .noneMatch(o -> o.getApiVersion().contains("fluxcd.io") || o.getApiVersion().contains("argoproj.io"));
    }

    @Test
    void cephClusterFollowsTheModel() {
        Component ceph = CephClusterRenderer.render(cluster, Set.of(RookOperatorRenderer.COMPONENT));
        assertThat(ceph.dependsOn()).containsExactly(RookOperatorRenderer.COMPONENT);
        assertThat(ceph.providesStorage()).isTrue();
        JsonNode spec = find(ceph, "CephCluster", "rook-ceph").get("spec");
        assertThat(spec.at("/cephVersion/image").asText()).isEqualTo("quay.io/ceph/ceph:v19.2.6");
        assertThat(spec.at("/cephVersion/allowUnsupported").asBoolean(true)).isFalse();
        assertThat(spec.at("/mon/count").asInt()).isEqualTo(3);
        assertThat(spec.at("/mgr/count").asInt()).isEqualTo(2);
        assertThat(spec.at("/disruptionManagement/managePodBudgets").asBoolean(false)).isTrue();
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
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6")
                        .devices(Devices.matching("^sd[b-z]")))
                .build();
        JsonNode node = find(CephClusterRenderer.render(filtered, Set.of(RookOperatorRenderer.COMPONENT)), "CephCluster", "rook-ceph").at("/spec/storage/nodes/0");
        assertThat(node.get("deviceFilter").asText()).isEqualTo("^sd[b-z]");
        assertThat(node.has("devices")).isFalse();
    }

    @Test
    void drivesDeclaringDeviceClassesCarryThemInTheirDeviceConfig() {
        Cluster mixed = Cluster.named("mixed").kubernetesVersion("1.32.4").location("hel1").controlPlane(1, "cx33")
                .storageNodes(3, "cx43", 2, 100)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6")
                        .devices(Devices.attachedVolumes().deviceClasses("ssd", "hdd")))
                .build();
        JsonNode node = find(CephClusterRenderer.render(mixed, Set.of(RookOperatorRenderer.COMPONENT)), "CephCluster",
                "rook-ceph").at("/spec/storage/nodes/0");
        assertThat(node.at("/devices/0/name").asText()).isEqualTo("sdb");
        assertThat(node.at("/devices/0/config/deviceClass").asText()).isEqualTo("ssd");
        assertThat(node.at("/devices/1/name").asText()).isEqualTo("sdc");
        assertThat(node.at("/devices/1/config/deviceClass").asText()).isEqualTo("hdd");
        // without declared classes a device is its name alone: ceph-volume detects the class
        JsonNode plain = find(CephClusterRenderer.render(cluster, Set.of(RookOperatorRenderer.COMPONENT)), "CephCluster",
                "rook-ceph").at("/spec/storage/nodes/0/devices/0");
        assertThat(plain.has("config")).isFalse();
    }

    @Test
    void poolsAndStorageClasses() {
        Component ceph = CephClusterRenderer.render(cluster, Set.of(RookOperatorRenderer.COMPONENT));
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
        assertThat(objects(ceph)).filteredOn(o -> o.getKind().equals("StorageClass")).hasSize(1);
    }

    @Test
    void aSingleCopyPoolRendersRooksTestSettings() {
        Cluster test = Cluster.named("t").kubernetesVersion("1.32.4").location("hel1").controlPlane(1, "cx33")
                .storageNodes(1, "cx43", 2, 100)
                .rook(RookCeph.of(ChartSource.rook("v1.20.6"), "quay.io/ceph/ceph:v19.2.6").mons(1).mgrs(1)
                        .blockPool(BlockPool.singleCopyForTesting("scratch")))
                .build();
        JsonNode pool = find(CephClusterRenderer.render(test, Set.of(RookOperatorRenderer.COMPONENT)), "CephBlockPool", "scratch");
        assertThat(pool.at("/spec/failureDomain").asText()).isEqualTo("osd");
        assertThat(pool.at("/spec/replicated/requireSafeReplicaSize").asBoolean(true)).isFalse();
    }

    @Test
    void clusterComponentsAreListedInDependencyOrder() {
        List<Component> components = ClusterComponents.of(cluster);
        assertThat(components).extracting(Component::name)
                .containsExactly(NetworkPluginRenderer.COMPONENT, RookOperatorRenderer.COMPONENT, RookOperatorRenderer.CSI_DRIVERS,
                        PlatformRenderer.SNAPSHOT_CONTROLLER, PlatformRenderer.CLOUD_CONTROLLER_MANAGER,
                        CephClusterRenderer.COMPONENT, ClusterComponents.TOOLS);
    }
}
