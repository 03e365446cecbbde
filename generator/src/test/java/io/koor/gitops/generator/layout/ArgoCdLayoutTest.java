package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.testing.Golden;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same system for Argo CD: an app of apps with sync waves from the layer graph, and no Flux objects. */
class ArgoCdLayoutTest {
    private static final Reconciler ARGO = Reconciler.argoCd("https://github.com/koor/demo-gitops.git", "main");
    @TempDir
    Path root;

    private static GitOpsTree render(GitOpsSystem system) {
        return Layouts.render(system.reconciledBy(ARGO), "io.koor.gitops.model.presets.Patterns", PriceTable.snapshot2026());
    }

    private static JsonNode doc(GitOpsTree tree, String path, int index) {
        return ManifestYaml.readAll(tree.text(new TreePath(path))).get(index);
    }

    @Test
    void layersAreApplicationsSyncedInWavesFromTheDependencyGraph() {
        GitOpsTree tree = render(GitOpsSystem.of(Patterns.minimalProduction("demo").build()));
        JsonNode controllers = doc(tree, "clusters/demo/infrastructure.yaml", 0);
        JsonNode configs = doc(tree, "clusters/demo/infrastructure.yaml", 1);
        JsonNode apps = doc(tree, "clusters/demo/apps.yaml", 0);
        assertThat(List.of(controllers, configs, apps)).extracting(a -> a.at("/metadata/annotations/argocd.argoproj.io~1sync-wave")
                .asText()).containsExactly("0", "1", "2");
        assertThat(configs.at("/spec/source/path").asText()).isEqualTo("infrastructure/configs/demo");
        assertThat(configs.at("/spec/source/repoURL").asText()).isEqualTo("https://github.com/koor/demo-gitops.git");
        assertThat(configs.at("/spec/source/targetRevision").asText()).isEqualTo("main");
        assertThat(configs.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
    }

    @Test
    void chartsBecomeHelmApplicationsAndNoFluxObjectRemains() {
        GitOpsTree tree = render(GitOpsSystem.of(TestSystems.full("big")));
        assertThat(tree.files().values()).noneMatch(t -> t.contains("toolkit.fluxcd.io"));
        assertThat(tree.text(new TreePath("clusters/big/README.md"))).contains("Argo CD").doesNotContain("Flux");
        JsonNode rook = doc(tree, "infrastructure/controllers/big/rook-ceph-operator/application-rook-ceph.yaml", 0);
        assertThat(rook.at("/spec/source/repoURL").asText()).isEqualTo("https://charts.koor.tech/release");
        assertThat(rook.at("/spec/source/chart").asText()).isEqualTo("rook-ceph");
        assertThat(rook.at("/spec/source/targetRevision").asText()).isEqualTo("v1.20.6");
        assertThat(rook.at("/spec/source/helm/valuesObject/crds/enabled").asBoolean()).isTrue();
        assertThat(rook.at("/spec/destination/namespace").asText()).isEqualTo("rook-ceph");
        JsonNode multus = doc(tree, "infrastructure/controllers/big/network/application-multus.yaml", 0);
        assertThat(multus.at("/spec/source/path").asText()).isEqualTo("deployments");
        assertThat(multus.at("/spec/source/directory/include").asText()).isEqualTo("multus-daemonset-thick.yml");
    }

    @Test
    void argoCdManagesItselfFromThePinnedReleaseWithTheHealthCheckBootstrapSets() {
        GitOpsTree tree = render(GitOpsSystem.of(Patterns.minimalProduction("demo").build()));
        JsonNode argocd = doc(tree, "clusters/demo/argocd.yaml", 0);
        assertThat(argocd.at("/metadata/name").asText()).isEqualTo("argocd");
        assertThat(argocd.at("/spec/source/repoURL").asText()).isEqualTo("https://github.com/argoproj/argo-cd.git");
        assertThat(argocd.at("/spec/source/path").asText()).isEqualTo("manifests/cluster-install");
        assertThat(argocd.at("/spec/source/targetRevision").asText()).isEqualTo(io.koor.gitops.model.presets.Versions.ARGO_CD);
        assertThat(argocd.at("/spec/syncPolicy/automated/prune").asBoolean(true)).as("never prunes Argo CD").isFalse();
        assertThat(argocd.at("/metadata/finalizers").isMissingNode()).as("deleting the Application leaves Argo CD").isTrue();
        assertThat(argocd.at("/spec/syncPolicy/syncOptions").toString()).contains("ServerSideApply=true");
    }

    /**
     * The Application's patch, run through the real kustomize on an argocd-cm shaped like upstream's (other
     * keys in data), adds exactly the keys bootstrap's merge patch sets and keeps upstream's.
     */
    @Test
    void theConfigPatchKeepsUpstreamsKeysAndAddsTheApplicationHealth() throws IOException {
        Kustomize.assumeAvailable();
        JsonNode patches = doc(render(GitOpsSystem.of(Patterns.minimalProduction("demo").build())), "clusters/demo/argocd.yaml", 0)
                .at("/spec/source/kustomize/patches");
        java.nio.file.Files.writeString(root.resolve("argocd-cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                + "  name: argocd-cm\n  labels:\n    app.kubernetes.io/part-of: argocd\ndata:\n"
                + "  resource.exclusions: |\n    - kinds: [Lease]\n");
        java.nio.file.Files.writeString(root.resolve("kustomization.yaml"), ManifestYaml.write("test", List.of(java.util.Map.of(
                "apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                "resources", List.of("argocd-cm.yaml"), "patches", patches))));
        Kustomize.Build build = Kustomize.build(root);
        assertThat(build.exitCode()).as(build.errors()).isZero();
        JsonNode data = ManifestYaml.readAll(build.output()).get(0).path("data");
        assertThat(data.path("resource.exclusions").asText()).isEqualTo("- kinds: [Lease]\n");
        java.util.Map<String, String> added = new java.util.TreeMap<>();
        data.fields().forEachRemaining(f -> added.put(f.getKey(), f.getValue().asText()));
        added.remove("resource.exclusions");
        assertThat(added).isEqualTo(new java.util.TreeMap<>(io.koor.gitops.model.ArgoCdBootstrap.configData()));
        assertThat(added.get("resource.customizations.health.argoproj.io_Application")).contains("obj.status.health.status");
    }

    @Test
    void theTreeValidatesAndBuilds() throws IOException {
        Kustomize.assumeAvailable();
        GitOpsTree tree = render(GitOpsSystem.of(TestSystems.full("big")));
        new TreeWriter(root).write(tree, false);
        // Provisioning restores Argo CD's Application health check in argocd-cm (outside Git, see the README), so
        // the sync waves order the layers' contents; the reconcile check is told so, as a user's tree would tell it.
        // Without it the check warns (apply-order-unspecified) for every object of configs and apps.
        java.nio.file.Files.createDirectories(root.resolve(".gitops"));
        java.nio.file.Files.writeString(root.resolve(".gitops/external-apis.yaml"), "argoApplicationHealth: true\n");
        ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).kustomizeBuild(true).offline(true).build());
        // nothing but the two Probes (the dashboard's and www.example.com), which ../shared has no schema for
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.others(report)).isEmpty();
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.gaps(report)).isEqualTo(2);
    }

    @Test
    void rendersItsGoldenTree() throws IOException {
        Golden.assertMatches(Path.of("src/test/resources/golden/minimal-production-argocd"),
                render(GitOpsSystem.of(Patterns.minimalProduction("demo").build())));
    }
}
