package io.koor.gitops.validator.rules.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.rules.ArgoApplications;
import io.koor.gitops.validator.rules.ChartKnowledge;
import io.koor.gitops.validator.rules.TreeIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one cluster's tree brings, step by step: the APIs (CRDs, charts), the namespaces, the CSI
 * drivers and the ingress and Gateway classes, each with the step that brings it and how; plus what
 * the cluster declares it gets from outside Git. Computed once per cluster view, read by every
 * reconcile rule.
 */
final class ClusterSupply {

    /** How a provider brings what it brings, which decides when it is there. */
    enum Via {
        /** an object of the step that its applier applies before the step's other objects (a CRD, a Namespace) */
        STAGED,
        /** a chart a HelmRelease installs once the step is applied: there when the step is Ready and waited for */
        RELEASE,
        /** a chart the step renders into its own objects (kustomize helmCharts, an Argo CD chart source) */
        RENDERED
    }

    /** One thing brought: by what (for messages), in which step, how. */
    record Provider(String step, Via via, SourceObject source, String label) {
    }

    /** A chart installation, with the table's verdict (empty when the table does not know the chart). */
    record InstalledChart(ChartKnowledge.Install install, ChartApis.Chart chart, String step, Via via,
                          Optional<ChartApis.Served> served) {
    }

    private static final Map<TreeIndex, ClusterSupply> CACHE = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static final Set<String> KUBERNETES_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    final TreeIndex view;
    final ApplyOrder order;
    final ExternalApis.Declared declared;
    final List<ExternalApis.Problem> problems = new ArrayList<>();
    final List<InstalledChart> charts = new ArrayList<>();
    /** "group" (every kind, from a chart) or "group/Kind" (a CRD) -> providers. */
    final Map<String, List<Provider>> apis = new LinkedHashMap<>();
    final Map<String, List<Provider>> namespaces = new LinkedHashMap<>();
    final Map<String, List<String>> csiDrivers = new LinkedHashMap<>();
    final Map<String, List<String>> ingressClasses = new LinkedHashMap<>();
    final List<String> defaultIngressClasses = new ArrayList<>();
    final Map<String, List<String>> gatewayClasses = new LinkedHashMap<>();
    /** step -> APIs its applier's annotation declares. */
    final Map<String, Set<String>> annotatedApis = new LinkedHashMap<>();
    /** Kinds (group/Kind) that CRDs of the tree declare cluster-scoped. */
    final Set<String> clusterScopedCrds = new java.util.HashSet<>();
    final Set<String> assumedNamespaces = new java.util.HashSet<>(KUBERNETES_NAMESPACES);
    /** API groups the CRDs of the bootstrap's helmfile releases bring, before any step: group -> "release X of FILE". */
    final Map<String, String> bootstrapApis = new LinkedHashMap<>();
    /** Bootstrap releases of charts the table does not know: like any such chart, taken to serve unknown groups. */
    final List<String> bootstrapUnknown = new ArrayList<>();

    static ClusterSupply of(TreeIndex view) {
        return CACHE.computeIfAbsent(view, ClusterSupply::new);
    }

    private ClusterSupply(TreeIndex view) {
        this.view = view;
        ExternalApis external = ExternalApis.read(view.tree().source());
        problems.addAll(external.problems());
        String cluster = view.clusters().isEmpty() ? "" : view.clusters().get(0);
        this.declared = external.forCluster(cluster);
        this.order = new ApplyOrder(view, declared.argoApplicationHealth() || restoresApplicationHealth(view));
        collectObjects();
        collectCharts();
        collectBootstrap();
        declared.lists().getOrDefault("namespaces", Set.of()).forEach(assumedNamespaces::add);
    }

