package io.koor.gitops.generator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.generator.schema.Severity;
import io.koor.gitops.generator.schema.Violation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
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
    public static final String RULE_YAML = "yaml-invalid";
    public static final String RULE_NOT_A_MANIFEST = "not-a-manifest";
    private static final Set<String> KUSTOMIZATION_NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> IGNORED_DIRS = Set.of("target", "node_modules", "build");
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

    private boolean excluded(Path base, Path path) {
        if (excludes.isEmpty()) {
            return false;
        }
        Path rel = base.relativize(path);
        return excludes.stream().anyMatch(m -> m.matches(rel));
    }

    public LoadedTree load(Path root) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(base)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                if (name.startsWith(".") || IGNORED_DIRS.contains(name) || excluded(base, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (Files.isRegularFile(dir.resolve("Chart.yaml"))) {
                    skipped.add(rel(base, dir) + "/: a Helm chart (templates and values are rendered by Helm, not applied as they are)");
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (isYaml(name) && !name.startsWith(".") && !excluded(base, file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);

        // Reading and parsing dominate on large trees; files are independent, so both cores share them.
        List<Object> results = files.parallelStream().map(file -> {
            String rel = rel(base, file);
            try {
                return (Object) Map.entry(rel, YamlDocuments.read(readUtf8(file)));
            } catch (YamlDocuments.YamlProblem e) {
                return new Violation(RULE_YAML, Severity.ERROR, rel, rel, e.line(), "",
                        "not valid YAML at line " + e.line() + ", column " + e.column() + ": " + e.getMessage(),
                        "fix the syntax; 'yamllint " + rel + "' shows the context");
            }
        }).toList();
        List<Violation> problems = new ArrayList<>();
        Map<String, List<YamlDocuments.Document>> parsed = new TreeMap<>();
        for (Object result : results) {
            if (result instanceof Violation v) {
                problems.add(v);
            } else {
                @SuppressWarnings("unchecked")
                Map.Entry<String, List<YamlDocuments.Document>> entry = (Map.Entry<String, List<YamlDocuments.Document>>) result;
                parsed.put(entry.getKey(), entry.getValue());
            }
        }

        Map<String, KustomizationFile> kustomizations = new TreeMap<>();
        Set<String> notStandalone = new HashSet<>();
        for (Map.Entry<String, List<YamlDocuments.Document>> e : parsed.entrySet()) {
            String name = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            if (KUSTOMIZATION_NAMES.contains(name) && !e.getValue().isEmpty()) {
                KustomizationFile k = Kustomizations.read(e.getKey(), e.getValue().get(0));
                kustomizations.put(k.dir(), k);
                notStandalone.addAll(k.nonResourceFiles());
            }
        }

        List<SourceObject> objects = new ArrayList<>();
        List<String> yamlFiles = new ArrayList<>(parsed.keySet());
        for (Map.Entry<String, List<YamlDocuments.Document>> e : parsed.entrySet()) {
            String rel = e.getKey();
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            if (KUSTOMIZATION_NAMES.contains(name)) {
                continue;
            }
            if (notStandalone.contains(rel)) {
                skipped.add(rel + ": read by a kustomization as a patch or generator input, not applied alone");
                continue;
            }
            if (HELM_VALUES.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                skipped.add(rel + ": Helm values, not a manifest");
                continue;
            }
            for (YamlDocuments.Document doc : e.getValue()) {
                JsonNode node = doc.node();
                if (node instanceof ObjectNode obj && obj.path("apiVersion").isTextual() && obj.path("kind").isTextual()) {
                    if (obj.path("kind").asText().equals("List") && obj.path("items").isArray()) {
                        int i = 0;
                        for (JsonNode item : obj.path("items")) {
                            if (item instanceof ObjectNode itemObj) {
                                objects.add(new SourceObject(rel, doc.line(), itemObj));
                            }
                            i++;
                        }
                        continue;
                    }
                    objects.add(new SourceObject(rel, doc.line(), obj));
                } else {
                    problems.add(new Violation(RULE_NOT_A_MANIFEST, Severity.WARNING, rel, rel, doc.line(), "",
                            "this YAML document is not a Kubernetes object (no apiVersion and kind)",
                            "move non-manifest YAML out of the directories Flux applies, or add apiVersion and kind"));
                }
            }
        }
        skipped.sort(null);
        return new LoadedTree(base, objects, kustomizations, yamlFiles, problems, skipped);
    }

    private static String readUtf8(Path file) throws YamlDocuments.YamlProblem {
        try {
            if (Files.size(file) > YamlDocuments.MAX_FILE_BYTES) {
                throw new YamlDocuments.YamlProblem(1, 1, "the file is larger than "
                        + YamlDocuments.MAX_FILE_BYTES / (1024 * 1024) + " MiB; split it into several files");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new YamlDocuments.YamlProblem(1, 1, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new YamlDocuments.YamlProblem(1, 1, "cannot read the file: " + e.getMessage());
        }
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.equals("Kustomization");
    }

    static String rel(Path base, Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
