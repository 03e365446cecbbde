package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the validator knows about the charts this system uses, so that objects a chart creates
 * count like manifests: Rook's operator chart ({@code rook-ceph}) and cluster chart
 * ({@code rook-ceph-cluster}). A chart is installed by a Flux HelmRelease (naming it in
 * {@code chart.spec}, or through {@code chartRef} an OCIRepository or HelmChart), an Argo CD
 * Application's chart source, or a kustomize {@code helmCharts} entry.
 */
public final class ChartKnowledge {
    static final String ROOK_OPERATOR = "rook-ceph";
    static final String ROOK_CLUSTER = "rook-ceph-cluster";

    /** Helm values as found: inline, or in a ConfigMap the release reads through valuesFrom. */
    public record Values(SourceObject source, String pointer, JsonNode values) {
    }

    /**
     * One installed chart: what installs it, the chart's name and version (and where the version is
     * written), the namespace it installs into and its inline values.
     */
    public record Install(SourceObject source, String chart, String version, SourceObject versionSource, String versionPointer,
                   String namespace, JsonNode values, String valuesPointer) {
    }

    private ChartKnowledge() {
    }

    /** Every chart installation the index holds: releases, Applications, and kustomize helmCharts of its files. */
    public static List<Install> installs(TreeIndex index) {
        List<Install> all = new ArrayList<>();
        index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease").forEach(r -> install(index, r).ifPresent(all::add));
        for (SourceObject app : index.ofKind("argoproj.io", "Application")) {
            for (ArgoApplications.Source s : ArgoApplications.sources(app)) {
                if (!s.chart().isEmpty()) {
                    all.add(new Install(app, s.chart(), s.node().path("targetRevision").asText(""), app,
                            s.pointer() + "/targetRevision", app.spec().path("destination").path("namespace").asText(""),
                            s.node().path("helm").path("valuesObject"), s.pointer() + "/helm/valuesObject"));
                }
            }
        }
        for (KustomizationFile k : index.tree().kustomizations().values()) {
            if (!(k.node() instanceof ObjectNode node) || !k.node().has("helmCharts") || !applied(index, k)) {
                continue;
            }
            SourceObject source = new SourceObject(k.file(), k.line(), node);
            int i = 0;
            for (JsonNode chart : k.node().path("helmCharts")) {
                String at = "/helmCharts/" + i++;
                all.add(new Install(source, chart.path("name").asText(""), chart.path("version").asText(""), source,
                        at + "/version", chart.path("namespace").asText(k.node().path("namespace").asText("")),
                        chart.path("valuesInline"), at + "/valuesInline"));
            }
        }
        return all;
    }

    /** Whether a cluster of the index builds the kustomization. */
    private static boolean applied(TreeIndex index, KustomizationFile k) {
        return !index.hasAppliers() || index.applyGraph().values().stream().anyMatch(g -> g.values().stream()
                .anyMatch(files -> files.contains(k.file())));
    }

    /** A HelmRelease's chart: from chart.spec, or from the OCIRepository (its URL and tag) or HelmChart that chartRef names. */
    static Optional<Install> install(TreeIndex index, SourceObject release) {
        if (!release.kind().equals("HelmRelease")) {
            return Optional.empty();
        }
        String ns = targetNamespace(release);
        JsonNode values = release.spec().path("values");
        JsonNode spec = release.spec().path("chart").path("spec");
        if (spec.isObject()) {
            return Optional.of(new Install(release, spec.path("chart").asText(""), spec.path("version").asText(""), release,
                    "/spec/chart/spec/version", ns, values, "/spec/values"));
        }
        JsonNode ref = release.spec().path("chartRef");
        String kind = ref.path("kind").asText("");
        Optional<SourceObject> source = index.find("source.toolkit.fluxcd.io", kind,
                ref.path("namespace").asText(release.namespace()), ref.path("name").asText(""));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        SourceObject s = source.get();
        if (kind.equals("OCIRepository")) {
            String url = s.spec().path("url").asText("").replaceFirst("/$", "");
            JsonNode tag = s.spec().path("ref").path("tag");
            boolean byTag = tag.isTextual();
            return Optional.of(new Install(release, url.substring(url.lastIndexOf('/') + 1),
                    (byTag ? tag : s.spec().path("ref").path("semver")).asText(""), s,
                    byTag ? "/spec/ref/tag" : "/spec/ref/semver", ns, values, "/spec/values"));
        }
        if (kind.equals("HelmChart")) {
            return Optional.of(new Install(release, s.spec().path("chart").asText(""), s.spec().path("version").asText(""), s,
                    "/spec/version", ns, values, "/spec/values"));
        }
        return Optional.empty();
    }

    /** The chart an object installs, or "": a HelmRelease's, or an Argo CD Application's first chart source's. */
    static String chart(TreeIndex index, SourceObject o) {
        if (ArgoApplications.is(o)) {
            return ArgoApplications.sources(o).stream().map(ArgoApplications.Source::chart).filter(c -> !c.isEmpty())
                    .findFirst().orElse("");
        }
        return install(index, o).map(Install::chart).orElse("");
    }