    private void collectObjects() {
        for (SourceObject o : view.objects()) {
            String step = order.stepOf(o);
            if (o.group().endsWith(".toolkit.fluxcd.io")) {
                assumedNamespaces.add("flux-system"); // flux bootstrap (or flux install) creates it with the controllers
            }
            if (ArgoApplications.is(o) || o.group().equals("argoproj.io")) {
                assumedNamespaces.add(o.namespace()); // where Argo CD runs, installed before any Application
            }
            switch (o.kind()) {
                case "CustomResourceDefinition" -> {
                    if (o.group().equals("apiextensions.k8s.io")) {
                        String key = o.spec().path("group").asText() + "/" + o.spec().path("names").path("kind").asText();
                        add(apis, key, new Provider(step, Via.STAGED, o, "CRD " + o.name()));
                        if (o.spec().path("scope").asText().equals("Cluster")) {
                            clusterScopedCrds.add(key);
                        }
                    }
                }
                case "Namespace" -> {
                    if (o.group().isEmpty()) {
                        add(namespaces, o.name(), new Provider(step, Via.STAGED, o, "Namespace " + o.name()));
                    }
                }
                case "CSIDriver" -> csiDrivers.computeIfAbsent(o.name(), k -> new ArrayList<>()).add("CSIDriver " + o.name());
                case "IngressClass" -> {
                    ingressClasses.computeIfAbsent(o.name(), k -> new ArrayList<>()).add("IngressClass " + o.name());
                    if ("true".equals(o.annotation("ingressclass.kubernetes.io/is-default-class"))) {
                        defaultIngressClasses.add("IngressClass " + o.name());
                    }
                }
                case "GatewayClass" -> gatewayClasses.computeIfAbsent(o.name(), k -> new ArrayList<>()).add("GatewayClass " + o.name());
                default -> {
                }
            }
            String stepId = ApplyOrder.stepIdOf(o);
            if (stepId != null && o.annotation(ExternalApis.ANNOTATION) != null) {
                annotatedApis.computeIfAbsent(stepId, k -> new LinkedHashSet<>()).addAll(ExternalApis.annotated(o, problems));
            }
            if (ArgoApplications.is(o) && createsNamespace(o)) {
                String ns = o.spec().path("destination").path("namespace").asText("");
                if (!ns.isEmpty()) {
                    add(namespaces, ns, new Provider(ApplyOrder.stepIdOf(o), Via.STAGED, o, "CreateNamespace=true of " + o.id()));
                }
            }
        }
    }

    /** An argocd-cm in the tree with the argoproj.io_Application health check Argo CD's docs give. */
    private static boolean restoresApplicationHealth(TreeIndex view) {
        return view.ofKind("", "ConfigMap").stream().filter(cm -> cm.name().equals("argocd-cm")).anyMatch(cm ->
                cm.node().path("data").has("resource.customizations.health.argoproj.io_Application")
                        || cm.node().path("data").path("resource.customizations").asText("").contains("argoproj.io/Application:"));
    }

    static boolean createsNamespace(SourceObject app) {
        for (JsonNode option : app.spec().path("syncPolicy").path("syncOptions")) {
            if (option.asText().replace(" ", "").equals("CreateNamespace=true")) {
                return true;
            }
        }
        return false;
    }

