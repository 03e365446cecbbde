package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Layer;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FluxLayoutTest {
    private final GitOpsTree tree = new FluxLayout("test.Definition").render(
            GitOpsSystem.of(TestSystems.cluster("lab", 3, "v1.20.6"), TestSystems.cluster("next", 3, "v1.19.10")));

    private List<JsonNode> docs(String path) {
        return ManifestYaml.readAll(tree.text(new TreePath(path)));
    }

    @Test
    void filesLandWhereFluxExpectsThem() {
        assertThat(tree.files().keySet()).extracting(TreePath::value).filteredOn(p -> p.contains("/lab"))
                .containsExactly(
                        "apps/lab/kustomization.yaml",
                        "clusters/lab/README.md",
                        "clusters/lab/apps.yaml",
                        "clusters/lab/infrastructure.yaml",
                        "infrastructure/configs/lab/ceph-cluster/cephblockpool-bulk.yaml",
                        "infrastructure/configs/lab/ceph-cluster/cephblockpool-replicapool.yaml",
                        "infrastructure/configs/lab/ceph-cluster/cephcluster-rook-ceph.yaml",
                        "infrastructure/configs/lab/ceph-cluster/kustomization.yaml",
                        "infrastructure/configs/lab/ceph-cluster/storageclass-ceph-block.yaml",
                        "infrastructure/configs/lab/ceph-cluster/volumesnapshotclass-ceph-block-snapshots.yaml",
                        "infrastructure/configs/lab/ceph-csi-drivers/helmrelease-ceph-csi-drivers.yaml",
                        "infrastructure/configs/lab/ceph-csi-drivers/helmrepository-ceph-csi-operator.yaml",
                        "infrastructure/configs/lab/ceph-csi-drivers/kustomization.yaml",
                        "infrastructure/configs/lab/ceph-tools/deployment-rook-ceph-tools.yaml",
                        "infrastructure/configs/lab/ceph-tools/kustomization.yaml",
                        "infrastructure/configs/lab/kustomization.yaml",
                        "infrastructure/controllers/lab/cloud-controller-manager/helmrelease-hccm.yaml",
                        "infrastructure/controllers/lab/cloud-controller-manager/helmrepository-hcloud.yaml",
                        "infrastructure/controllers/lab/cloud-controller-manager/kustomization.yaml",
                        "infrastructure/controllers/lab/kustomization.yaml",
                        "infrastructure/controllers/lab/network/helmrelease-calico-crds.yaml",
                        "infrastructure/controllers/lab/network/helmrelease-calico.yaml",
                        "infrastructure/controllers/lab/network/helmrepository-projectcalico.yaml",
                        "infrastructure/controllers/lab/network/kustomization.yaml",
                        "infrastructure/controllers/lab/network/namespace-tigera-operator.yaml",
                        "infrastructure/controllers/lab/rook-ceph-operator/helmrelease-rook-ceph.yaml",
                        "infrastructure/controllers/lab/rook-ceph-operator/helmrepository-rook-release.yaml",
                        "infrastructure/controllers/lab/rook-ceph-operator/kustomization.yaml",
                        "infrastructure/controllers/lab/rook-ceph-operator/namespace-rook-ceph.yaml",
                        "infrastructure/controllers/lab/snapshot-controller/helmrelease-snapshot-controller.yaml",
                        "infrastructure/controllers/lab/snapshot-controller/helmrepository-piraeus-charts.yaml",
                        "infrastructure/controllers/lab/snapshot-controller/kustomization.yaml");
    }

    @Test
    void orderingIsDerivedFromComponentDependencies() {
        List<JsonNode> infra = docs("clusters/lab/infrastructure.yaml");
        assertThat(infra).extracting(d -> d.at("/metadata/name").asText()).containsExactly("infra-controllers", "infra-configs");
        assertThat(infra.get(0).at("/spec/dependsOn").isMissingNode()).isTrue();
        assertThat(infra.get(0).at("/spec/wait").asBoolean()).isTrue();
        assertThat(infra.get(0).at("/spec/path").asText()).isEqualTo("./infrastructure/controllers/lab");
        assertThat(infra.get(1).at("/spec/dependsOn/0/name").asText()).isEqualTo("infra-controllers");
        JsonNode apps = docs("clusters/lab/apps.yaml").get(0);
        assertThat(apps.at("/spec/dependsOn/0/name").asText()).isEqualTo("infra-configs");
        assertThat(apps.at("/spec/path").asText()).isEqualTo("./apps/lab");
        assertThat(apps.get("apiVersion").asText()).isEqualTo("kustomize.toolkit.fluxcd.io/v1");
    }

    @Test
    void eachClusterPinsItsOwnChartVersion() {
        assertThat(docs("infrastructure/controllers/lab/rook-ceph-operator/helmrelease-rook-ceph.yaml").get(0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("v1.20.6");
        assertThat(docs("infrastructure/controllers/next/rook-ceph-operator/helmrelease-rook-ceph.yaml").get(0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("v1.19.10");
    }

    @Test
    void kustomizationsListTheirDirectoryAndEveryFileHasTheHeader() {
        assertThat(docs("infrastructure/configs/lab/kustomization.yaml").get(0).get("resources").toString())
                .isEqualTo("[\"ceph-cluster\",\"ceph-csi-drivers\",\"ceph-tools\"]");
        assertThat(docs("infrastructure/configs/lab/ceph-cluster/kustomization.yaml").get(0).get("resources"))
                .extracting(JsonNode::asText).containsExactly("cephblockpool-bulk.yaml", "cephblockpool-replicapool.yaml",
                        "cephcluster-rook-ceph.yaml", "storageclass-ceph-block.yaml",
                        "volumesnapshotclass-ceph-block-snapshots.yaml");
        assertThat(tree.files().entrySet()).allMatch(file -> file.getValue().startsWith(
                (file.getKey().fileName().endsWith(".md") ? "<!-- " : "# ")
                        + "Generated by demo-gitops from test.Definition (cluster "));
    }

    @Test
    void renderingIsDeterministic() {
        GitOpsTree again = new FluxLayout("test.Definition").render(
                GitOpsSystem.of(TestSystems.cluster("lab", 3, "v1.20.6"), TestSystems.cluster("next", 3, "v1.19.10")));
        assertThat(again.files()).isEqualTo(tree.files());
    }

    @Test
    void cyclesAndUnknownDependenciesAreRefused() {
        Component a = new Component("a", Layer.CONTROLLERS, Set.of("b"), false, List.of());
        Component b = new Component("b", Layer.CONFIGS, Set.of("a"), false, List.of());
        assertThatThrownBy(() -> LayerGraph.of("lab", List.of(a, b)))
                .hasMessageContaining("clusters[lab]: the layers depend on each other in a cycle: "
                        + "infra-controllers -> infra-configs -> infra-controllers");
        Component lost = new Component("c", Layer.APPS, Set.of("nowhere"), false, List.of());
        assertThatThrownBy(() -> LayerGraph.of("lab", List.of(lost)))
                .hasMessageContaining("component c depends on nowhere, which the cluster does not have");
    }

    @Test
    void storageProvidersOrderTheApps() {
        Component storage = new Component("s", Layer.CONTROLLERS, Set.of(), true, List.of());
        assertThat(LayerGraph.of("lab", List.of(storage)).dependenciesOf(Layer.APPS)).containsExactly(Layer.CONTROLLERS);
        Component plain = new Component("s", Layer.CONTROLLERS, Set.of(), false, List.of());
        assertThat(LayerGraph.of("lab", List.of(plain)).dependenciesOf(Layer.APPS)).isEmpty();
    }

    @Test
    void aPathNamesItsClusterByPositionNotByAnyMatchingSegment() {
        assertThat(Layouts.clusterOf(new TreePath("clusters/apps/apps.yaml"))).contains("apps");
        assertThat(Layouts.clusterOf(new TreePath("apps/lab/x/kustomization.yaml"))).contains("lab");
        assertThat(Layouts.clusterOf(new TreePath("infrastructure/configs/clusters/kustomization.yaml")))
                .contains("clusters");
        assertThat(Layouts.clusterOf(new TreePath("README.md"))).isEmpty();
        assertThat(Layouts.clusterOf(new TreePath("apps/kustomization.yaml"))).isEmpty();
    }
}
