package io.koor.gitops.validator.rules.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.List;

/**
 * The releases of the helmfiles a repository's bootstrap runs before Flux or Argo CD: a helmfile
 * ({@code helmfile*.yaml}, or a YAML file in a {@code helmfile/} or {@code helmfile.d/} directory)
 * under a directory named {@code bootstrap}. The home-operations layout renders such a file with
 * {@code --include-crds} and applies its CRDs with kubectl, so that they "exist before Flux begins
 * reconciling workloads that reference them, avoiding the need for dependsOn chains"
 * (onedr0p/home-ops@d9078e4d bootstrap/helmfile/crds.yaml, bootstrap/mod.just); others install
 * the charts themselves (billimek/k8s-gitops@ff56e251 setup/bootstrap/helmfile.d/). Either way the
 * release's CRDs and its namespace are there before the first Kustomization applies.
 */
final class BootstrapHelmfiles {

    /** One release: where it is written, its name, namespace and chart reference (may be empty or a template). */
    record Release(String file, String name, String namespace, String chart, String version) {
        /** The chart's name as the table knows it: the last segment of its reference, unless it is a template. */
        String chartName() {
            if (chart.isEmpty() || chart.contains("{{")) {
                return "";
            }
            return chart.substring(chart.lastIndexOf('/') + 1);
        }
    }

    private BootstrapHelmfiles() {
    }

    static List<Release> releases(LoadedTree tree) {
        List<Release> out = new ArrayList<>();
        for (String file : tree.yamlFiles()) {
            if (!isBootstrapHelmfile(file)) {
                continue;
            }
            List<YamlDocuments.Document> docs;
            try {
                docs = YamlDocuments.read(tree.source().text(file).orElse(""));
            } catch (YamlDocuments.YamlProblem e) {
                continue; // a helmfile with Go templates outside strings is helmfile's to read, not ours
            }
            for (YamlDocuments.Document doc : docs) {
                for (JsonNode r : doc.node().path("releases")) {
                    String name = r.path("name").asText("");
                    if (!name.isEmpty()) {
                        out.add(new Release(file, name, r.path("namespace").asText(""), r.path("chart").asText(""),
                                r.path("version").asText("")));
                    }
                }
            }
        }
        return out;
    }

    static boolean isBootstrapHelmfile(String file) {
        List<String> parts = List.of(file.split("/"));
        if (parts.size() < 2 || !parts.subList(0, parts.size() - 1).contains("bootstrap")) {
            return false;
        }
        String name = parts.get(parts.size() - 1);
        String dir = parts.get(parts.size() - 2);
        return name.startsWith("helmfile") || dir.equals("helmfile") || dir.equals("helmfile.d");
    }
}
