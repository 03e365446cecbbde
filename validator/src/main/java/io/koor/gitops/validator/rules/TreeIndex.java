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
 * The lookups rules share, computed once: objects by kind, and the apply graph: for each cluster
 * ({@code clusters/<name>/}, an Argo CD destination, or the whole tree), which Flux Kustomization
 * or Argo CD Application applies which files. A tree with such appliers also has one view per
 * cluster: the objects that cluster gets, with the namespace and name kustomize, Flux and Argo CD
 * give them, so that rules comparing objects judge what is applied, and each cluster on its own.
 */
public final class TreeIndex {
    public static final String FLUX_KUSTOMIZE_GROUP = "kustomize.toolkit.fluxcd.io";
    /** The applier of a cluster's entry files (what bootstrap applies). */
    public static final String ENTRY = "(entry)";
    /** Appliers that are Argo CD Applications are named with this prefix; the rest are Flux Kustomizations. */
    public static final String ARGO_APPLIER = "Application ";
    private static final Set<String> IN_CLUSTER = Set.of("", "https://kubernetes.default.svc", "in-cluster");

    private final LoadedTree tree;
    private final List<SourceObject> objects;
    private final Map<String, List<SourceObject>> byFile;
    private final Map<String, List<SourceObject>> byKind;
    private final Map<String, List<SourceObject>> byNamespace;
    private final Map<String, SourceObject> byIdentity = new java.util.HashMap<>();
    /** The YAML files, sorted, so that a directory's files are one range (lists would make lookups quadratic). */
    private final java.util.NavigableSet<String> files;
    /** cluster -> applier id -> files it applies. */
    private final Map<String, Map<String, Set<String>>> applied = new LinkedHashMap<>();
    /** cluster -> the objects it gets, placed; one object reached twice the same way counts once. */
    private final Map<String, Map<String, SourceObject>> placed = new LinkedHashMap<>();
    private final List<TreeIndex> views = new ArrayList<>();
    private final Set<String> argoRepos = new HashSet<>();
    private boolean hasAppliers;
    /** Every file some applier reaches, once the apply graph is built (made on first use). */
    private volatile Set<String> appliedFiles;

    private final String kubernetesVersion;

    public TreeIndex(LoadedTree tree) {
        this(tree, "1.32.0");
    }

    /** @param kubernetesVersion the release the tree is applied to (X.Y.Z), for API-removal checks */
    public TreeIndex(LoadedTree tree, String kubernetesVersion) {
        this(tree, kubernetesVersion, tree.objects());
        buildApplyGraph();
    }

    /** A cluster's view: its placed objects and its part of the apply graph. */
    private TreeIndex(TreeIndex whole, String cluster) {
        this(whole.tree, whole.kubernetesVersion, List.copyOf(whole.placed.get(cluster).values()));
        applied.put(cluster, whole.applied.get(cluster));
        argoRepos.addAll(whole.argoRepos);
        hasAppliers = true;
        views.add(this);
    }

    private TreeIndex(LoadedTree tree, String kubernetesVersion, List<SourceObject> objects) {
        this.tree = tree;
        this.kubernetesVersion = kubernetesVersion;
        this.objects = objects;
        this.files = new java.util.TreeSet<>(tree.yamlFiles());
        this.byFile = objects.stream().collect(Collectors.groupingBy(SourceObject::file, LinkedHashMap::new,
                Collectors.toList()));
        this.byKind = objects.stream().collect(Collectors.groupingBy(o -> o.group() + "/" + o.kind(),
                LinkedHashMap::new, Collectors.toList()));
        this.byNamespace = objects.stream().collect(Collectors.groupingBy(SourceObject::namespace,
                LinkedHashMap::new, Collectors.toList()));
        objects.forEach(o -> byIdentity.putIfAbsent(identity(o.group(), o.kind(), o.namespace(), o.name()), o));
    }

    /** The minor release of the target Kubernetes, e.g. 32 for 1.32.0. */
    public int kubernetesMinor() {
        String[] parts = kubernetesVersion.split("\\.");
        return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    }

    public LoadedTree tree() {
        return tree;
    }