    private void collectCharts() {
        List<InstalledChart> rookOperators = new ArrayList<>();
        Set<String> cephClusterNamespaces = new LinkedHashSet<>();
        view.ofKind("ceph.rook.io", "CephCluster").forEach(c -> cephClusterNamespaces.add(c.namespace()));
        for (ChartKnowledge.Install install : ChartKnowledge.installs(view)) {
            InstalledChart chart = installed(install);
            charts.add(chart);
            String label = "chart " + install.chart() + " (" + install.source().id() + ")";
            chart.served().ifPresent(s -> {
                s.groups().forEach(g -> add(apis, g, new Provider(chart.step(), chart.via(), install.source(), label)));
                s.csiDrivers().forEach(d -> csiDrivers.computeIfAbsent(d, k -> new ArrayList<>()).add(label));
                s.ingressClasses().forEach(c -> ingressClasses.computeIfAbsent(c, k -> new ArrayList<>()).add(label));
                s.gatewayClasses().forEach(c -> gatewayClasses.computeIfAbsent(c, k -> new ArrayList<>()).add(label));
                if (s.defaultIngressClass()) {
                    defaultIngressClasses.add(label);
                }
            });
            if (install.chart().equals("rook-ceph")) {
                rookOperators.add(chart);
            } else if (install.chart().equals("rook-ceph-cluster")) {
                cephClusterNamespaces.add(install.namespace());
            }
            if (install.source().kind().equals("HelmRelease")
                    && install.source().spec().path("install").path("createNamespace").asBoolean(false)) {
                add(namespaces, install.namespace(), new Provider(chart.step(), Via.RELEASE, install.source(),
                        "install.createNamespace of " + install.source().id()));
            }
        }
        for (InstalledChart operator : rookOperators) {
            for (String ns : cephClusterNamespaces) {
                csiDrivers.computeIfAbsent(ChartApis.bucketProvisioner(operator.chart(), ns), k -> new ArrayList<>())
                        .add("chart rook-ceph (" + operator.install().source().id() + "), for the CephCluster in " + ns);
            }
        }
    }

    /**
     * What the bootstrap's helmfiles install first: a release names its chart, or (a template) is the
     * HelmRelease of the same name (and namespace) that the tree holds, rendered with its values.
     */
    private void collectBootstrap() {
        for (BootstrapHelmfiles.Release r : BootstrapHelmfiles.releases(view.tree())) {
            if (!r.namespace().isEmpty()) {
                assumedNamespaces.add(r.namespace()); // the bootstrap installs into it, so it creates it first
            }
            // the HelmRelease of that name in that namespace, or of that name alone (its namespace may come from
            // a kustomize replacement the validator does not evaluate)
            List<InstalledChart> named = charts.stream().filter(c -> c.install().source().kind().equals("HelmRelease")
                    && c.install().source().name().equals(r.name())).toList();
            Optional<InstalledChart> release = named.stream().filter(c -> c.install().namespace().equals(r.namespace())
                    || c.install().source().namespace().equals(r.namespace())).findFirst()
                    .or(() -> named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty());
            // a release of a template names no chart: the tree's HelmRelease does, or else the release's own name
            String name = !r.chartName().isEmpty() ? r.chartName() : release.map(c -> c.chart().name()).orElse(r.name());
            ChartApis.Chart chart = new ChartApis.Chart(name, !r.version().isEmpty() ? r.version()
                    : release.map(c -> c.chart().version()).orElse(""), r.namespace(), r.name(), true,
                    release.map(c -> c.chart().value()).orElse(path -> Optional.empty()));
            String label = "release " + r.name() + " of the bootstrap's " + r.file();
            Optional<ChartApis.Served> served = ChartApis.of(chart);
            if (served.isEmpty()) {
                bootstrapUnknown.add(label);
            }
            served.ifPresent(s -> {
                s.groups().forEach(g -> bootstrapApis.putIfAbsent(g, label));
                s.csiDrivers().forEach(d -> csiDrivers.computeIfAbsent(d, k -> new ArrayList<>()).add(label));
                s.ingressClasses().forEach(c -> ingressClasses.computeIfAbsent(c, k -> new ArrayList<>()).add(label));
                s.gatewayClasses().forEach(c -> gatewayClasses.computeIfAbsent(c, k -> new ArrayList<>()).add(label));
            });
        }
    }

    /**
     * Whether the view is plain manifests (documentation samples, an operator's examples): no Flux
     * Kustomization or Argo CD Application says what a cluster gets or in which order, so there is no
     * empty cluster to bring up; the user applies them to a cluster that has the operator.
     */
    boolean plainManifests() {
        return !view.hasAppliers() && order.cluster().isEmpty();
    }

