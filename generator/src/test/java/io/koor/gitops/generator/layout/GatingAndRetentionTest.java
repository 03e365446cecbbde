package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configs layer waits until Rook says its objects are ready, and neither reconciler prunes Ceph's data. */
class GatingAndRetentionTest {
    private static final GitOpsSystem HA = GitOpsSystem.of(Patterns.highlyAvailable("ha").build());

    private static JsonNode doc(GitOpsTree tree, String path, int index) {
        return ManifestYaml.readAll(tree.text(new TreePath(path))).get(index);
    }

    @Test
    void fluxWaitsForRooksPhaseOfEveryStatefulKindInTheConfigsLayer() {
        GitOpsTree tree = new FluxLayout("test").render(HA);
        JsonNode controllers = doc(tree, "clusters/ha/infrastructure.yaml", 0);
        JsonNode configs = doc(tree, "clusters/ha/infrastructure.yaml", 1);
        assertThat(controllers.at("/spec/healthCheckExprs").isMissingNode()).isTrue();
        assertThat(configs.at("/spec/wait").asBoolean()).isTrue();
        JsonNode checks = configs.at("/spec/healthCheckExprs");
        assertThat(checks.findValuesAsText("kind"))
                .containsExactly("CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore");
        assertThat(checks.get(0).get("apiVersion").asText()).isEqualTo("ceph.rook.io/v1");
        assertThat(checks.get(0).get("current").asText()).isEqualTo("status.phase == 'Ready'");
        assertThat(checks.get(0).get("failed").asText()).isEqualTo("status.phase == 'Failure'");
        assertThat(doc(tree, "clusters/ha/apps.yaml", 0).at("/spec/dependsOn/0/name").asText()).isEqualTo("infra-configs");
    }

    @Test
    void fluxNeverPrunesTheCephNamespaceOrItsStatefulObjects() {
        GitOpsTree tree = new FluxLayout("test").render(HA);
        for (String path : List.of("infrastructure/controllers/ha/rook-ceph-operator/namespace-rook-ceph.yaml",
                "infrastructure/configs/ha/ceph-cluster/cephcluster-rook-ceph.yaml",
                "infrastructure/configs/ha/ceph-cluster/cephblockpool-replicapool.yaml",
                "infrastructure/configs/ha/ceph-filesystems/cephfilesystem-cephfs.yaml",
                "infrastructure/configs/ha/ceph-object-stores/cephobjectstore-objectstore.yaml")) {
            assertThat(doc(tree, path, 0).at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1prune").asText())
                    .as(path).isEqualTo("disabled");
        }
        // a StorageClass holds no data: removing it from the tree removes it from the cluster
        assertThat(doc(tree, "infrastructure/configs/ha/ceph-cluster/storageclass-ceph-block.yaml", 0)
                .at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1prune").isMissingNode()).isTrue();
    }

    @Test
    void argoCdNeverPrunesThemEither() {
        GitOpsTree tree = Layouts.render(HA.reconciledBy(Reconciler.argoCd("https://git.example.com/g.git", "main")),
                "test", PriceTable.snapshot2026());
        JsonNode cluster = doc(tree, "infrastructure/configs/ha/ceph-cluster/cephcluster-rook-ceph.yaml", 0);
        assertThat(cluster.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText()).isEqualTo("Prune=false");
        assertThat(cluster.at("/metadata/annotations/kustomize.toolkit.fluxcd.io~1prune").isMissingNode()).isTrue();
        JsonNode ns = doc(tree, "infrastructure/controllers/ha/rook-ceph-operator/namespace-rook-ceph.yaml", 0);
        assertThat(ns.at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText()).isEqualTo("Prune=false");
    }

    @Test
    void theSnapshotCrdsOutliveTheirReleaseInBothLayouts() {
        GitOpsTree flux = new FluxLayout("test").render(HA);
        JsonNode release = doc(flux, "infrastructure/controllers/ha/snapshot-controller/helmrelease-snapshot-controller.yaml", 0);
        JsonNode patch = release.at("/spec/postRenderers/0/kustomize/patches/0");
        assertThat(patch.at("/target/kind").asText()).isEqualTo("CustomResourceDefinition");
        assertThat(patch.at("/patch").asText()).contains("path: /metadata/annotations/helm.sh~1resource-policy", "value: keep");
        // a chart that keeps its CRDs through its own value gets no post-renderer
        assertThat(doc(flux, "infrastructure/controllers/ha/prometheus-operator-crds/helmrelease-prometheus-operator-crds.yaml", 0)
                .at("/spec/postRenderers").isMissingNode()).isTrue();

        GitOpsTree argo = Layouts.render(HA.reconciledBy(Reconciler.argoCd("https://git.example.com/g.git", "main")),
                "test", PriceTable.snapshot2026());
        assertThat(doc(argo, "infrastructure/controllers/ha/snapshot-controller/application-snapshot-controller.yaml", 0)
                .at("/metadata/finalizers").isMissingNode()).isTrue();
        assertThat(doc(argo, "infrastructure/controllers/ha/rook-ceph-operator/application-rook-ceph.yaml", 0)
                .at("/metadata/finalizers/0").asText()).isEqualTo("resources-finalizer.argocd.argoproj.io");
    }
}
