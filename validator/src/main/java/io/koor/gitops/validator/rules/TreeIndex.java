package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lookups rules share, computed once: objects by kind, and the Flux apply graph: for each
 * cluster ({@code clusters/<name>/}, or the whole tree when there is no such folder), which Flux
 * Kustomization applies which files.
 */
public final class TreeIndex {
    public static final String FLUX_KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";

    private final LoadedTree tree;
    private final Map<String, List<SourceObject>> byFile;
    private final Map<String, List<SourceObject>> byKind;
    private final Map<String, List<SourceObject>> byNamespace;
    private final Map<String, SourceObject> byIdentity = new java.util.HashMap<>();
    /** The YAML files, sorted, so that a directory's files are one range (lists would make lookups quadratic). */
    private final java.util.NavigableSet<String> files;
    /** cluster -> Flux Kustomization id -> files it applies. */
    private final Map<String, Map<String, Set<String>>> applied = new LinkedHashMap<>();

    private final String kubernetesVersion;

    public TreeIndex(LoadedTree tree) {
        this(tree, "1.32.0");
    }

    /** @param kubernetesVersion the release the tree is applied to (X.Y.Z), for API-removal checks */
    public TreeIndex(LoadedTree tree, String kubernetesVersion) {
        this.tree = tree;
        this.kubernetesVersion = kubernetesVersion;
        this.files = new java.util.TreeSet<>(tree.yamlFiles());
        this.byFile = tree.objects().stream().collect(Collectors.groupingBy(SourceObject::file, LinkedHashMap::new,
                Collectors.toList()));
        this.byKind = tree.objects().stream().collect(Collectors.groupingBy(o -> o.group() + "/" + o.kind(),
                LinkedHashMap::new, Collectors.toList()));
        this.byNamespace = tree.objects().stream().collect(Collectors.groupingBy(SourceObject::namespace,
                LinkedHashMap::new, Collectors.toList()));
        tree.objects().forEach(o -> byIdentity.putIfAbsent(identity(o.group(), o.kind(), o.namespace(), o.name()), o));
        buildApplyGraph();
    }

    /** The minor release of the target Kubernetes, e.g. 32 for 1.32.0. */
    public int kubernetesMinor() {
        String[] parts = kubernetesVersion.split("\\.");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    public LoadedTree tree() {
        return tree;
    }

    public List<SourceObject> objects() {
        return tree.objects();
    }

    public List<SourceObject> ofKind(String group, String kind) {
        return byKind.getOrDefault(group + "/" + kind, List.of());
    }

    public List<SourceObject> inFile(String file) {
        return byFile.getOrDefault(file, List.of());
    }

    public Optional<SourceObject> find(String group, String kind, String namespace, String name) {
        if (namespace != null) {
            return Optional.ofNullable(byIdentity.get(identity(group, kind, namespace, name)));
        }
        return ofKind(group, kind).stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public List<SourceObject> inNamespace(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    private static String identity(String group, String kind, String namespace, String name) {
        return group + "/" + kind + "/" + namespace + "/" + name;
    }

    public boolean hasYamlFile(String path) {
        return files.contains(path);
    }

    /** The YAML files whose paths start with {@code prefix} (a directory with its trailing slash, or ""). */
    public java.util.SortedSet<String> yamlFilesUnder(String prefix) {
        return files.subSet(prefix, prefix + Character.MAX_VALUE);
    }

    /** Whether anything (file or directory) exists at a path of the tree. */
    public boolean exists(String path) {
        return tree.source().exists(path);
    }

    /** Whether a path of the tree (as Flux or Argo CD write it, "./" and all) is a directory. */
    public boolean directoryExists(String path) {
        String clean = path.replaceFirst("^\\./", "").replaceFirst("/$", "");
        return tree.source().isDirectory(clean.isEmpty() ? "." : clean);
    }

    /** Cluster name -> (Flux Kustomization id -> applied files). */
    public Map<String, Map<String, Set<String>>> applyGraph() {
        return applied;
    }

    /** The Flux Kustomizations of a cluster that apply a file (usually one). */
    public List<String> appliersOf(String cluster, String file) {
        return applied.getOrDefault(cluster, Map.of()).entrySet().stream().filter(e -> e.getValue().contains(file))
                .map(Map.Entry::getKey).toList();
    }

    public static String fluxId(SourceObject k) {
        return (k.namespace().isEmpty() ? "flux-system" : k.namespace()) + "/" + k.name();
    }

    private void buildApplyGraph() {
        Set<String> clusterDirs = yamlFilesUnder("clusters/").stream().filter(f -> f.split("/").length > 2)
                .map(f -> f.split("/")[1]).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (clusterDirs.isEmpty()) {
            applied.put("", walkFrom(tree.yamlFiles()));
            return;
        }
        for (String cluster : clusterDirs) {
            String prefix = "clusters/" + cluster + "/";
            applied.put(cluster, walkFrom(List.copyOf(yamlFilesUnder(prefix))));
        }
    }

    /** Follows Flux Kustomizations from the entry files to the files each one applies. */
    private Map<String, Set<String>> walkFrom(List<String> entryFiles) {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        result.put("(entry)", new HashSet<>(entryFiles));
        Deque<String> pending = new ArrayDeque<>(entryFiles);
        Set<String> seenFiles = new HashSet<>(entryFiles);
        while (!pending.isEmpty()) {
            String file = pending.pop();
            for (SourceObject o : inFile(file)) {
                if (!o.kind().equals("Kustomization") || !o.group().equals(FLUX_KUSTOMIZE_GROUP)) {
                    continue;
                }
                String id = fluxId(o);
                if (result.containsKey(id)) {
                    continue;
                }
                Set<String> files = filesUnder(o.spec().path("path").asText("./"));
                result.put(id, files);
                for (String f : files) {
                    if (seenFiles.add(f)) {
                        pending.push(f);
                    }
                }
            }
        }
        return result;
    }

    /** What kustomize-controller applies for a path: its kustomization's resources, or every YAML file below. */
    Set<String> filesUnder(String path) {
        String dir = path.replaceFirst("^\\./", "").replaceFirst("/$", "");
        dir = dir.equals(".") ? "" : dir;
        Set<String> out = new HashSet<>();
        collect(dir, out, new HashSet<>());
        return out;
    }

    private void collect(String dir, Set<String> out, Set<String> visiting) {
        if (!visiting.add(dir)) {
            return;
        }
        KustomizationFile k = tree.kustomizations().get(dir);
        if (k == null) {
            String prefix = dir.isEmpty() ? "" : dir + "/";
            out.addAll(yamlFilesUnder(prefix));
            return;
        }
        for (String resource : k.resources()) {
            if (files.contains(resource)) {
                out.add(resource);
            } else {
                collect(resource, out, visiting);
            }
        }
    }

    /** Reads a dotted path of a JSON tree, returning a missing node when absent. */
    public static JsonNode at(JsonNode node, String... fields) {
        JsonNode current = node;
        for (String f : fields) {
            current = current.path(f);
        }
        return current;
    }

    public List<String> clusters() {
        return new ArrayList<>(applied.keySet());
    }
}
