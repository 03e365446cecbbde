package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.testing.Golden;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.FluxBootstrap;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flux's own manifests in Git, laid out as {@code flux bootstrap} lays them out, when the system names its repository. */
class FluxBootstrapLayoutTest {
    static final Reconciler FLUX = Reconciler.flux("https://github.com/koor/demo-gitops.git", "main");

    @TempDir
    Path root;

    private static GitOpsTree render(GitOpsSystem system) {
        return new FluxLayout("test.Definition").render(system);
    }

    private final GitOpsTree tree = render(GitOpsSystem.of(Patterns.minimalProduction("demo").build()).reconciledBy(FLUX));

    private List<JsonNode> docs(String path) {
        return ManifestYaml.readAll(tree.text(new TreePath(path)));
    }

    @Test
    void theClusterDirectoryGetsFluxSystemAndNothingElseNew() {
        assertThat(tree.files().keySet()).extracting(TreePath::value).filteredOn(p -> p.startsWith("clusters/demo/"))
                .containsExactly("clusters/demo/README.md", "clusters/demo/apps.yaml",
                        "clusters/demo/flux-system/flux-components.yaml", "clusters/demo/flux-system/gotk-sync.yaml",
                        "clusters/demo/flux-system/kustomization.yaml", "clusters/demo/infrastructure.yaml");
        assertThat(docs("clusters/demo/flux-system/kustomization.yaml").get(0).at("/resources").toString())
                .isEqualTo("[\"flux-components.yaml\",\"gotk-sync.yaml\"]");
        // without a repository the tree stays as before: flux bootstrap adds flux-system/ itself
        assertThat(render(GitOpsSystem.of(Patterns.minimalProduction("demo").build())).files().keySet())
                .extracting(TreePath::value).noneMatch(p -> p.contains("flux-system"));
    }

    @Test
    void gotkSyncIsWhatBootstrapCreates() {
        List<JsonNode> sync = docs("clusters/demo/flux-system/gotk-sync.yaml");
        JsonNode git = sync.get(0);
        assertThat(git.at("/kind").asText()).isEqualTo("GitRepository");
        assertThat(git.at("/metadata/name").asText() + "/" + git.at("/metadata/namespace").asText()).isEqualTo("flux-system/flux-system");
        assertThat(git.at("/spec/url").asText()).isEqualTo("https://github.com/koor/demo-gitops.git");
        assertThat(git.at("/spec/ref/branch").asText()).isEqualTo("main");
        assertThat(git.at("/spec/secretRef").isMissingNode()).as("no credentials: the repository is public").isTrue();
        JsonNode root = sync.get(1);
        assertThat(root.at("/spec/path").asText()).isEqualTo("./clusters/demo");
        assertThat(root.at("/spec/prune").asBoolean()).isTrue();
        assertThat(root.at("/spec/sourceRef/kind").asText() + "/" + root.at("/spec/sourceRef/name").asText())
                .isEqualTo("GitRepository/flux-system");
        // the layers read from the same GitRepository
        assertThat(docs("clusters/demo/apps.yaml").get(0).at("/spec/sourceRef/name").asText()).isEqualTo("flux-system");
    }

    @Test
    void theControllersComeFromFluxsSignedReleaseArtifactAtThePinnedVersion() {
        List<JsonNode> components = docs("clusters/demo/flux-system/flux-components.yaml");
        JsonNode oci = components.get(0);
        assertThat(oci.at("/apiVersion").asText() + " " + oci.at("/kind").asText())
                .isEqualTo("source.toolkit.fluxcd.io/v1 OCIRepository");
        assertThat(oci.at("/spec/url").asText()).isEqualTo("oci://ghcr.io/fluxcd/flux-manifests");
        assertThat(oci.at("/spec/ref/tag").asText()).isEqualTo("v" + Versions.FLUX);
        assertThat(oci.at("/spec/verify/provider").asText()).isEqualTo("cosign");
        JsonNode identity = oci.at("/spec/verify/matchOIDCIdentity/0");
        Pattern issuer = Pattern.compile(identity.at("/issuer").asText());
        Pattern subject = Pattern.compile(identity.at("/subject").asText());
        assertThat(issuer.matcher("https://token.actions.githubusercontent.com").matches()).isTrue();
        String release = "https://github.com/fluxcd/flux2/.github/workflows/release.yaml@refs/tags/v" + Versions.FLUX;
        assertThat(subject.matcher(release).find()).isTrue();
        assertThat(subject.matcher("https://github.com/fluxcd/flux2/.github/workflows/e2e.yaml@refs/tags/v" + Versions.FLUX).find())
                .isFalse();
        assertThat(subject.matcher("https://github.com/evil/flux2/.github/workflows/release.yaml@refs/tags/v2.9.5").find()).isFalse();
        assertThat(subject.matcher(release.replace("refs/tags/v", "refs/heads/v")).find()).isFalse();

        JsonNode kustomization = components.get(1);
        assertThat(kustomization.at("/metadata/name").asText()).isEqualTo("flux-components");
        assertThat(kustomization.at("/spec/sourceRef/kind").asText()).isEqualTo("OCIRepository");
        assertThat(kustomization.at("/spec/sourceRef/name").asText()).isEqualTo(oci.at("/metadata/name").asText());
        assertThat(kustomization.at("/spec/prune").asBoolean(true)).as("Flux never deletes itself").isFalse();
        assertThat(kustomization.at("/spec/patches/0/target/kind").asText()).isEqualTo("Deployment");
    }

