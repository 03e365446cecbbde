package io.koor.gitops.validator.rules.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.TreeSource;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What clusters get from outside Git (installed by hand, by the provider, or by bootstrap), so that
 * the reconcile check does not ask the tree for it. Two ways to say it:
 *
 * <pre>
 * # .gitops/external-apis.yaml at the root of the tree
 * apis:                          # API groups, or group/Kind, served before anything in Git applies
 *   - monitoring.coreos.com
 *   - example.com/Widget
 * csiDrivers: [csi.hetzner.cloud]
 * ingressClasses: [nginx]
 * gatewayClasses: [cilium]
 * storageClasses: [hcloud-volumes]
 * namespaces: [monitoring]
 * argoApplicationHealth: true    # argocd-cm (outside Git) restores the argoproj.io_Application health check
 * clusters:                      # the same lists, for one cluster only (clusters/NAME/, or an Argo CD destination)
 *   demo:
 *     apis: [cert-manager.io]
 * </pre>
 *
 * and an annotation on a Flux Kustomization or Argo CD Application, for what it applies:
 * {@code reconcile.gitops.koor.io/external-apis: "monitoring.coreos.com, example.com/Widget"}.
 */
final class ExternalApis {
    static final String FILE = ".gitops/external-apis.yaml";
    static final String ANNOTATION = "reconcile.gitops.koor.io/external-apis";
    private static final String HEALTH = "argoApplicationHealth";
    private static final Set<String> LISTS = Set.of("apis", "csiDrivers", "ingressClasses", "gatewayClasses", "storageClasses",
            "namespaces");
    /** A DNS subdomain (the group), optionally followed by /Kind. */
    private static final Pattern API = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(/[A-Z][A-Za-z0-9]*)?");

    /** The lists one cluster gets: list name -> values. */
    record Declared(Map<String, Set<String>> lists) {
        boolean argoApplicationHealth() {
            return has(HEALTH, "true");
        }

        boolean has(String list, String value) {
            return lists.getOrDefault(list, Set.of()).contains(value);
        }

        /** Whether the group, or the group's kind, is declared. */
        boolean servesApi(String group, String kind) {
            return has("apis", group) || has("apis", group + "/" + kind);
        }
    }

    /** A mistake in a declaration: where, and what. */
    record Problem(String file, int line, String resource, String message) {
    }

    private final Map<String, Set<String>> everywhere = new java.util.HashMap<>();
    private final Map<String, Map<String, Set<String>>> perCluster = new java.util.HashMap<>();
    private final List<Problem> problems = new ArrayList<>();

    private ExternalApis() {
    }

    /** The file at the root of the tree, when there is one. */
    static ExternalApis read(TreeSource source) {
        ExternalApis out = new ExternalApis();
        source.text(FILE).ifPresent(out::parse);
        return out;
    }

    List<Problem> problems() {
        return problems;
    }

    /** What a cluster gets from outside Git, by the file. */
    Declared forCluster(String cluster) {
        Map<String, Set<String>> lists = new java.util.HashMap<>();
        everywhere.forEach((k, v) -> lists.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
        perCluster.getOrDefault(cluster, Map.of()).forEach((k, v) -> lists.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
        return new Declared(lists);
    }

    /** The APIs an applier's annotation declares; malformed entries are problems. */
    static Set<String> annotated(SourceObject applier, List<Problem> problems) {
        String value = applier.annotation(ANNOTATION);
        Set<String> apis = new HashSet<>();
        if (value == null) {
            return apis;
        }
        for (String entry : value.split(",")) {
            String api = entry.strip();
            if (API.matcher(api).matches()) {
                apis.add(api);
            } else {
                problems.add(new Problem(applier.file(), applier.line(), applier.id(), "annotation " + ANNOTATION + ": '"
                        + api + "' is not an API group (example.com) or group/Kind (example.com/Widget)"));
            }
        }
        return apis;
    }

    private void parse(String text) {
        List<YamlDocuments.Document> docs;
        try {
            docs = YamlDocuments.read(text);
        } catch (YamlDocuments.YamlProblem e) {
            problems.add(new Problem(FILE, e.line(), FILE, "not valid YAML: " + e.getMessage()));
            return;
        }
        if (docs.isEmpty()) {
            return;
        }
        YamlDocuments.Document doc = docs.get(0);
        if (!doc.node().isObject()) {
            problems.add(new Problem(FILE, doc.line(), FILE, "expected a mapping with apis, csiDrivers, ingressClasses,"
                    + " gatewayClasses, storageClasses, namespaces or clusters"));
            return;
        }
        readLists(doc.node(), "", everywhere, doc);
        JsonNode clusters = doc.node().path("clusters");
        if (clusters.isMissingNode() || clusters.isNull()) {
            return;
        }
        if (!clusters.isObject()) {
            problems.add(new Problem(FILE, doc.lineOf("/clusters"), FILE,
                    "clusters: expected a mapping of cluster name to lists"));
            return;
        }
        clusters.fields().forEachRemaining(e -> {
            String pointer = "/clusters/" + e.getKey();
            if (!e.getValue().isObject()) {
                problems.add(new Problem(FILE, doc.lineOf(pointer), FILE, "clusters." + e.getKey()
                        + ": expected a mapping of lists (apis, csiDrivers, ...)"));
            } else {
                readLists(e.getValue(), pointer, perCluster.computeIfAbsent(e.getKey(), k -> new java.util.HashMap<>()), doc);
            }
        });
    }

    private void readLists(JsonNode node, String at, Map<String, Set<String>> into, YamlDocuments.Document lines) {
        node.fields().forEachRemaining(e -> {
            String key = e.getKey();
            String pointer = at + "/" + key;
            if (key.equals("clusters") && at.isEmpty()) {
                return;
            }
            if (key.equals(HEALTH)) {
                if (e.getValue().isBoolean()) {
                    into.computeIfAbsent(key, k -> new HashSet<>()).add(e.getValue().asText());
                } else {
                    problems.add(new Problem(FILE, lines.lineOf(pointer), FILE, key + ": expected true or false"));
                }
                return;
            }
            if (!LISTS.contains(key)) {
                problems.add(new Problem(FILE, lines.lineOf(pointer), FILE, "unknown key '" + key + "': expected "
                        + String.join(", ", new java.util.TreeSet<>(LISTS)) + ", " + HEALTH + (at.isEmpty() ? " or clusters" : "")));
                return;
            }
            if (!e.getValue().isArray()) {
                problems.add(new Problem(FILE, lines.lineOf(pointer), FILE, key + ": expected a list of names"));
                return;
            }
            int i = 0;
            for (JsonNode item : e.getValue()) {
                String value = item.isTextual() ? item.asText().strip() : "";
                boolean ok = !value.isEmpty() && (!key.equals("apis") || API.matcher(value).matches());
                if (ok) {
                    into.computeIfAbsent(key, k -> new HashSet<>()).add(value);
                } else {
                    problems.add(new Problem(FILE, lines.lineOf(pointer + "/" + i), FILE, key + "[" + i + "]: "
                            + (key.equals("apis") ? "expected an API group (example.com) or group/Kind (example.com/Widget)"
                            : "expected a name") + ", found " + item));
                }
                i++;
            }
        });
    }
}
