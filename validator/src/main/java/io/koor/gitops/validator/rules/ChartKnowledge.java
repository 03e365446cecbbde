package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.List;

/**
 * What the validator knows about the charts this system uses, so that objects a chart creates
 * count like manifests: Rook's operator chart ({@code rook-ceph}) and cluster chart
 * ({@code rook-ceph-cluster}, whose defaults are pools ceph-blockpool / StorageClass ceph-block,
 * ceph-filesystem and ceph-objectstore / ceph-bucket).
 */
final class ChartKnowledge {
    static final String ROOK_OPERATOR = "rook-ceph";
    static final String ROOK_CLUSTER = "rook-ceph-cluster";

    /** Helm values as found: inline, or in a ConfigMap the release reads through valuesFrom. */
    record Values(SourceObject source, String pointer, JsonNode values) {
    }

    private ChartKnowledge() {
    }

    static String chart(SourceObject release) {
        return release.spec().path("chart").path("spec").path("chart").asText("");
    }

    static String version(SourceObject release) {
        return release.spec().path("chart").path("spec").path("version").asText("");
    }

    /** The namespace the chart installs into. */
    static String targetNamespace(SourceObject release) {
        return release.spec().path("targetNamespace").asText(release.namespace());
    }

    static List<Values> values(TreeIndex index, SourceObject release) {
        List<Values> all = new ArrayList<>();
        int i = 0;
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
            i++;
        }
        if (release.spec().has("values")) {
            all.add(new Values(release, "/spec/values", release.spec().path("values")));
        }
        return all;
    }

    /** Identities (as in {@link GitOpsRules#identity}) of the objects a release creates that manifests might also define. */
    static List<String> objectsCreatedBy(SourceObject release) {
        String ns = targetNamespace(release);
        JsonNode values = release.spec().path("values");
        List<String> ids = new ArrayList<>();
        if (chart(release).equals(ROOK_CLUSTER)) {
            ids.add("ceph.rook.io/CephCluster/" + ns + "/" + values.path("clusterName").asText(ns));
            JsonNode pools = values.path("cephBlockPools");
            if (pools.isMissingNode()) {
                ids.add("ceph.rook.io/CephBlockPool/" + ns + "/ceph-blockpool");
                ids.add("storage.k8s.io/StorageClass//ceph-block");
            }
            for (JsonNode pool : pools) {
                ids.add("ceph.rook.io/CephBlockPool/" + ns + "/" + pool.path("name").asText());
                if (pool.path("storageClass").path("enabled").asBoolean(true)) {
                    ids.add("storage.k8s.io/StorageClass//" + pool.path("storageClass").path("name").asText());
                }
            }
        } else if (chart(release).equals(ROOK_OPERATOR)) {
            ids.add("apps/Deployment/" + ns + "/rook-ceph-operator");
        }
        return ids;
    }

    /** StorageClass names a rook-ceph-cluster release creates (for reference checks). */
    static List<String> storageClassesCreatedBy(SourceObject release) {
        List<String> names = new ArrayList<>();
        for (String id : objectsCreatedBy(release)) {
            if (id.startsWith("storage.k8s.io/StorageClass//")) {
                names.add(id.substring("storage.k8s.io/StorageClass//".length()));
            }
        }
        if (chart(release).equals(ROOK_CLUSTER)) {
            JsonNode values = release.spec().path("values");
            names.add(values.path("cephFileSystems").isMissingNode() ? "ceph-filesystem" : "");
            names.add(values.path("cephObjectStores").isMissingNode() ? "ceph-bucket" : "");
            for (JsonNode fs : values.path("cephFileSystems")) {
                names.add(fs.path("storageClass").path("name").asText(""));
            }
            for (JsonNode store : values.path("cephObjectStores")) {
                names.add(store.path("storageClass").path("name").asText(""));
            }
            names.removeIf(String::isEmpty);
        }
        return names;
    }
}
