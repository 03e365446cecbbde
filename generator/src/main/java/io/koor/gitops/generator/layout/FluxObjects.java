package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Part;
import io.koor.gitops.generator.render.Resources;
import java.util.List;
import java.util.Optional;

/**
 * Parts as Flux installs them: a chart as a HelmRepository and a HelmRelease in the release's
 * namespace, a remote manifest as a GitRepository and a Kustomization beside Flux's own.
 */
final class FluxObjects implements ReconcilerObjects {
    /** Where {@code flux bootstrap} installs Flux, and so where its cluster-wide sources live. */
    private static final String FLUX_NAMESPACE = "flux-system";

    @Override
    public List<HasMetadata> chart(Part.ChartInstall chart, Optional<Part.ChartInstall> after, int position) {
        HasMetadata repository = Resources.custom("source.toolkit.fluxcd.io/v1", "HelmRepository",
                chart.repositoryName(), chart.namespace(), map(
                        "interval", "12h",
                        "url", chart.repositoryUrl()));
        String crds = chart.crds() == Part.CrdPolicy.CREATE_REPLACE ? "CreateReplace" : null;
        HasMetadata release = Resources.custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", chart.name(),
                chart.namespace(), map(
                        "interval", "1h",
                        // helm-controller's dependsOn: installed and upgraded once the earlier release is ready
                        "dependsOn", after.map(earlier -> List.of(earlier.namespace().equals(chart.namespace())
                                ? map("name", earlier.name())
                                : map("name", earlier.name(), "namespace", earlier.namespace()))).orElse(null),
                        "releaseName", chart.releaseName().orElse(null),
                        "chart", map("spec", map(
                                "chart", chart.chart(),
                                "version", chart.version(),
                                "sourceRef", map("kind", "HelmRepository", "name", chart.repositoryName()),
                                "interval", "12h")),
                        "install", map("crds", crds, "remediation", map("retries", 3)),
                        "upgrade", map("crds", crds, "remediation", map("retries", 3)),
                        "postRenderers", chart.keepCrds() ? keepCrds() : null,
                        // merged first, then spec.values on top (helm-controller docs, HelmRelease "Values references")
                        "valuesFrom", chart.secretValues().isEmpty() ? null : chart.secretValues().stream()
                                .map(v -> (Object) map("kind", "Secret", "name", v.secret(), "valuesKey", v.key())).toList(),
                        "values", chart.values()));
        return List.of(repository, release);
    }

    /**
     * Helm leaves objects annotated {@code helm.sh/resource-policy: keep} when the release is uninstalled;
     * the post-renderer adds it to every CRD the chart renders (which carry annotations of their own, so
     * the JSON patch adds to an existing map).
     */
    private static List<Object> keepCrds() {
        return List.of(map("kustomize", map("patches", List.of(map(
                "target", map("kind", "CustomResourceDefinition"),
                "patch", "- op: add\n  path: /metadata/annotations/helm.sh~1resource-policy\n  value: keep\n")))));
    }

    /** Flux's garbage collection skips objects annotated so (kustomize-controller's prune policy). */
    @Override
    public void retain(HasMetadata object) {
        ReconcilerObjects.annotate(object, "kustomize.toolkit.fluxcd.io/prune", "disabled");
    }

    @Override
    public List<HasMetadata> remoteManifest(Part.RemoteManifest manifest) {
        HasMetadata repository = Resources.custom("source.toolkit.fluxcd.io/v1", "GitRepository",
                manifest.repositoryName(), FLUX_NAMESPACE, map(
                        "interval", "12h",
                        "url", manifest.repositoryUrl(),
                        "ref", map("tag", manifest.tag()),
                        // only the one manifest bootstrap applied, not the directory's other variants
                        "ignore", "/*\n!/" + manifest.path() + "\n"));
        HasMetadata kustomization = Resources.custom("kustomize.toolkit.fluxcd.io/v1", "Kustomization",
                manifest.name(), FLUX_NAMESPACE, map(
                        "interval", "1h",
                        "sourceRef", map("kind", "GitRepository", "name", manifest.repositoryName()),
                        "path", "./" + manifest.directory(),
                        "prune", true,
                        "wait", true));
        return List.of(repository, kustomization);
    }
}
