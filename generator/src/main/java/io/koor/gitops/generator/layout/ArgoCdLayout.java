package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.koor.gitops.generator.readme.ClusterReadme;
import io.koor.gitops.generator.render.ClusterComponents;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Layer;
import io.koor.gitops.generator.render.Resources;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.ArgoCdBootstrap;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.presets.Versions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The same components for Argo CD, as an app of apps: {@code clusters/<cluster>/} holds one
 * Application per layer, pointing at the same directories the Flux layout uses, with
 * {@code argocd.argoproj.io/sync-wave} derived from the layer graph (a layer syncs after those it
 * depends on). The components' charts and remote manifests are Applications too, see
 * {@link ArgoCdObjects}; {@code argocd.yaml} beside them keeps Argo CD itself in Git. Point a root
 * Application at {@code clusters/<cluster>} to start it.
 */
final class ArgoCdLayout {
    private final String generatedFrom;
    private final PriceTable prices;
    private final Reconciler.ArgoCd argo;

    ArgoCdLayout(String generatedFrom, PriceTable prices, Reconciler.ArgoCd argo) {
        this.generatedFrom = generatedFrom;
        this.prices = prices;
        this.argo = argo;
    }

    GitOpsTree render(GitOpsSystem system) {
        GitOpsTree.Builder tree = GitOpsTree.builder();
        for (Cluster cluster : system.clusters()) {
            String name = cluster.name().value();
            List<Component> components = ClusterComponents.of(cluster);
            LayerGraph graph = LayerGraph.of(name, components);
            String header = ComponentDirectories.header(generatedFrom, name);
            ComponentDirectories.write(name, components, new ArgoCdObjects(), header, tree);
            Map<Layer, Integer> waves = waves(graph);
            String clusterDir = "clusters/" + name;
            tree.add(TreePath.of(clusterDir, "infrastructure.yaml"), ManifestYaml.write(header, List.of(
                    layerApplication(cluster, Layer.CONTROLLERS, waves), layerApplication(cluster, Layer.CONFIGS, waves))));
            tree.add(TreePath.of(clusterDir, "apps.yaml"),
                    ManifestYaml.write(header, List.of(layerApplication(cluster, Layer.APPS, waves))));
            tree.add(TreePath.of(clusterDir, ArgoCdBootstrap.NAME + ".yaml"), ManifestYaml.write(header, List.of(selfManagement())));
            tree.add(TreePath.of(clusterDir, "README.md"), ClusterReadme.render(cluster, argo, prices, generatedFrom));
        }
        return tree.build();
    }

    /** A layer's wave: 0 without dependencies, else one after the latest layer it depends on. */
    static Map<Layer, Integer> waves(LayerGraph graph) {
        Map<Layer, Integer> waves = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            wave(layer, graph, waves);
        }
        return waves;
    }

    private static int wave(Layer layer, LayerGraph graph, Map<Layer, Integer> waves) {
        Integer known = waves.get(layer);
        if (known != null) {
            return known;
        }
        int wave = graph.dependenciesOf(layer).stream().mapToInt(d -> wave(d, graph, waves) + 1).max().orElse(0);
        waves.put(layer, wave);
        return wave;
    }

    /**
     * Argo CD managing itself ("Manage Argo CD Using Argo CD"): the manifests bootstrap applied, from the
     * pinned release, with the argocd-cm keys bootstrap set. Never pruned and without the resources
     * finalizer, so neither a sync nor deleting the Application removes Argo CD; server-side apply, as
     * the CRDs are too large for client-side apply.
     */
    static GenericKubernetesResource selfManagement() {
        return Resources.custom("argoproj.io/v1alpha1", "Application", ArgoCdBootstrap.NAME, ArgoCdObjects.NAMESPACE, map(
                "project", "default",
                "source", map(
                        "repoURL", ArgoCdBootstrap.REPOSITORY,
                        "targetRevision", Versions.ARGO_CD,
                        "path", ArgoCdBootstrap.PATH,
                        "kustomize", map("patches", List.of(map(
                                "target", map("kind", "ConfigMap", "name", "argocd-cm"),
                                "patch", ArgoCdBootstrap.configPatch())))),
                "destination", map("server", ArgoCdObjects.IN_CLUSTER, "namespace", ArgoCdBootstrap.NAMESPACE),
                "syncPolicy", map(
                        "automated", map("prune", false, "selfHeal", true),
                        "syncOptions", List.of("ServerSideApply=true"))));
    }

    private GenericKubernetesResource layerApplication(Cluster cluster, Layer layer, Map<Layer, Integer> waves) {
        return ArgoCdObjects.application(layer.kustomizationName(), waves.get(layer), map(
                "repoURL", argo.repoUrl(),
                "targetRevision", argo.revision(),
                "path", layer.directory() + "/" + cluster.name()), null);
    }
}