    /** The objects: every object of the tree, or in a cluster's view what that cluster gets. */
    public List<SourceObject> objects() {
        return objects;
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

    /** Cluster name -> (applier id -> applied files). */
    public Map<String, Map<String, Set<String>>> applyGraph() {
        return applied;
    }

    /** The appliers of a cluster that apply a file (usually one). */
    public List<String> appliersOf(String cluster, String file) {
        return applied.getOrDefault(cluster, Map.of()).entrySet().stream().filter(e -> e.getValue().contains(file))
                .map(Map.Entry::getKey).toList();
    }

    /** Whether an applier id of {@link #applyGraph()} is a Flux Kustomization. */
    public static boolean isFluxApplier(String id) {
        return !id.equals(ENTRY) && !id.startsWith(ARGO_APPLIER);
    }

    /**
     * One index per cluster, of what it gets; when the tree has no Flux Kustomization or Argo CD
     * Application to say what is applied, the tree itself, as written.
     */
    public List<TreeIndex> clusterViews() {
        return views;
    }

    /**
     * Files applied together, in one build: the whole view where appliers or clusters/ say what a
     * cluster gets; otherwise each kustomization that no other one includes, and each file that no
     * kustomization reaches on its own (examples applied one at a time, as kubectl apply -f FILE).
     */
    public List<Set<String>> applyUnits() {
        if (hasAppliers || !applied.containsKey("") || applied.size() > 1) {
            return List.of(new HashSet<>(byFile.keySet()));
        }
        Set<String> included = new HashSet<>();
        tree.kustomizations().values().forEach(k -> included.addAll(k.resources()));
        List<Set<String>> units = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (KustomizationFile k : tree.kustomizations().values()) {
            if (!included.contains(k.dir())) {
                Set<String> unit = filesUnder(k.dir().isEmpty() ? "." : k.dir());
                units.add(unit);
                reached.addAll(unit);
            }
        }
        byFile.keySet().stream().filter(f -> !reached.contains(f)).forEach(f -> units.add(Set.of(f)));
        return units;
    }

    /** Whether Flux Kustomizations or Argo CD Applications say what this tree applies. */
    public boolean hasAppliers() {
        return hasAppliers;
    }

    /** Files with objects that no cluster gets (documentation, examples, what bootstrap applies by hand). */
    public List<String> unappliedFiles() {
        return byFile.keySet().stream().filter(f -> !applies(f)).sorted().toList();
    }

    /**
     * Whether some cluster gets {@code file}: reached by a Flux Kustomization or Argo CD Application, or any file
     * when no applier says what is applied.
     */
    public boolean applies(String file) {
        if (!hasAppliers) {
            return true;
        }
        if (appliedFiles == null) {
            Set<String> reached = new HashSet<>();
            applied.values().forEach(graph -> graph.values().forEach(reached::addAll));
            appliedFiles = reached;
        }
        return appliedFiles.contains(file);
    }

    public static String fluxId(SourceObject k) {
        return (k.namespace().isEmpty() ? "flux-system" : k.namespace()) + "/" + k.name();
    }

    /** Argo CD repository URLs that are this tree: some Application's path under them exists here. */
    public boolean isArgoThisRepo(String repo) {
        return argoRepos.contains(repo);
    }

    /**
     * Whether a Flux Kustomization applies this repository: its source is {@code flux-system} in
     * {@code flux-system}, the one bootstrap (or a FluxInstance's sync) creates for it. Paths of
     * any other GitRepository or OCIRepository are another repository's.
     */
    public static boolean fromThisTree(SourceObject kustomization) {
        JsonNode ref = kustomization.spec().path("sourceRef");
        String kind = ref.path("kind").asText("GitRepository");
        String ns = ref.path("namespace").asText(kustomization.namespace().isEmpty() ? "flux-system" : kustomization.namespace());
        return (kind.equals("GitRepository") || kind.equals("OCIRepository")) && ref.path("name").asText("").equals("flux-system")
                && ns.equals("flux-system");
    }

    private static boolean isFluxKustomization(SourceObject o) {
        return o.kind().equals("Kustomization") && o.group().equals(FLUX_KUSTOMIZE_GROUP);
    }

    private void buildApplyGraph() {
        for (SourceObject app : ofKind("argoproj.io", "Application")) {
            ArgoApplications.sources(app).stream().filter(s -> s.isPath() && directoryExists(s.path()))
                    .forEach(s -> argoRepos.add(s.repo()));
        }
        List<SourceObject> appliers = objects.stream().filter(o -> isFluxKustomization(o) && fromThisTree(o)
                || ArgoApplications.is(o)).toList();
        hasAppliers = !appliers.isEmpty();
        Map<String, String> clusterDirs = ClusterDirectories.of(files);
        if (!hasAppliers && clusterDirs.isEmpty()) {
            applied.put("", new LinkedHashMap<>(Map.of(ENTRY, new HashSet<>(tree.yamlFiles()))));
            views.add(this);
            return;
        }
        Deque<Pending> pending = new ArrayDeque<>();
        if (!hasAppliers) {
            // clusters/<name>/ whose Kustomizations apply other sources (an ArtifactGenerator's, say): each cluster
            // gets its own directory, and the rest of the tree is taken as shared by all of them
            Map<String, Set<Placement>> shared = new java.util.TreeMap<>();
            tree.yamlFiles().stream().filter(f -> clusterDirs.values().stream().noneMatch(d -> f.startsWith(d + "/")))
                    .forEach(f -> shared.put(f, Set.of(Placement.AS_WRITTEN)));
            clusterDirs.forEach((cluster, dir) -> {
                apply(cluster, ENTRY, placedFilesUnder(dir, Placement.AS_WRITTEN), pending);
                apply(cluster, ENTRY, shared, pending);
            });
        } else if (!clusterDirs.isEmpty()) {
            clusterDirs.forEach((cluster, dir) -> apply(cluster, ENTRY, placedFilesUnder(dir, Placement.AS_WRITTEN), pending));
        } else {
            Set<String> rootFiles = rootApplierFiles(appliers);
            ClusterDirectories.ofRoots(rootFiles, f -> inFile(f).stream().filter(o -> isFluxKustomization(o) || ArgoApplications.is(o))
                    .map(o -> identity(o.group(), o.kind(), o.namespace(), o.name())).toList()).forEach((cluster, files) -> {
                        Map<String, Set<Placement>> roots = new java.util.TreeMap<>();
                        files.forEach(f -> roots.put(f, Set.of(Placement.AS_WRITTEN)));
                        apply(cluster, ENTRY, roots, pending);
                    });
        }
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            SourceObject o = next.applier();
            if (isFluxKustomization(o)) {
                if (fromThisTree(o) && !applied.get(next.cluster()).containsKey(fluxId(o))) {
                    JsonNode spec = o.spec();
                    Placement flux = new Placement(spec.path("targetNamespace").asText(null), null,
                            spec.path("namePrefix").asText(""), spec.path("nameSuffix").asText(""));
                    apply(next.cluster(), fluxId(o), placedFilesUnder(spec.path("path").asText("./"), flux), pending);
                }
                continue;
            }
            String id = ARGO_APPLIER + o.namespace() + "/" + o.name();
            JsonNode destination = o.spec().path("destination");
            String target = destination.path("name").asText(destination.path("server").asText(""));
            String cluster = IN_CLUSTER.contains(target) ? next.cluster() : target;
            if (applied.containsKey(cluster) && applied.get(cluster).containsKey(id)) {
                continue;
            }
            Placement argo = new Placement(null, destination.path("namespace").asText(null), "", "");
            Map<String, Set<Placement>> appFiles = new java.util.TreeMap<>();
            ArgoApplications.sources(o).stream().filter(s -> s.isPath() && argoRepos.contains(s.repo()))
                    .forEach(s -> placedFilesUnder(s.path(), argo).forEach((f, p) -> appFiles.computeIfAbsent(f,
                            x -> new java.util.LinkedHashSet<>()).addAll(p)));
            apply(cluster, id, appFiles, pending);
        }
        applied.keySet().forEach(cluster -> views.add(new TreeIndex(this, cluster)));
    }