    /**
     * Whether the cluster's entry files are applied by Kustomizations of other sources only (an
     * ArtifactGenerator's ExternalArtifacts, as in fluxcd/flux2-kustomize-helm-example): their paths
     * are not this tree's, so the check cannot tell which step an entry file belongs to.
     */
    boolean entryOrderUnknown() {
        return view.objects().stream().noneMatch(o -> ArgoApplications.is(o) || o.kind().equals("Kustomization")
                && o.group().equals("kustomize.toolkit.fluxcd.io") && TreeIndex.fromThisTree(o));
    }

    private InstalledChart installed(ChartKnowledge.Install install) {
        SourceObject source = install.source();
        String step;
        Via via;
        boolean crdsDirectory;
        String releaseName;
        if (source.kind().equals("HelmRelease")) {
            step = order.stepOf(source);
            via = Via.RELEASE;
            crdsDirectory = !source.spec().path("install").path("crds").asText("Create").equals("Skip");
            String target = source.spec().path("targetNamespace").asText("");
            releaseName = source.spec().path("releaseName").asText(target.isEmpty() ? source.name() : target + "-" + source.name());
        } else if (ArgoApplications.is(source)) {
            step = ApplyOrder.stepIdOf(source);
            via = Via.RENDERED;
            JsonNode helm = source.node().at(install.valuesPointer().replaceFirst("/valuesObject$", ""));
            crdsDirectory = !helm.path("skipCrds").asBoolean(false);
            releaseName = helm.path("releaseName").asText(source.name());
        } else { // a kustomize helmCharts entry, rendered by the build of its kustomization
            step = order.stepOf(source);
            via = Via.RENDERED;
            JsonNode entry = source.node().at(install.valuesPointer().replaceFirst("/valuesInline$", ""));
            crdsDirectory = entry.path("includeCRDs").asBoolean(false);
            releaseName = entry.path("releaseName").asText(install.chart());
        }
        List<JsonNode> values = new ArrayList<>();
        if (source.kind().equals("HelmRelease")) {
            ChartKnowledge.values(view, source).forEach(v -> values.add(0, v.values())); // the last one wins
        } else {
            values.add(install.values());
        }
        ChartApis.Chart chart = new ChartApis.Chart(install.chart(), install.version(), install.namespace(), releaseName,
                crdsDirectory, path -> value(values, path));
        return new InstalledChart(install, chart, step, via, ChartApis.of(chart));
    }