    /** The namespace the chart installs into. */
    public static String targetNamespace(SourceObject release) {
        return release.spec().path("targetNamespace").asText(release.namespace());
    }

    public static List<Values> values(TreeIndex index, SourceObject release) {
        List<Values> all = new ArrayList<>();
        for (JsonNode from : release.spec().path("valuesFrom")) {
            if (from.path("kind").asText().equals("ConfigMap")) {
                String key = from.path("valuesKey").asText("values.yaml");
                index.find("", "ConfigMap", release.namespace(), from.path("name").asText()).ifPresent(cm -> {
                    JsonNode text = cm.node().path("data").path(key);
                    try {
                        for (YamlDocuments.Document doc : YamlDocuments.read(text.asText(""))) {
                            all.add(new Values(cm, "/data/" + key, doc.node()));
                        }
                    } catch (YamlDocuments.YamlProblem e) {
                        // reported by nothing else; the values simply cannot be inspected
                    }
                });
            }
        }
        if (release.spec().has("values")) {
            all.add(new Values(release, "/spec/values", release.spec().path("values")));
        }
        return all;
    }

    /**
     * Identities (as in {@link GitOpsRules#identity}) of the objects a chart installation creates
     * that manifests might also define. Helm replaces a list of values as a whole, and the chart's
     * templates create a pool's StorageClass only when {@code storageClass.enabled} is true (Rook's
     * deploy/charts/rook-ceph-cluster/templates/cephblockpool.yaml); the defaults are the chart's
     * values.yaml: pool ceph-blockpool with StorageClass ceph-block.
     */
    static List<String> objectsCreatedBy(Install install) {
        String ns = install.namespace();
        JsonNode values = install.values();
        List<String> ids = new ArrayList<>();
        if (install.chart().equals(ROOK_CLUSTER)) {
            ids.add("ceph.rook.io/CephCluster/" + ns + "/" + values.path("clusterName").asText(ns));
            JsonNode pools = values.path("cephBlockPools");
            if (pools.isMissingNode()) {
                ids.add("ceph.rook.io/CephBlockPool/" + ns + "/ceph-blockpool");
                ids.add("storage.k8s.io/StorageClass//ceph-block");
            }
            for (JsonNode pool : pools) {
                ids.add("ceph.rook.io/CephBlockPool/" + ns + "/" + pool.path("name").asText());
                if (pool.path("storageClass").path("enabled").asBoolean(false)) {
                    ids.add("storage.k8s.io/StorageClass//" + pool.path("storageClass").path("name").asText());
                }
            }
        } else if (install.chart().equals(ROOK_OPERATOR)) {
            ids.add("apps/Deployment/" + ns + "/rook-ceph-operator");
        }
        return ids;
    }

    static List<String> objectsCreatedBy(TreeIndex index, SourceObject o) {
        return installs(o, index).stream().flatMap(i -> objectsCreatedBy(i).stream()).toList();
    }

    /** The installations an object makes: a HelmRelease's one, an Application's chart sources. */
    private static List<Install> installs(SourceObject o, TreeIndex index) {
        if (o.kind().equals("HelmRelease")) {
            return install(index, o).stream().toList();
        }
        if (ArgoApplications.is(o)) {
            return installs(index).stream().filter(i -> i.source() == o).toList();
        }
        return List.of();
    }

    /**
     * StorageClass names a rook-ceph-cluster installation creates, for reference checks: block
     * pools' (and erasure-coded block pools'), filesystems' and object stores' whose
     * {@code storageClass.enabled} is true, or the chart's defaults ceph-block, ceph-filesystem and
     * ceph-bucket where the list is not set.
     */
    static List<String> storageClassesCreatedBy(Install install) {
        List<String> names = new ArrayList<>();
        if (!install.chart().equals(ROOK_CLUSTER)) {
            return StorageCharts.storageClasses(install.chart(), install.values());
        }
        for (String id : objectsCreatedBy(install)) {
            if (id.startsWith("storage.k8s.io/StorageClass//")) {
                names.add(id.substring("storage.k8s.io/StorageClass//".length()));
            }
        }
        JsonNode values = install.values();
        names.add(values.path("cephFileSystems").isMissingNode() ? "ceph-filesystem" : "");
        names.add(values.path("cephObjectStores").isMissingNode() ? "ceph-bucket" : "");
        for (String list : List.of("cephFileSystems", "cephObjectStores", "cephECBlockPools")) {
            for (JsonNode item : values.path(list)) {
                if (item.path("storageClass").path("enabled").asBoolean(false)) {
                    names.add(item.path("storageClass").path("name").asText(""));
                }
            }
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    /** Every StorageClass the index's chart installations create. */
    static List<String> storageClassesCreated(TreeIndex index) {
        return installs(index).stream().flatMap(i -> storageClassesCreatedBy(i).stream()).toList();
    }
}