    private record Pending(String cluster, SourceObject applier) {
    }

    /** Records what an applier applies in a cluster, placing each object, and queues the appliers among them. */
    private void apply(String cluster, String applier, Map<String, Set<Placement>> applies, Deque<Pending> pending) {
        applied.computeIfAbsent(cluster, c -> new LinkedHashMap<>()).computeIfAbsent(applier, a -> new HashSet<>())
                .addAll(applies.keySet());
        Map<String, SourceObject> gets = placed.computeIfAbsent(cluster, c -> new LinkedHashMap<>());
        for (Map.Entry<String, Set<Placement>> file : applies.entrySet()) {
            for (Placement placement : file.getValue()) {
                for (SourceObject o : inFile(file.getKey())) {
                    SourceObject p = placement.place(o);
                    String key = p.file() + ":" + p.line() + ":" + identity(p.group(), p.kind(), p.namespace(), p.name());
                    if (gets.putIfAbsent(key, p) == null && (isFluxKustomization(p) || ArgoApplications.is(p))) {
                        pending.add(new Pending(cluster, p));
                    }
                }
            }
        }
    }

    /**
     * Files holding appliers that no other applier applies: what is applied by hand or by a
     * FluxInstance. When appliers apply each other in a ring, all of them.
     */
    private Set<String> rootApplierFiles(List<SourceObject> appliers) {
        Set<String> roots = new java.util.TreeSet<>();
        for (SourceObject a : appliers) {
            boolean reached = appliers.stream().anyMatch(other -> !other.file().equals(a.file())
                    && reachedFiles(other).contains(a.file()));
            if (!reached) {
                roots.add(a.file());
            }
        }
        if (roots.isEmpty()) {
            appliers.forEach(a -> roots.add(a.file()));
        }
        return roots;
    }

