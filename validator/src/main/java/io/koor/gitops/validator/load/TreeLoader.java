package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a GitOps repository and reads what Flux or kubectl would apply. Knows kustomize (patch
 * files and generator inputs are not standalone objects) and Helm (chart directories and values
 * files are skipped, and said so). Never throws for bad input: it becomes a finding with file,
 * line and column.
 */
public final class TreeLoader {
    public static final RuleDescriptor YAML_INVALID = new RuleDescriptor("yaml-invalid", Severity.ERROR, RuleDescriptor.Scope.FILE,
            "The file is not valid YAML (syntax, duplicate keys, or beyond the size and nesting limits).",
            "fix the syntax at the line given; yamllint shows the context");
    public static final RuleDescriptor NOT_A_MANIFEST = new RuleDescriptor("not-a-manifest", Severity.WARNING, RuleDescriptor.Scope.FILE,
            "A YAML document without apiVersion and kind where manifests are applied.",
            "move non-manifest YAML out of the applied directories, or add apiVersion and kind");
    public static final RuleDescriptor RESOURCE_OUTSIDE_TREE = new RuleDescriptor("kustomize-resource-outside-tree",
            Severity.ERROR, RuleDescriptor.Scope.FILE,
            "A kustomization names a path outside the repository, which kustomize's load restrictor or Flux's checkout refuses.",
            "move what it names into the repository and reference it by a relative path, or reference a remote base by URL");
    public static final RuleDescriptor REMOTE_RESOURCE = new RuleDescriptor("kustomize-remote-resource", Severity.NOTE,
            RuleDescriptor.Scope.FILE,
            "A kustomization names a remote resource (git repository or HTTP file), fetched at build time and not checked here.",
            "pin it to a tag or commit (?ref=), or vendor it into the repository to have it checked");
    private static final Set<String> KUSTOMIZATION_NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> IGNORED_DIRS = Set.of("target", "node_modules", "build");
    private static final String HELM_CHART = "/: a Helm chart (templates and values are rendered by Helm, not applied as they are)";
    private static final String ANSIBLE_ROLE = "/: an Ansible role (tasks for Ansible, and templates it renders with Jinja2;"
            + " not applied as they are)";
    /** An Ansible role is a directory with tasks/main.yml (or .yaml). */
    private static final List<String> ANSIBLE_ROLE_MARKERS = List.of("tasks/main.yml", "tasks/main.yaml");
    private static final java.util.regex.Pattern HELM_VALUES = java.util.regex.Pattern.compile("values([-.].*)?\\.ya?ml");

    private final List<java.nio.file.PathMatcher> excludes;

    public TreeLoader() {
        this(List.of());
    }

