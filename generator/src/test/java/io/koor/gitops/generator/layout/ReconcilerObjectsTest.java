package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.NetworkPluginRenderer;
import io.koor.gitops.generator.render.RookOperatorRenderer;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.yaml.ManifestYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One component, two reconcilers: each layout installs the same chart and manifest its own way. */
class ReconcilerObjectsTest {
    private static final ReconcilerObjects FLUX = new FluxObjects();
    private static final ReconcilerObjects ARGO = new ArgoCdObjects();

    private static JsonNode only(List<HasMetadata> objects, String kind) {
        List<HasMetadata> ofKind = objects.stream().filter(o -> o.getKind().equals(kind)).toList();
        assertThat(ofKind).as(kind).hasSize(1);
        return ManifestYaml.toTree(ofKind.get(0));
    }

    @Test
    void theOperatorChartIsAHelmReleaseForFluxAndAHelmApplicationForArgoCdWithEqualChartVersionAndValues() {
        Component operator = RookOperatorRenderer.render(TestSystems.full("big"));
        List<HasMetadata> flux = FLUX.objects(operator);
        List<HasMetadata> argo = ARGO.objects(operator);
        assertThat(flux).extracting(HasMetadata::getKind).containsExactly("Namespace", "HelmRepository", "HelmRelease");
        assertThat(argo).extracting(HasMetadata::getKind).containsExactly("Namespace", "Application");

        JsonNode release = only(flux, "HelmRelease");
        JsonNode repository = only(flux, "HelmRepository");
        JsonNode source = only(argo, "Application").at("/spec/source");
        assertThat(source.get("repoURL")).isEqualTo(repository.at("/spec/url"));
        assertThat(source.get("chart")).isEqualTo(release.at("/spec/chart/spec/chart"));
        assertThat(source.get("targetRevision")).isEqualTo(release.at("/spec/chart/spec/version"));
        assertThat(source.at("/helm/valuesObject")).isEqualTo(release.at("/spec/values"));
        assertThat(source.get("targetRevision").asText()).isEqualTo("v1.20.6");
        assertThat(only(argo, "Application").at("/spec/destination/namespace")).isEqualTo(release.at("/metadata/namespace"));
        assertThat(release.at("/spec/install/crds").asText()).isEqualTo("CreateReplace");
        assertThat(release.at("/spec/upgrade/crds").asText()).isEqualTo("CreateReplace");
    }

    @Test
    void theNetworkPluginKeepsBootstrapsReleaseNameInBothAndMultusIsTheSameFileAtTheSameTag() {
        Component network = NetworkPluginRenderer.render(TestSystems.full("big"));
        List<HasMetadata> flux = FLUX.objects(network);
        List<HasMetadata> argo = ARGO.objects(network);

        JsonNode release = only(flux, "HelmRelease");
        assertThat(release.at("/spec/releaseName").asText()).isEqualTo("cilium");
        assertThat(release.at("/spec/install").has("crds")).isFalse();
        JsonNode cilium = ManifestYaml.toTree(argo.get(0));
        assertThat(cilium.at("/spec/source/helm/releaseName").asText()).isEqualTo("cilium");
        assertThat(cilium.at("/spec/source/helm/valuesObject")).isEqualTo(release.at("/spec/values"));

        JsonNode git = only(flux, "GitRepository");
        JsonNode kustomization = only(flux, "Kustomization");
        JsonNode multus = ManifestYaml.toTree(argo.get(1));
        assertThat(multus.at("/metadata/name").asText()).isEqualTo("multus");
        assertThat(multus.at("/spec/source/repoURL")).isEqualTo(git.at("/spec/url"));
        assertThat(multus.at("/spec/source/targetRevision")).isEqualTo(git.at("/spec/ref/tag"));
        assertThat(kustomization.at("/spec/path").asText()).isEqualTo("./" + multus.at("/spec/source/path").asText());
        assertThat(git.at("/spec/ignore").asText())
                .contains("!/deployments/" + multus.at("/spec/source/directory/include").asText());
    }
}
