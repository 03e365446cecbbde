package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.readme.ClusterReadme;
import io.koor.gitops.generator.render.ClusterComponents;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Layer;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same components for Argo CD, as an app of apps: {@code clusters/<cluster>/} holds one
 * Application per layer, pointing at the same directories the Flux layout uses, with
 * {@code argocd.argoproj.io/sync-wave} derived from the layer graph (a layer syncs after those it
 * depends on). Argo CD has no HelmRelease: each chart becomes an Application with a Helm source,
 * and Multus an Application of its tagged manifest. Point a root Application at
 * {@code clusters/<cluster>} to start it.
 */
final class ArgoCdLayout {
    static final String NAMESPACE = "argocd";
    static final String IN_CLUSTER = "https://kubernetes.default.svc";
    static final String WAVE = "argocd.argoproj.io/sync-wave";
    private static final ObjectMapper JSON = new ObjectMapper();

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
            List<Component> components = ClusterComponents.of(cluster).stream().map(ArgoCdLayout::forArgo).toList();
            LayerGraph graph = LayerGraph.of(name, components);
            String header = ComponentDirectories.header(generatedFrom, name);
            ComponentDirectories.write(name, components, header, tree);
            Map<Layer, Integer> waves = waves(graph);
            String clusterDir = "clusters/" + name;
            tree.add(TreePath.of(clusterDir, "infrastructure.yaml"), ManifestYaml.write(header, List.of(
                    layerApplication(cluster, Layer.CONTROLLERS, waves), layerApplication(cluster, Layer.CONFIGS, waves))));
            tree.add(TreePath.of(clusterDir, "apps.yaml"),
                    ManifestYaml.write(header, List.of(layerApplication(cluster, Layer.APPS, waves))));
            tree.add(TreePath.of(clusterDir, "README.md"), ClusterReadme.render(cluster, prices, generatedFrom));
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

    private GenericKubernetesResource layerApplication(Cluster cluster, Layer layer, Map<Layer, Integer> waves) {
        return application(layer.kustomizationName(), waves.get(layer), map(
                "repoURL", argo.repoUrl(),
                "targetRevision", argo.revision(),
                "path", layer.directory() + "/" + cluster.name()), null);
    }

    /** Flux's Helm and Git sources, as Argo CD Applications; everything else unchanged. */
    static Component forArgo(Component component) {
        Map<String, JsonNode> repositories = new HashMap<>();
        Map<String, JsonNode> gitRepositories = new HashMap<>();
        for (HasMetadata o : component.objects()) {
            JsonNode node = ManifestYaml.toTree(o);
            if (o.getKind().equals("HelmRepository")) {
                repositories.put(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), node);
            } else if (o.getKind().equals("GitRepository")) {
                gitRepositories.put(o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(), node);
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata o : component.objects()) {
            JsonNode node = ManifestYaml.toTree(o);
            String ns = o.getMetadata().getNamespace();
            switch (o.getKind()) {
                case "HelmRepository", "GitRepository" -> { }
                case "HelmRelease" -> {
                    JsonNode spec = node.path("spec");
                    JsonNode chart = spec.path("chart").path("spec");
                    JsonNode repo = repositories.get(ns + "/" + chart.path("sourceRef").path("name").asText());
                    objects.add(application(o.getMetadata().getName(), null, map(
                            "repoURL", repo.path("spec").path("url").asText(),
                            "chart", chart.path("chart").asText(),
                            "targetRevision", chart.path("version").asText(),
                            "helm", map(
                                    "releaseName", spec.path("releaseName").asText(o.getMetadata().getName()),
                                    "valuesObject", JSON.convertValue(spec.path("values"), Map.class))), ns));
                }
                case "Kustomization" -> {
                    JsonNode spec = node.path("spec");
                    JsonNode git = gitRepositories.get(ns + "/" + spec.path("sourceRef").path("name").asText());
                    String ignore = git.path("spec").path("ignore").asText("");
                    String include = ignore.lines().filter(l -> l.startsWith("!/")).map(l -> l.substring(l.lastIndexOf('/') + 1))
                            .findFirst().orElse("*");
                    objects.add(application(o.getMetadata().getName(), null, map(
                            "repoURL", git.path("spec").path("url").asText(),
                            "targetRevision", git.path("spec").path("ref").path("tag").asText(),
                            "path", spec.path("path").asText().replaceFirst("^\\./", ""),
                            "directory", map("include", include)), "kube-system"));
                }
                default -> objects.add(o);
            }
        }
        return new Component(component.name(), component.layer(), component.dependsOn(), component.providesStorage(), objects);
    }

    /**
     * An Application on this cluster's Argo CD. Automated sync with pruning and self-healing, server-side
     * apply for the large CRDs charts install, and namespaces created when a destination has none.
     */
    private static GenericKubernetesResource application(String name, Integer wave, Map<String, Object> source,
                                                        String destinationNamespace) {
        GenericKubernetesResource app = new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Application")
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withFinalizers("resources-finalizer.argocd.argoproj.io").endMetadata()
                .build();
        if (wave != null) {
            app.getMetadata().setAnnotations(Map.of(WAVE, String.valueOf(wave)));
        }
        app.setAdditionalProperty("spec", map(
                "project", "default",
                "source", source,
                "destination", map("server", IN_CLUSTER, "namespace", destinationNamespace),
                "syncPolicy", map(
                        "automated", map("prune", true, "selfHeal", true),
                        "syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"))));
        return app;
    }
}
