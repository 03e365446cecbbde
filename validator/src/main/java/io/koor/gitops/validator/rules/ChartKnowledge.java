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

    /** A chart version an overlay's patch sets, and where it is written. */
    record Patched(String version, SourceObject source, String pointer) {
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
            Optional<Patched> patched = ChartVersionPatches.of(index, release);
            return Optional.of(new Install(release, spec.path("chart").asText(""),
                    patched.map(Patched::version).orElse(spec.path("version").asText("")),
                    patched.map(Patched::source).orElse(release), patched.map(Patched::pointer).orElse("/spec/chart/spec/version"),
                    ns, values, "/spec/values"));
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

    /**
     * The values a release reads, in Flux's merge order (valuesFrom in order, then spec.values; the
     * last one wins): ConfigMaps and Secrets of the release's namespace, from the tree's objects or
     * from a kustomize configMapGenerator/secretGenerator of the same name; a {@code targetPath}
     * places the key's value at that dotted path (Flux helm-controller docs, HelmRelease
     * "Values references": valuesKey defaults to values.yaml, Secret data is read decoded).
     */
    public static List<Values> values(TreeIndex index, SourceObject release) {
        List<Values> all = new ArrayList<>();
        for (JsonNode from : release.spec().path("valuesFrom")) {
            String kind = from.path("kind").asText();
            if (!kind.equals("ConfigMap") && !kind.equals("Secret")) {
                continue;
            }
            String key = from.path("valuesKey").asText("values.yaml");
            String name = from.path("name").asText();
            String targetPath = from.path("targetPath").asText("");
            Optional<SourceObject> object = index.find("", kind, release.namespace(), name);
            if (object.isPresent()) {
                referencedText(object.get(), key).ifPresent(t -> add(all, object.get(), t.pointer(), t.text(), targetPath));
            } else {
                generated(index, kind, name, key).ifPresent(g -> add(all, g.source(), g.pointer(), g.text(), targetPath));
            }
        }
        if (release.spec().has("values")) {
            all.add(new Values(release, "/spec/values", release.spec().path("values")));
        }
        return all;
    }

    private record Text(SourceObject source, String pointer, String text) {
    }

    private static void add(List<Values> all, SourceObject source, String pointer, String text, String targetPath) {
        if (!targetPath.isEmpty()) { // the whole text is one value, set at the dotted path
            ObjectNode root = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            ObjectNode at = root;
            String[] parts = targetPath.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                at = at.putObject(parts[i]);
            }
            at.put(parts[parts.length - 1], text.strip());
            all.add(new Values(source, pointer, root));
            return;
        }
        try {
            for (YamlDocuments.Document doc : YamlDocuments.read(text)) {
                all.add(new Values(source, pointer, doc.node()));
            }
        } catch (YamlDocuments.YamlProblem e) {
            // reported by nothing else; the values simply cannot be inspected
        }
    }

    /** A key of a ConfigMap (data) or Secret (stringData, or data decoded from base64; SOPS values stay unread). */
    private static Optional<Text> referencedText(SourceObject o, String key) {
        JsonNode plain = o.node().path(o.kind().equals("Secret") ? "stringData" : "data").path(key);
        if (plain.isTextual()) {
            return Optional.of(new Text(o, (o.kind().equals("Secret") ? "/stringData/" : "/data/") + key, plain.asText()));
        }
        JsonNode encoded = o.node().path("data").path(key);
        if (o.kind().equals("Secret") && encoded.isTextual() && !encoded.asText().startsWith("ENC[")) {
            try {
                byte[] bytes = java.util.Base64.getMimeDecoder().decode(encoded.asText());
                return Optional.of(new Text(o, "/data/" + key, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // not base64: the schema check says so
            }
        }
        return Optional.empty();
    }

    /**
     * A key of a ConfigMap or Secret that a kustomization of the index generates: {@code files}
     * entries ({@code key=path}, or {@code path} keyed by its file name) and {@code literals}
     * (kustomize docs, configMapGenerator). Findings point at the file the value comes from.
     */
    private static Optional<Text> generated(TreeIndex index, String kind, String name, String key) {
        String field = kind.equals("Secret") ? "secretGenerator" : "configMapGenerator";
        for (KustomizationFile k : index.tree().kustomizations().values()) {
            if (!applied(index, k)) {
                continue;
            }
            int g = 0;
            for (JsonNode gen : k.node().path(field)) {
                String at = "/" + field + "/" + g++;
                if (!gen.path("name").asText().equals(name)) {
                    continue;
                }
                for (JsonNode f : gen.path("files")) {
                    String entry = f.asText();
                    String path = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry;
                    String entryKey = entry.contains("=") ? entry.substring(0, entry.indexOf('=')) : path.substring(path.lastIndexOf('/') + 1);
                    if (!entryKey.equals(key)) {
                        continue;
                    }
                    Optional<String> file = inTree(k.dir(), path);
                    Optional<String> text = file.flatMap(index.tree().source()::text);
                    if (text.isPresent()) {
                        ObjectNode id = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                        id.put("apiVersion", "v1").put("kind", kind).putObject("metadata").put("name", name);
                        return Optional.of(new Text(new SourceObject(file.get(), 1, id), "", text.get()));
                    }
                }
                for (JsonNode literal : gen.path("literals")) {
                    String l = literal.asText();
                    if (l.startsWith(key + "=")) {
                        return Optional.of(new Text(new SourceObject(k.file(), k.line(), (ObjectNode) k.node()), at + "/literals",
                                l.substring(key.length() + 1)));
                    }
                }
            }
        }
        return Optional.empty();
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

    /** A path relative to a kustomization's directory as a tree path; empty when it leaves the tree. */
    static Optional<String> inTree(String dir, String path) {
        try {
            String p = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve(path).normalize().toString().replace('\\', '/');
            return p.startsWith("..") || p.startsWith("/") || path.contains("://") ? Optional.empty() : Optional.of(p);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Every StorageClass the index's chart installations create. */
    static List<String> storageClassesCreated(TreeIndex index) {
        List<Install> all = new ArrayList<>(installs(index));
        all.addAll(umbrellaDependencies(index));
        return all.stream().flatMap(i -> storageClassesCreatedBy(i).stream()).toList();
    }

    /**
     * The dependencies of the Helm chart directories in the tree (skipped as manifests), each with
     * the values its umbrella chart passes it: Helm gives a dependency the parent's values under its
     * alias or name, and leaves it out when its {@code condition} is false (Helm docs, "Charts",
     * Chart.yaml dependencies). khuedoan/homelab's system/rook-ceph is one: rook-ceph-cluster 1.13.5
     * as a dependency, its StorageClasses written under {@code rook-ceph-cluster:} in values.yaml.
     * Counted for the StorageClasses they create, wherever the directory is applied from.
     */
    private static List<Install> umbrellaDependencies(TreeIndex index) {
        List<Install> out = new ArrayList<>();
        java.util.Set<String> dirs = new java.util.TreeSet<>();
        for (String skipped : index.tree().skipped()) {
            int end = skipped.indexOf("/: ");
            if (end > 0) {
                dirs.add(skipped.substring(0, end));
            }
        }
        for (String dir : dirs) {
            Optional<JsonNode> chart = firstDocument(index, dir + "/Chart.yaml");
            if (chart.isEmpty() || !(chart.get() instanceof ObjectNode chartNode)) {
                continue;
            }
            JsonNode values = firstDocument(index, dir + "/values.yaml").orElse(chartNode.objectNode());
            SourceObject source = new SourceObject(dir + "/Chart.yaml", 1, chartNode);
            int i = 0;
            for (JsonNode dep : chartNode.path("dependencies")) {
                String at = "/dependencies/" + i++;
                String key = dep.path("alias").asText(dep.path("name").asText(""));
                String condition = dep.path("condition").asText("");
                boolean off = !condition.isEmpty() && !condition.contains("~")
                        && !values.at("/" + condition.replace('.', '/')).asBoolean(true);
                if (key.isEmpty() || off) {
                    continue;
                }
                out.add(new Install(source, dep.path("name").asText(""), dep.path("version").asText(""), source, at + "/version",
                        "", values.path(key), at));
            }
        }
        return out;
    }

    private static Optional<JsonNode> firstDocument(TreeIndex index, String file) {
        try {
            List<YamlDocuments.Document> docs = YamlDocuments.read(index.tree().source().text(file).orElse(""));
            return docs.isEmpty() ? Optional.empty() : Optional.of(docs.get(0).node());
        } catch (YamlDocuments.YamlProblem e) {
            return Optional.empty();
        }
    }
}
