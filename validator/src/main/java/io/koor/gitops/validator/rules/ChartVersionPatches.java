package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chart version an overlay's patch gives a base HelmRelease ({@code spec.chart.spec.version}),
 * so that the rules judge the version the cluster installs, not the base's. A kustomization of the
 * cluster that builds the release's file (directly or through the bases it lists) patches it with
 * {@code patches} (a strategic-merge or JSON 6902 patch, inline or in a file, selected by
 * {@code target} or by the patch's own kind and name), {@code patchesStrategicMerge} or
 * {@code patchesJson6902} (kubernetes-sigs/kustomize docs, "patches"); the outermost one wins, as
 * kustomize applies an overlay's patches after its bases'.
 */
final class ChartVersionPatches {
    private static final String VERSION = "/spec/chart/spec/version";

    private ChartVersionPatches() {
    }

    static Optional<ChartKnowledge.Patched> of(TreeIndex index, SourceObject release) {
        LoadedTree tree = index.tree();
        ChartKnowledge.Patched best = null;
        int bestDepth = -1;
        for (KustomizationFile k : tree.kustomizations().values()) {
            int depth = depth(tree, k, release.file(), 0, new HashSet<>());
            if (depth < 0 || depth <= bestDepth || index.hasAppliers() && !appliedInView(index, k)) {
                continue;
            }
            Optional<ChartKnowledge.Patched> found = patched(tree, k, release);
            if (found.isPresent()) {
                best = found.get();
                bestDepth = depth;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean appliedInView(TreeIndex index, KustomizationFile k) {
        return index.applyGraph().values().stream().anyMatch(g -> g.values().stream().anyMatch(files -> files.contains(k.file())));
    }

    /** How many kustomizations down the file is listed (0: by k itself), or -1 when k does not build it. */
    private static int depth(LoadedTree tree, KustomizationFile k, String file, int level, Set<String> seen) {
        int best = -1;
        for (String r : k.resources()) {
            if (r.equals(file)) {
                best = Math.max(best, level);
            }
            KustomizationFile sub = tree.kustomizations().get(r);
            if (sub != null && seen.add(r)) {
                best = Math.max(best, depth(tree, sub, file, level + 1, seen));
            }
        }
        return best;
    }

    private static Optional<ChartKnowledge.Patched> patched(LoadedTree tree, KustomizationFile k, SourceObject release) {
        Optional<ChartKnowledge.Patched> out = Optional.empty();
        int i = 0;
        for (JsonNode p : k.node().path("patches")) {
            Optional<ChartKnowledge.Patched> v = fromEntry(tree, k, p, "/patches/" + i++, release);
            out = v.isPresent() ? v : out; // later patches win
        }
        i = 0;
        for (JsonNode p : k.node().path("patchesJson6902")) {
            Optional<ChartKnowledge.Patched> v = fromEntry(tree, k, p, "/patchesJson6902/" + i++, release);
            out = v.isPresent() ? v : out;
        }
        i = 0;
        for (JsonNode p : k.node().path("patchesStrategicMerge")) {
            String at = "/patchesStrategicMerge/" + i++;
            Optional<ChartKnowledge.Patched> v = p.asText().contains("\n")
                    ? inText(k, at, p.asText(), null, release, kustomizationObject(k), at)
                    : file(tree, k, p.asText()).flatMap(f -> inText(k, at, f.text(), null, release, null, null)
                            .map(v2 -> new ChartKnowledge.Patched(v2.version(), patchFileObject(f), v2.pointer())));
            out = v.isPresent() ? v : out;
        }
        return out;
    }

    private record PatchFile(String path, String text) {
    }

    private static Optional<PatchFile> file(LoadedTree tree, KustomizationFile k, String ref) {
        return ChartKnowledge.inTree(k.dir(), ref).flatMap(p -> tree.source().text(p).map(t -> new PatchFile(p, t)));
    }

    private static SourceObject kustomizationObject(KustomizationFile k) {
        return new SourceObject(k.file(), k.line(), k.node() instanceof ObjectNode o ? o : new ObjectNode(null));
    }

    private static Optional<ChartKnowledge.Patched> fromEntry(LoadedTree tree, KustomizationFile k, JsonNode entry, String at,
                                                              SourceObject release) {
        JsonNode target = entry.path("target");
        if (target.isObject() && !targets(target, release)) {
            return Optional.empty();
        }
        if (entry.path("patch").isTextual()) {
            return inText(k, at, entry.path("patch").asText(), target.isObject() ? target : null, release,
                    kustomizationObject(k), at + "/patch");
        }
        if (entry.path("path").isTextual()) {
            return file(tree, k, entry.path("path").asText()).flatMap(f -> {
                Optional<ChartKnowledge.Patched> v = inText(k, at, f.text(), target.isObject() ? target : null, release, null, null);
                return v.map(p -> new ChartKnowledge.Patched(p.version(), patchFileObject(f), p.pointer()));
            });
        }
        return Optional.empty();
    }

    private static SourceObject patchFileObject(PatchFile f) {
        ObjectNode id = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        id.put("kind", "Patch").putObject("metadata").put("name", f.path());
        return new SourceObject(f.path(), 1, id);
    }

    /**
     * A patch's version for the release: a JSON 6902 op on the version, or a strategic merge of the
     * same kind and name. {@code where} is the kustomization for an inline patch; for a patch file it
     * is null and the caller names the file.
     */
    private static Optional<ChartKnowledge.Patched> inText(KustomizationFile k, String at, String text, JsonNode target,
                                                          SourceObject release, SourceObject where, String pointer) {
        List<YamlDocuments.Document> docs;
        try {
            docs = YamlDocuments.read(text);
        } catch (YamlDocuments.YamlProblem e) {
            return Optional.empty(); // the kustomize build (--kustomize-build) reports it
        }
        for (YamlDocuments.Document doc : docs) {
            JsonNode n = doc.node();
            if (n.isArray() && target != null) {
                String version = null;
                for (JsonNode op : n) {
                    boolean sets = op.path("op").asText().matches("add|replace");
                    if (sets && op.path("path").asText().equals(VERSION) && op.path("value").isValueNode()) {
                        version = op.path("value").asText();
                    }
                }
                if (version != null) {
                    return Optional.of(new ChartKnowledge.Patched(version, where, where != null ? pointer : ""));
                }
            } else if (n.isObject() && n.path("kind").asText().equals("HelmRelease")
                    && (target != null || n.path("metadata").path("name").asText().equals(release.name()))) {
                JsonNode v = n.at(VERSION);
                if (v.isValueNode()) {
                    return Optional.of(new ChartKnowledge.Patched(v.asText(), where, where != null ? pointer : VERSION));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a patch target selects the release: kind, name and namespace where given. Kustomize
     * reads them as anchored regular expressions; only the {@code .*} wildcard is honoured here (every
     * other character taken literally), so that a hostile pattern cannot make matching slow.
     */
    private static boolean targets(JsonNode target, SourceObject release) {
        return matches(target.path("kind"), release.kind()) && matches(target.path("name"), release.name())
                && matches(target.path("namespace"), release.namespace())
                && (target.path("group").isMissingNode() || target.path("group").asText().equals(release.group()));
    }

    private static boolean matches(JsonNode pattern, String value) {
        if (!pattern.isTextual()) {
            return true;
        }
        String[] parts = pattern.asText().split("\\.\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i > 0 ? ".*" : "").append(java.util.regex.Pattern.quote(parts[i]));
        }
        return value.matches(regex.toString());
    }
}