    /** @param excludeGlobs paths (relative to the root) not to read, e.g. {@code **}{@code /src/**} */
    public TreeLoader(List<String> excludeGlobs) {
        this.excludes = excludeGlobs.stream()
                .map(g -> java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    private boolean excluded(String rel) {
        if (excludes.isEmpty()) {
            return false;
        }
        Path path = Path.of(rel);
        return excludes.stream().anyMatch(m -> m.matches(path));
    }

    public LoadedTree load(Path root) throws IOException {
        return load(TreeSource.directory(root));
    }

    /** Reads the tree's YAML files, from disk or from memory, by the same rules. */
    public LoadedTree load(TreeSource source) throws IOException {
        return load(source, null);
    }

    /**
     * A check run on each object as soon as it is read, on the thread that parsed it, for a run
     * that needs nothing of an object afterwards but its identity (a schema-only run): the loader
     * then keeps only its apiVersion, kind and metadata, so memory follows the number of objects,
     * not the size of the YAML, and the parsed trees die young instead of being copied by every
     * collection. CustomResourceDefinitions are kept whole and handed over first, so that schemas
     * derived from them are known before any other object is checked.
     */
    public interface Inline {
        /** Called once, with the tree's CRDs, before {@link #check} is called. */
        void crds(List<SourceObject> crds);

        /** The findings on one object; called from several threads at once. */
        List<Violation> check(SourceObject object);
    }

    /**
     * Reads the tree; with {@code inline}, each object is checked as it is read and only its
     * identity is kept, and the checks' findings are among the tree's problems (in file order).
     */
    public LoadedTree load(TreeSource source, Inline inline) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<String> files = source instanceof TreeSource.InMemory memory ? listed(memory, skipped)
                : walked(source.root(), skipped);
        // Kustomizations decide which files are patches, CRDs which schemas exist: with an inline
        // check both are read before the rest (a cheap text search picks the CRDs' files).
        List<String> first = inline == null ? files : files.parallelStream().filter(rel -> isKustomization(rel)
                || mentions(source, rel, "CustomResourceDefinition")).toList();
        // Every object is kept whole to the end without an inline check: repeated blocks are shared then.
        SharedSubtrees shared = inline == null ? new SharedSubtrees() : null;
        Map<String, Object> firstRead = parse(source, first, shared);

        List<Violation> problems = new ArrayList<>();
        Map<String, KustomizationFile> kustomizations = new TreeMap<>();
        Set<String> notStandalone = new HashSet<>();
        for (Map.Entry<String, Object> e : firstRead.entrySet()) {
            if (isKustomization(e.getKey()) && e.getValue() instanceof List<?> docs && !docs.isEmpty()) {
                YamlDocuments.Document doc = (YamlDocuments.Document) docs.get(0);
                KustomizationFile k = Kustomizations.read(e.getKey(), doc);
                kustomizations.put(k.dir(), k);
                notStandalone.addAll(k.nonResourceFiles());
                problems.addAll(references(doc, k));
            }
        }

        Map<String, FileObjects> read = new TreeMap<>();
        firstRead.forEach((rel, parsed) -> read.put(rel, objectsOf(rel, parsed, notStandalone)));
        if (inline != null) {
            inline.crds(read.values().stream().flatMap(f -> f.objects().stream()).filter(TreeLoader::isCrd).toList());
            read.replaceAll((rel, f) -> f.checked(inline));
            Set<String> done = Set.copyOf(first);
            read.putAll(files.parallelStream().filter(rel -> !done.contains(rel))
                    .map(rel -> objectsOf(rel, parsed(source, rel, null), notStandalone).checked(inline))
                    .collect(java.util.stream.Collectors.toMap(FileObjects::file, f -> f)));
        }
        List<SourceObject> objects = new ArrayList<>();
        for (FileObjects f : read.values()) {
            objects.addAll(f.objects());
            problems.addAll(f.problems());
            skipped.addAll(f.skipped());
        }
        skipped.sort(null);
        // a file that is not YAML is a file of the tree all the same: it counts, and rules see it exists
        return new LoadedTree(source, objects, kustomizations, files, problems, skipped);
    }

    /** Reading and parsing dominate on large trees; files are independent, so all cores share them. */
    private static Map<String, Object> parse(TreeSource source, List<String> files, SharedSubtrees shared) {
        Map<String, Object> parsed = new TreeMap<>();
        files.parallelStream().map(rel -> Map.entry(rel, parsed(source, rel, shared))).toList()
                .forEach(e -> parsed.put(e.getKey(), e.getValue()));
        return parsed;
    }

    /** The file's documents, or the violation saying why it could not be read. */
    private static Object parsed(TreeSource source, String rel, SharedSubtrees shared) {
        try {
            return YamlDocuments.read(text(source, rel), shared);
        } catch (YamlDocuments.YamlProblem e) {
            return YAML_INVALID.violation(rel, rel, e.line(), "",
                    "line " + e.line() + ", column " + e.column() + ": " + e.getMessage(), e.fix());
        }
    }

    /** What one file contributes: its objects, its problems, and why it (or part of it) was not read as manifests. */
    private record FileObjects(String file, List<SourceObject> objects, List<Violation> problems, List<String> skipped) {
        /** Checked by the inline check, keeping only each object's identity (CRDs whole). */
        FileObjects checked(Inline inline) {
            List<Violation> found = new ArrayList<>(problems);
            List<SourceObject> kept = new ArrayList<>(objects.size());
            for (SourceObject o : objects) {
                List<Violation> own = inline.check(o);
                found.addAll(own);
                kept.add(isCrd(o) ? o : o.identity(own.stream().map(Violation::jsonPointer).filter(p -> !p.isEmpty())
                        .collect(java.util.stream.Collectors.toSet())));
            }
            return new FileObjects(file, kept, found, skipped);
        }
    }

    private static boolean isCrd(SourceObject o) {
        return o.kind().equals("CustomResourceDefinition") && o.group().equals("apiextensions.k8s.io");
    }

    private static boolean isKustomization(String rel) {
        return KUSTOMIZATION_NAMES.contains(rel.substring(rel.lastIndexOf('/') + 1));
    }

    private static FileObjects objectsOf(String rel, Object parsed, Set<String> notStandalone) {
        List<SourceObject> objects = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        if (parsed instanceof Violation v) {
            return new FileObjects(rel, objects, List.of(v), List.of());
        }
        if (isKustomization(rel)) {
            return new FileObjects(rel, objects, problems, List.of());
        }
        if (notStandalone.contains(rel)) {
            return new FileObjects(rel, objects, problems,
                    List.of(rel + ": read by a kustomization as a patch or generator input, not applied alone"));
        }
        if (HELM_VALUES.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            return new FileObjects(rel, objects, problems, List.of(rel + ": Helm values, not a manifest"));
        }
        @SuppressWarnings("unchecked")
        List<YamlDocuments.Document> documents = (List<YamlDocuments.Document>) parsed;
        for (YamlDocuments.Document doc : documents) {
            JsonNode node = doc.node();
            if (node instanceof ObjectNode obj && obj.path("apiVersion").isTextual() && obj.path("kind").isTextual()) {
                if (obj.path("kind").asText().equals("List") && obj.path("items").isArray()) {
                    for (JsonNode item : obj.path("items")) {
                        if (item instanceof ObjectNode itemObj) {
                            // items share the List's line, which is how findings find their object: no lines of their own
                            objects.add(new SourceObject(rel, doc.line(), itemObj));
                        }
                    }
                    continue;
                }
                objects.add(new SourceObject(rel, doc.line(), obj, doc.lines()));
            } else {
                problems.add(NOT_A_MANIFEST.violation(rel, rel, doc.line(), "",
                        "this YAML document is not a Kubernetes object (no apiVersion and kind)",
                        "move non-manifest YAML out of the directories Flux applies, or add apiVersion and kind"));
            }
        }
        return new FileObjects(rel, objects, problems, List.of());
    }

    /** Remote references are said; paths leaving the tree are errors, never read. */
    private static List<Violation> references(YamlDocuments.Document lines, KustomizationFile k) {
        List<Violation> out = new ArrayList<>();
        String resource = "Kustomization " + (k.dir().isEmpty() ? "." : k.dir());
        for (KustomizationFile.Reference ref : k.outsideTree()) {
            out.add(RESOURCE_OUTSIDE_TREE.violation(resource, k.file(), lines.lineOf(ref.pointer()), ref.pointer(),
                    ref.written() + " is outside the repository: kustomize refuses files outside the kustomization's"
                            + " directory (its default load restrictor), and Flux and Argo CD build from the repository alone;"
                            + " it was not read", RESOURCE_OUTSIDE_TREE.hint()));
        }
        for (KustomizationFile.Reference ref : k.remote()) {
            out.add(REMOTE_RESOURCE.violation(resource, k.file(), lines.lineOf(ref.pointer()), ref.pointer(),
                    ref.written() + " is remote: kustomize fetches it when it builds (a git clone, or an HTTP GET for a"
                            + " file); what it contains is not checked here", REMOTE_RESOURCE.hint()));
        }
        return out;
    }

    /**
     * The YAML files under a directory, sorted, pruning what is never applied. Symbolic links are
     * followed while they stay inside the tree; one that leaves it is never read, and said so.
     */
    private List<String> walked(Path base, List<String> skipped) throws IOException {
        List<String> files = new ArrayList<>();
        Path realBase = base.toRealPath();
        Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(base)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = rel(base, dir);
                if (skipDirectory(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!dir.toRealPath().startsWith(realBase)) {
                    skipped.add(rel + "/: a symbolic link to a directory outside the tree, not read");
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                    skipped.add(rel + HELM_CHART);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (ANSIBLE_ROLE_MARKERS.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m)))) {
                    skipped.add(rel + ANSIBLE_ROLE);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = rel(base, file);
                if (!readable(rel)) {
                    return FileVisitResult.CONTINUE;
                }
                Path real;
                try {
                    real = file.toRealPath();
                } catch (IOException e) {
                    skipped.add(rel + ": a symbolic link to nothing, not read");
                    return FileVisitResult.CONTINUE;
                }
                if (!real.startsWith(realBase)) {
                    skipped.add(rel + ": a symbolic link to a file outside the tree, not read");
                } else if (attrs.isRegularFile()) {
                    files.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                String why = e instanceof FileSystemLoopException ? "a symbolic link that loops back to a directory above it"
                        : Files.isSymbolicLink(file) ? "a symbolic link to nothing" : "cannot be read (" + e.getMessage() + ")";
                skipped.add(rel(base, file) + ": " + why + ", not read");
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /** The same choice over files held in memory. */
    private List<String> listed(TreeSource.InMemory source, List<String> skipped) {
        List<String> files = new ArrayList<>();
        java.util.Map<String, String> rendered = new java.util.TreeMap<>(); // directory -> why its files are not read
        for (String rel : source.files().keySet()) {
            boolean skip = false;
            for (int slash = rel.indexOf('/'); slash > 0 && !skip; slash = rel.indexOf('/', slash + 1)) {
                String dir = rel.substring(0, slash);
                skip = skipDirectory(dir);
                String why = skip ? null : source.files().containsKey(dir + "/Chart.yaml") ? HELM_CHART
                        : ANSIBLE_ROLE_MARKERS.stream().anyMatch(m -> source.files().containsKey(dir + "/" + m)) ? ANSIBLE_ROLE : null;
                if (why != null) {
                    rendered.putIfAbsent(dir, why);
                    skip = true;
                }
            }
            if (!skip && readable(rel)) {
                files.add(rel);
            }
        }
        rendered.forEach((dir, why) -> skipped.add(dir + why));
        return files;
    }

    private boolean skipDirectory(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return name.startsWith(".") || IGNORED_DIRS.contains(name) || excluded(rel);
    }

    private boolean readable(String rel) {
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return isYaml(name) && !name.startsWith(".") && !excluded(rel);
    }

    /**
     * Whether a file's text holds an ASCII word, read as bytes: this pass reads every file before the
     * real one, and decoding each as UTF-8 to search it cost as much as a tenth of a schema-only run.
     */
    private static boolean mentions(TreeSource source, String rel, String word) {
        if (!(source instanceof TreeSource.Directory)) {
            return source.text(rel).map(t -> t.contains(word)).orElse(false);
        }
        try {
            // ISO-8859-1 maps each byte to one char without decoding; an ASCII word matches exactly where it is
            return new String(Files.readAllBytes(source.root().resolve(rel)), StandardCharsets.ISO_8859_1).contains(word);
        } catch (IOException e) {
            return false; // the real read reports it
        }
    }

    private static String text(TreeSource source, String rel) throws YamlDocuments.YamlProblem {
        if (source instanceof TreeSource.Directory) {
            return readUtf8(source.root().resolve(rel));
        }
        return source.text(rel).orElse("");
    }

    private static String readUtf8(Path file) throws YamlDocuments.YamlProblem {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > YamlDocuments.MAX_FILE_BYTES) {
                throw YamlDocuments.tooLarge(size);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new YamlDocuments.YamlProblem(1, 1, "cannot read the file: " + e.getMessage(),
                    "check the file's permissions");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        return out.flip().toString();
    }

    /** Where the first byte that is not UTF-8 is: its line, and its column counted in bytes. */
    private static YamlDocuments.YamlProblem notUtf8(byte[] bytes, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new YamlDocuments.YamlProblem(line, at - lineStart + 1, String.format(Locale.ROOT,
                "byte 0x%02X is not UTF-8 text (Kubernetes reads manifests as UTF-8)", bytes[at] & 0xff),
                "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
    }

    static String rel(Path base, Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