    private static Optional<JsonNode> value(List<JsonNode> values, String dotted) {
        for (JsonNode v : values) {
            JsonNode at = v;
            for (String part : dotted.split("\\.")) {
                at = at.path(part);
            }
            if (!at.isMissingNode()) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static void add(Map<String, List<Provider>> map, String key, Provider p) {
        map.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
    }

    /** Charts the table does not know, installed in this cluster. */
    List<InstalledChart> unknownCharts() {
        return charts.stream().filter(c -> c.served().isEmpty()).toList();
    }

    /**
     * The charts the table does not know, as possible providers of a group the table knows nothing
     * of either (an operator's own CRDs, say): such a chart may serve it, so objects of the group are
     * judged by when the chart comes, not reported as served by nothing.
     */
    List<Provider> unknownProviders(String group) {
        if (ChartApis.tableKnows(group) || KubernetesApis.isBuiltInGroup(group)) {
            return List.of();
        }
        List<Provider> out = new ArrayList<>(unknownCharts().stream().map(c -> new Provider(c.step(), c.via(), c.install().source(), "chart "
                + c.install().chart() + " (" + c.install().source().id() + ", not in the table, taken to serve " + group + ")"))
                .toList());
        out.addAll(otherSources(group));
        return out;
    }

    /**
     * Flux Kustomizations of other sources (an OCIRepository of an operator's release manifests, as
     * fluxcd/flux2-multi-tenancy installs Kyverno): what they apply is not in this tree, so, like a
     * chart the table does not know, each may serve the group. It is there once the step applying it
     * is Ready and waits for it: with {@code wait: true} that step's health checks wait for the
     * Kustomization's Ready condition (kustomize-controller docs/spec/v1/kustomizations.md, "Wait"),
     * and a Kustomization is Ready once its objects are applied, CRDs first.
     */
    private List<Provider> otherSources(String group) {
        List<Provider> out = new ArrayList<>();
        for (SourceObject k : view.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization")) {
            if (TreeIndex.fromThisTree(k)) {
                continue;
            }
            JsonNode ref = k.spec().path("sourceRef");
            out.add(new Provider(order.stepOf(k), Via.RELEASE, k, "Kustomization " + k.namespace() + "/" + k.name() + " of "
                    + ref.path("kind").asText("GitRepository") + " " + ref.path("name").asText() + " (its objects are not in"
                    + " this tree; taken to serve " + group + ")"));
        }
        return out;
    }

    /**
     * Remote resources of the cluster's kustomizations (a git or HTTP URL kustomize fetches itself,
     * such as kubernetes-csi/external-snapshotter's client/config/crd, or a controller's release
     * manifest), as possible providers of anything: the validator never reads them (a note says so),
     * so an object needing what one of them may bring is judged by when its step comes, not reported
     * as served by nothing. They are applied with their step's other objects, CRDs and Namespaces first.
     */
    List<Provider> remoteResources(String what) {
        List<Provider> out = new ArrayList<>();
        for (io.koor.gitops.validator.load.KustomizationFile k : view.tree().kustomizations().values()) {
            if (k.remote().isEmpty() || !(k.node() instanceof com.fasterxml.jackson.databind.node.ObjectNode node)) {
                continue;
            }
            SourceObject source = new SourceObject(k.file(), k.line(), node);
            for (String step : view.appliersOf(order.cluster(), k.file())) {
                out.add(new Provider(step, Via.STAGED, source, "the remote resource " + k.remote().get(0).written() + " of "
                        + k.file() + " (not read; taken to bring " + what + ")"));
            }
        }
        return out;
    }

    /** Whether a bootstrap release of a chart the table does not know may serve the group, before any step. */
    boolean bootstrapMayServe(String group) {
        return !bootstrapUnknown.isEmpty() && !ChartApis.tableKnows(group) && !KubernetesApis.isBuiltInGroup(group);
    }

    /** Whether a kind has no namespace: Kubernetes' own, a CRD of the tree saying so, or a well-known CRD's. */
    boolean clusterScoped(SourceObject o) {
        return KubernetesApis.clusterScoped(o.group(), o.kind()) || clusterScopedCrds.contains(o.group() + "/" + o.kind())
                || WELL_KNOWN_CLUSTER_SCOPED.contains(o.group() + "/" + o.kind());
    }

    /** Cluster-scoped kinds of the CRDs the chart table lists (their CRDs' spec.scope). */
    private static final Set<String> WELL_KNOWN_CLUSTER_SCOPED = Set.of("snapshot.storage.k8s.io/VolumeSnapshotClass",
            "snapshot.storage.k8s.io/VolumeSnapshotContent", "groupsnapshot.storage.k8s.io/VolumeGroupSnapshotClass",
            "groupsnapshot.storage.k8s.io/VolumeGroupSnapshotContent", "gateway.networking.k8s.io/GatewayClass",
            "cert-manager.io/ClusterIssuer", "objectbucket.io/ObjectBucket",
            "postgresql.cnpg.io/ClusterImageCatalog", "crd.projectcalico.org/IPPool", "crd.projectcalico.org/GlobalNetworkPolicy",
            "crd.projectcalico.org/FelixConfiguration", "crd.projectcalico.org/BGPConfiguration",
            "operator.tigera.io/Installation", "operator.tigera.io/APIServer", "operator.tigera.io/TigeraStatus");
}
