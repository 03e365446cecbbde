package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Part;
import io.koor.gitops.generator.render.Resources;
import java.util.List;

/**
 * Parts as Flux installs them: a chart as a HelmRepository and a HelmRelease in the release's
 * namespace, a remote manifest as a GitRepository and a Kustomization beside Flux's own.
 */
final class FluxObjects implements ReconcilerObjects {
    /** Where {@code flux bootstrap} installs Flux, and so where its cluster-wide sources live. */
    private static final String FLUX_NAMESPACE = "flux-system";

    @Override
    public List<HasMetadata> chart(Part.ChartInstall chart) {
        HasMetadata repository = Resources.custom("source.toolkit.fluxcd.io/v1", "HelmRepository",
                chart.repositoryName(), chart.namespace(), map(
                        "interval", "12h",
                        "url", chart.repositoryUrl()));
        String crds = chart.crds() == Part.CrdPolicy.CREATE_REPLACE ? "CreateReplace" : null;
        HasMetadata release = Resources.custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", chart.name(),
                chart.namespace(), map(
                        "interval", "1h",
                        "releaseName", chart.releaseName().orElse(null),
                        "chart", map("spec", map(
                                "chart", chart.chart(),
                                "version", chart.version(),
                                "sourceRef", map("kind", "HelmRepository", "name", chart.repositoryName()),
                                "interval", "12h")),
                        "install", map("crds", crds, "remediation", map("retries", 3)),
                        "upgrade", map("crds", crds, "remediation", map("retries", 3)),
                        "values", chart.values()));
        return List.of(repository, release);
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