    @Test
    void everyControllerToleratesTheControlPlaneAsTheBootstrapFlagDoes() {
        JsonNode patch = ManifestYaml.readAll(docs("clusters/demo/flux-system/flux-components.yaml").get(1)
                .at("/spec/patches/0/patch").asText()).get(0);
        assertThat(patch.at("/kind").asText()).isEqualTo("Deployment");
        assertThat(patch.at("/spec/template/spec/tolerations").toString())
                .isEqualTo("[{\"key\":\"node-role.kubernetes.io/control-plane\",\"operator\":\"Exists\"}]");
        assertThat(FluxBootstrap.CONTROL_PLANE_TAINT).isEqualTo("node-role.kubernetes.io/control-plane");
    }

    /**
     * The patch, run through the real kustomize the way kustomize-controller runs a Kustomization's patches,
     * on Deployments shaped like the artifact's (nodeSelector from flux install, no tolerations): each gets
     * exactly the toleration {@code flux install --toleration-keys} writes, and keeps the rest.
     */
    @Test
    void thePatchGivesEveryDeploymentTheTolerationWhenKustomizeRunsIt() throws IOException {
        Kustomize.assumeAvailable();
        StringBuilder components = new StringBuilder();
        for (String name : List.of("source-controller", "kustomize-controller", "helm-controller")) {
            components.append("---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ").append(name)
                    .append("\n  namespace: flux-system\nspec:\n  selector:\n    matchLabels:\n      app: ").append(name)
                    .append("\n  template:\n    metadata:\n      labels:\n        app: ").append(name)
                    .append("\n    spec:\n      nodeSelector:\n        kubernetes.io/os: linux\n      containers:\n")
                    .append("        - name: manager\n          image: ghcr.io/fluxcd/").append(name).append(":v1\n");
        }
        java.nio.file.Files.writeString(root.resolve("gotk-components.yaml"), components);
        JsonNode patches = docs("clusters/demo/flux-system/flux-components.yaml").get(1).at("/spec/patches");
        java.nio.file.Files.writeString(root.resolve("kustomization.yaml"), ManifestYaml.write("test", List.of(
                java.util.Map.of("apiVersion", "kustomize.config.k8s.io/v1beta1", "kind", "Kustomization",
                        "resources", List.of("gotk-components.yaml"), "patches", patches))));
        Kustomize.Build build = Kustomize.build(root);
        assertThat(build.exitCode()).as(build.errors()).isZero();
        List<JsonNode> built = ManifestYaml.readAll(build.output());
        assertThat(built).hasSize(3).allSatisfy(d -> {
            assertThat(d.at("/spec/template/spec/tolerations").toString())
                    .isEqualTo("[{\"key\":\"node-role.kubernetes.io/control-plane\",\"operator\":\"Exists\"}]");
            assertThat(d.at("/spec/template/spec/nodeSelector/kubernetes.io~1os").asText()).isEqualTo("linux");
            assertThat(d.at("/metadata/name").asText()).endsWith("-controller");
        });
    }

    @Test
    void validatesWithNoFindingAndBuilds() throws IOException {
        Kustomize.assumeAvailable();
        new TreeWriter(root).write(render(GitOpsSystem.of(TestSystems.full("big")).reconciledBy(FLUX)), false);
        ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                .kustomizeBuild(true).offline(true).build());
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.others(report)).isEmpty();
        assertThat(io.koor.gitops.generator.testing.ProbeSchemaGap.gaps(report)).isEqualTo(2);
    }

    @Test
    void rendersItsGoldenTree() throws IOException {
        GitOpsTree.Builder fluxSystem = GitOpsTree.builder();
        tree.files().forEach((path, text) -> {
            if (path.value().startsWith("clusters/demo/")) {
                fluxSystem.add(path, text);
            }
        });
        Golden.assertMatches(Path.of("src/test/resources/golden/minimal-production-flux-bootstrap"), fluxSystem.build());
    }
}
