package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

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
import io.koor.gitops.model.FluxBootstrap;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.access.SecretEncryption;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places components in a Flux tree, after the Flux project's kustomize-helm example:
 * <pre>
 * clusters/&lt;cluster&gt;/             Flux Kustomizations: infrastructure.yaml, apps.yaml
 * clusters/&lt;cluster&gt;/flux-system/ Flux itself: gotk-sync.yaml, flux-components.yaml (with a repository)
 * infrastructure/controllers/&lt;cluster&gt;/&lt;component&gt;/   operators (HelmRelease), wait: true
 * infrastructure/configs/&lt;cluster&gt;/&lt;component&gt;/       CephCluster, pools, StorageClasses
 * apps/&lt;cluster&gt;/&lt;component&gt;/                         workloads
 * </pre>
 * Controllers live per cluster because clusters pin different chart versions (staging rehearses
 * upgrades); a shared base with patches would hide the version each cluster runs from review and
 * from validators that read files one by one.
 *
 * <p>Every directory a Flux Kustomization points at has a {@code kustomization.yaml}. The cluster
 * directory deliberately has none: kustomize-controller generates one there that takes in every
 * manifest and every subdirectory with a kustomization of its own (fluxcd/pkg kustomize scanManifests),
 * so {@code clusters/<cluster>/flux-system/} is included without a hand-added file. When the system
 * names its repository ({@code Reconciler.flux(url, branch)}), that directory is generated too, as
 * {@code flux bootstrap} lays it out ({@link FluxBootstrap}); otherwise {@code flux bootstrap} adds it.
 */
public final class FluxLayout {
    /** The GitRepository that {@code flux bootstrap} creates and every Kustomization reads from. */
    static final String FLUX_SOURCE = FluxBootstrap.NAME;

    private final String generatedFrom;
    private final PriceTable prices;

    /** @param generatedFrom what the header line says the files come from, e.g. a class name */
    public FluxLayout(String generatedFrom) {
        this(generatedFrom, PriceTable.snapshot2026());
    }

    /** @param prices what the clusters' READMEs estimate their monthly cost with */
    public FluxLayout(String generatedFrom, PriceTable prices) {
        this.generatedFrom = generatedFrom;
        this.prices = prices;
    }

    public GitOpsTree render(GitOpsSystem system) {
        GitOpsTree.Builder tree = GitOpsTree.builder();
        Optional<Reconciler.GitSource> repository = system.reconciler().repository();
        for (Cluster cluster : system.clusters()) {
            renderCluster(cluster, repository, tree);
        }
        return tree.build();
    }

    private void renderCluster(Cluster cluster, Optional<Reconciler.GitSource> repository, GitOpsTree.Builder tree) {
        String name = cluster.name().value();
        List<Component> components = ClusterComponents.of(cluster);
        LayerGraph graph = LayerGraph.of(name, components);
        String header = ComponentDirectories.header(generatedFrom, name);
        ComponentDirectories.write(name, components, new FluxObjects(), header, tree);

        String clusterDir = "clusters/" + name;
        List<HasMetadata> infrastructure = List.of(
                fluxKustomization(cluster, Layer.CONTROLLERS, graph, components),
                fluxKustomization(cluster, Layer.CONFIGS, graph, components));
        tree.add(TreePath.of(clusterDir, "infrastructure.yaml"), ManifestYaml.write(header, infrastructure));
        tree.add(TreePath.of(clusterDir, "apps.yaml"),
                ManifestYaml.write(header, List.of(fluxKustomization(cluster, Layer.APPS, graph, components))));
        tree.add(TreePath.of(clusterDir, "README.md"),
                ClusterReadme.render(cluster, Reconciler.flux(), prices, generatedFrom));
        repository.ifPresent(git -> writeFluxSystem(new FluxBootstrap(name, git), clusterDir, header, tree));
    }

    /** Flux's own objects, where {@code flux bootstrap} puts them, so Flux upgrades and re-syncs itself from Git. */
    private static void writeFluxSystem(FluxBootstrap flux, String clusterDir, String header, GitOpsTree.Builder tree) {
        String dir = clusterDir + "/" + FluxBootstrap.DIRECTORY;
        tree.add(TreePath.of(dir, FluxBootstrap.SYNC_FILE), ManifestYaml.write(header, flux.sync()));
        tree.add(TreePath.of(dir, FluxBootstrap.COMPONENTS_FILE), ManifestYaml.write(header, FluxBootstrap.components()));
        tree.add(TreePath.of(dir, "kustomization.yaml"), ComponentDirectories.kustomization(header,
                List.of(FluxBootstrap.SYNC_FILE, FluxBootstrap.COMPONENTS_FILE)));
    }

    /**
     * kustomize-controller decrypts SOPS files with the age identities in the Secret named here, in the
     * Kustomization's namespace, from its keys ending in .agekey (Flux docs, guides/mozilla-sops;
     * kustomize-controller internal/decryptor DecryptionAgeExt). The bootstrap creates that Secret from
     * the private key, which never is in Git (see the cluster README).
     */
    private static Map<String, Object> decryption(Cluster cluster) {
        return cluster.secretEncryption().enabled()
                ? map("provider", "sops", "secretRef", map("name", SecretEncryption.AGE_KEY_SECRET)) : null;
    }

    private static GenericKubernetesResource fluxKustomization(Cluster cluster, Layer layer, LayerGraph graph,
                                                               List<Component> components) {
        List<Map<String, Object>> dependsOn = graph.dependenciesOf(layer).stream()
                .map(l -> map("name", l.kustomizationName())).toList();
        GenericKubernetesResource k = new GenericKubernetesResourceBuilder()
                .withApiVersion("kustomize.toolkit.fluxcd.io/v1")
                .withKind("Kustomization")
                .withNewMetadata().withName(layer.kustomizationName()).withNamespace(FLUX_SOURCE).endMetadata()
                .build();
        k.setAdditionalProperty("spec", map(
                "dependsOn", dependsOn.isEmpty() ? null : dependsOn,
                "interval", "1h",
                "retryInterval", "1m",
                "timeout", "10m",
                "sourceRef", map("kind", "GitRepository", "name", FLUX_SOURCE),
                "path", "./" + layer.directory() + "/" + cluster.name(),
                "prune", true,
                // Health-check everything applied, so CRDs and the Ceph cluster are ready before dependents start.
                "wait", true,
                "healthCheckExprs", CephHealthChecks.of(components, layer),
                "decryption", decryption(cluster)));
        return k;
    }
}
