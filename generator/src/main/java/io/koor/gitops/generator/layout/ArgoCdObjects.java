package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Part;
import io.koor.gitops.generator.render.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parts as Argo CD installs them: Argo CD has no HelmRelease, so a chart becomes an Application
 * with a Helm source, and a remote manifest an Application of that one file at its tag. Argo CD
 * applies a chart's CRDs like its templates and so updates them with the chart: {@link Part.CrdPolicy}
 * needs no field here.
 */
final class ArgoCdObjects implements ReconcilerObjects {
    static final String NAMESPACE = "argocd";
    static final String IN_CLUSTER = "https://kubernetes.default.svc";
    static final String WAVE = "argocd.argoproj.io/sync-wave";

    @Override
    public List<HasMetadata> chart(Part.ChartInstall chart, Optional<Part.ChartInstall> after, int position) {
        if (!chart.secretValues().isEmpty()) { // GitOpsSystem refuses such a definition under Argo CD first
            throw new IllegalStateException(chart.name() + " reads values from Secrets, which Argo CD cannot give a chart");
        }
        // a later chart of the component, a later wave: the layer's Application syncs its children wave by wave,
        // each once the earlier ones are healthy (the tree's argocd-cm restores Application health)
        GenericKubernetesResource app = application(chart.name(), after.isPresent() ? position : null, map(
                "repoURL", chart.repositoryUrl(),
                "chart", chart.chart(),
                "targetRevision", chart.version(),
                "helm", map(
                        "releaseName", chart.name(),
                        "valuesObject", chart.values())), chart.namespace());
        if (chart.keepCrds()) {
            // without the resources finalizer, deleting the Application leaves what it applied, the CRDs included
            app.getMetadata().setFinalizers(null);
        }
        return List.of(app);
    }

    /** Argo CD's automated prune leaves objects with this sync option alone (it reports them as to prune). */
    @Override
    public void retain(HasMetadata object) {
        ReconcilerObjects.annotate(object, "argocd.argoproj.io/sync-options", "Prune=false");
    }

    @Override
    public List<HasMetadata> remoteManifest(Part.RemoteManifest manifest) {
        return List.of(application(manifest.name(), null, map(
                "repoURL", manifest.repositoryUrl(),
                "targetRevision", manifest.tag(),
                "path", manifest.directory(),
                "directory", map("include", manifest.file())), manifest.namespace()));
    }

    /**
     * An Application on this cluster's Argo CD. Automated sync with pruning and self-healing, server-side
     * apply for the large CRDs charts install, and namespaces created when a destination has none.
     */
    static GenericKubernetesResource application(String name, Integer wave, Map<String, Object> source,
                                                 String destinationNamespace) {
        GenericKubernetesResource app = Resources.custom("argoproj.io/v1alpha1", "Application", name, NAMESPACE, map(
                "project", "default",
                "source", source,
                "destination", map("server", IN_CLUSTER, "namespace", destinationNamespace),
                "syncPolicy", map(
                        "automated", map("prune", true, "selfHeal", true),
                        "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"))));
        app.getMetadata().setFinalizers(List.of("resources-finalizer.argocd.argoproj.io"));
        if (wave != null) {
            app.getMetadata().setAnnotations(Map.of(WAVE, String.valueOf(wave)));
        }
        return app;
    }
}