    private Set<String> reachedFiles(SourceObject applier) {
        if (isFluxKustomization(applier)) {
            return filesUnder(applier.spec().path("path").asText("./"));
        }
        Set<String> out = new HashSet<>();
        ArgoApplications.sources(applier).stream().filter(s -> s.isPath() && argoRepos.contains(s.repo()))
                .forEach(s -> out.addAll(filesUnder(s.path())));
        return out;
    }

    /** What kustomize-controller applies for a path: its kustomization's resources, or every YAML file below. */
    Set<String> filesUnder(String path) {
        return placedFilesUnder(path, Placement.AS_WRITTEN).keySet();
    }

    /**
     * The files applied for a path, each with the placements the kustomizations on the way give it
     * (a base two overlays include, each with its own prefix, is applied twice).
     */
    private Map<String, Set<Placement>> placedFilesUnder(String path, Placement outer) {
        String dir = path.replaceFirst("^\\./", "").replaceFirst("/$", "");
        dir = dir.equals(".") ? "" : dir;
        Map<String, Set<Placement>> out = new LinkedHashMap<>();
        collect(dir, outer, out, new HashSet<>());
        return out;
    }

    private static void add(Map<String, Set<Placement>> out, String file, Placement placement) {
        out.computeIfAbsent(file, f -> new java.util.LinkedHashSet<>()).add(placement);
    }

    /**
     * Without a kustomization, Flux applies every manifest below, except that a directory with a
     * kustomization of its own is built as one (kustomize-controller's generator does the same).
     */
    private void collect(String dir, Placement placement, Map<String, Set<Placement>> out, Set<String> visiting) {
        if (!visiting.add(dir)) {
            return; // a kustomization that includes itself: kustomize refuses it
        }
        KustomizationFile k = tree.kustomizations().get(dir);
        if (k == null) {
            String prefix = dir.isEmpty() ? "" : dir + "/";
            Set<String> owners = new java.util.TreeSet<>();
            for (String file : yamlFilesUnder(prefix)) {
                String owner = kustomizationDirBetween(prefix, file);
                if (owner == null) {
                    add(out, file, placement);
                } else {
                    owners.add(owner);
                }
            }
            owners.forEach(owner -> collect(owner, placement, out, visiting));
        } else {
            Placement inner = placement.around(k.node());
            Replacements replacements = k.node().has("replacements") ? Replacements.of(k, tree) : null;
            if (replacements != null && !replacements.isEmpty()) {
                // a replacement reads the build as the kustomization's other transformers leave it, then sets fields
                Map<String, Set<Placement>> build = new LinkedHashMap<>();
                resourcesOf(k, inner, build, visiting);
                List<SourceObject> objects = new ArrayList<>();
                build.forEach((file, placements) -> placements.forEach(p -> inFile(file).forEach(o -> objects.add(p.place(o)))));
                inner = inner.setting(replacements.evaluate(objects));
            }
            add(out, k.file(), inner); // no objects of its own, but it says the kustomization (and its helmCharts) is built
            resourcesOf(k, inner, out, visiting);
        }
        visiting.remove(dir);
    }

    private void resourcesOf(KustomizationFile k, Placement inner, Map<String, Set<Placement>> out, Set<String> visiting) {
        for (String resource : k.resources()) {
            if (files.contains(resource)) {
                add(out, resource, inner);
            } else {
                collect(resource, inner, out, visiting);
            }
        }
    }

    /** The outermost directory below {@code prefix} on the way to {@code file} that has a kustomization. */
    private String kustomizationDirBetween(String prefix, String file) {
        for (int slash = file.indexOf('/', prefix.length()); slash > 0; slash = file.indexOf('/', slash + 1)) {
            String d = file.substring(0, slash);
            if (tree.kustomizations().containsKey(d)) {
                return d;
            }
        }
        return null;
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
