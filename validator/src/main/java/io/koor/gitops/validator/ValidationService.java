package io.koor.gitops.validator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.external.ExternalCheck;
import io.koor.gitops.validator.external.KubeconformCheck;
import io.koor.gitops.validator.external.KustomizeBuildCheck;
import io.koor.gitops.validator.external.YamllintCheck;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.TreeLoader;
import io.koor.gitops.validator.load.TreeSource;
import io.koor.gitops.validator.load.YamlDocuments;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.rules.RuleSet;
import io.koor.gitops.validator.rules.TreeIndex;
import io.koor.gitops.validator.schema.CrdSchemas;
import io.koor.gitops.validator.schema.SchemaDownloads;
import io.koor.gitops.validator.schema.SchemaLocation;
import io.koor.gitops.validator.schema.SchemaRegistry;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.suppress.Suppressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Validates any GitOps tree, generated or hand-written, on disk or in memory: YAML, JSON Schemas
 * and CEL, the semantic rules, suppressions, and the external tools that are installed. Both
 * {@code validate} and {@code generate} (before it writes anything) run this one pipeline. Every
 * finding is collected; an exception means only that the validation itself could not run, or
 * (a {@link io.koor.gitops.model.ConfigurationException}) that a setting cannot be used.
 */
public final class ValidationService {

    /** The tree in a directory (a checkout). */
    public ValidationReport validate(Path root, ValidationOptions options) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root + " is not a directory");
        }
        return validate(TreeSource.directory(root), options);
    }

    /**
     * A tree from any source. External tools need files: an in-memory tree is written to a
     * temporary directory for them, and removed afterwards.
     */
    public ValidationReport validate(TreeSource source, ValidationOptions options) throws IOException {
        // before any work: a mistyped location would otherwise turn every schema check into a note
        options.schemaLocations().forEach(location -> new SchemaLocation(location).requireExisting());
        List<String> schemaNotes = new ArrayList<>();
        List<Violation> schemaFound = new ArrayList<>();
        Map<String, SchemaValidator> schemas = new HashMap<>();
        List<CrdSchemas.Derived> derived = new ArrayList<>();
        List<SchemaLocation> locations = options.schemaLocations().stream().map(SchemaLocation::new)
                .filter(l -> !l.isCrdManifest()).toList();
        SchemaDownloads downloads = new SchemaDownloads(options.schemaCache(), options.offline());
        Function<String, SchemaValidator> forRelease = release -> schemas.computeIfAbsent(release, r -> {
            SchemaValidator v = new SchemaValidator(new SchemaRegistry(locations, r, options.strict(), downloads),
                    options.missingSchemas());
            derived.forEach(v.registry()::derive);
            return v;
        });
        if (!options.schemaLocations().isEmpty()) {
            // CRD manifests given as locations first, so that the tree's own CRDs win over them
            derived.addAll(crdManifests(options, downloads, schemaFound, schemaNotes));
        }
        // Without semantic rules nothing needs an object once its schema is checked: check it as it
        // is read and keep only its identity (memory follows the objects, not the YAML).
        boolean inline = !options.schemaLocations().isEmpty() && !options.rules().anySemantic()
                && options.clusterKubernetesVersions().isEmpty();
        TreeLoader loader = new TreeLoader(options.excludes());
        LoadedTree tree = loader.load(source, !inline ? null : new TreeLoader.Inline() {
            private SchemaValidator validator;

            @Override
            public void crds(List<SourceObject> crds) {
                crds.forEach(crd -> derive(crd, options, derived, schemaNotes));
                validator = forRelease.apply(options.kubernetesVersion());
            }

            @Override
            public List<Violation> check(SourceObject o) {
                return validator.validate(o.node(), o.file(), o.line());
            }
        });
        List<String> notes = new ArrayList<>(tree.skipped().stream().map(s -> "skipped " + s).toList());
        notes.addAll(schemaNotes);
        List<Violation> found = new ArrayList<>(tree.problems());
        found.addAll(schemaFound);
        TreeIndex index = inline ? null : new TreeIndex(tree, options.kubernetesVersion());

        if (options.schemaLocations().isEmpty()) {
            notes.add("skipped: schema validation (no schema location given)");
        } else {
            if (!inline) {
                tree.objects().forEach(o -> derive(o, options, derived, notes));
                Map<String, String> releaseOfFile = releaseOfFile(index, options);
                forRelease.apply(options.kubernetesVersion());
                releaseOfFile.values().forEach(forRelease::apply);
                found.addAll(tree.objects().parallelStream().flatMap(o -> schemas.get(releaseOfFile.getOrDefault(o.file(),
                        options.kubernetesVersion())).validate(o.node(), o.file(), o.line()).stream()).toList());
            }
            SchemaValidator fallback = schemas.get(options.kubernetesVersion());
            for (KustomizationFile k : tree.kustomizations().values()) {
                if (k.node() instanceof ObjectNode node && node.has("kind")) {
                    found.addAll(fallback.validate(node, k.file(), k.line()));
                }
            }
            schemas.values().stream().flatMap(v -> v.celNotEvaluable().stream()).distinct().sorted()
                    .forEach(rule -> notes.add("skipped " + rule + ": it needs functions only the API server has"));
        }

        if (index != null) {
            found.addAll(RuleSet.check(index, options.rules()::runs));
            found.replaceAll(v -> unappliedYaml(v, index));
        }
        Suppressions suppressions = Suppressions.load(source.root());
        found.addAll(suppressions.problems());
        found.addAll(Suppressions.annotationsWithoutReason(tree.objects()));

        List<ExternalCheck> checks = externalChecks(options, schemas.get(options.kubernetesVersion()));
        if (!checks.isEmpty()) {
            try (OnDisk onDisk = OnDisk.of(tree)) {
                for (ExternalCheck check : checks) {
                    ExternalCheck.Outcome outcome = check.run(onDisk.tree());
                    found.addAll(outcome.violations());
                    notes.addAll(outcome.notes());
                }
            }
        }
        if (!options.rules().equals(RuleSelection.ALL)) { // a check not selected is not reported, whoever ran it
            found.removeIf(v -> !options.rules().runs(v.ruleId()));
        }
        return report(tree, found, suppressions, notes);
    }

    /**
     * A file that is not YAML but that no Flux Kustomization or Argo CD Application applies (a template of another
     * tool, say) breaks no cluster: a warning, not an error. Without appliers every file counts as applied.
     */
    private static Violation unappliedYaml(Violation v, TreeIndex index) {
        if (!v.ruleId().equals(TreeLoader.YAML_INVALID.id()) || v.severity() != Severity.ERROR || index.applies(v.file())) {
            return v;
        }
        return new Violation(v.ruleId(), Severity.WARNING, v.resource(), v.file(), v.line(), v.jsonPointer(), v.message()
                + "; no Flux Kustomization or Argo CD Application applies this file, so it breaks no cluster (if it is"
                + " another tool's template, leave it out with --exclude)", v.hint());
    }

    /** The schemas a CRD of the tree defines (nothing for other objects), and a note of each. */
    private static void derive(SourceObject o, ValidationOptions options, List<CrdSchemas.Derived> derived,
                               List<String> notes) {
        if (o.kind().equals("CustomResourceDefinition") && o.group().equals("apiextensions.k8s.io")) {
            for (CrdSchemas.Derived d : CrdSchemas.from(o.node(), o.file() + ":" + o.line(), options.strict())) {
                derived.add(d);
                notes.add("schema for " + d.apiVersion() + " " + d.kind() + " derived from the CRD at " + d.source());
            }
        }
    }

    /**
     * The schemas of the CRDs in the manifests given as schema locations (local files, or URLs
     * fetched through the schema cache). One that cannot be read or parsed is a finding: its kinds
     * would otherwise pass unchecked.
     */
    private static List<CrdSchemas.Derived> crdManifests(ValidationOptions options, SchemaDownloads downloads,
                                                         List<Violation> found, List<String> notes) throws IOException {
        List<CrdSchemas.Derived> derived = new ArrayList<>();
        for (String template : options.schemaLocations()) {
            SchemaLocation location = new SchemaLocation(template);
            if (!location.isCrdManifest()) {
                continue;
            }
            Optional<String> text = location.isRemote() ? downloads.fetch(template)
                    : Optional.of(Files.readString(Path.of(template)));
            if (text.isEmpty()) {
                found.add(SchemaValidator.MISSING.violation(Severity.ERROR, template, template, 0, "",
                        "the CRD manifest " + template + " could not be read" + (options.offline() ? " offline, and the"
                                + " schema cache does not have it" : ""), "check the location, or run once online"));
                continue;
            }
            try {
                int crds = 0;
                for (YamlDocuments.Document doc : YamlDocuments.read(text.get())) {
                    if (doc.node().path("kind").asText("").equals("CustomResourceDefinition")) {
                        derived.addAll(CrdSchemas.from(doc.node(), template + ":" + doc.line(), options.strict()));
                        crds++;
                    }
                }
                notes.add("schemas derived from " + crds + " CRDs in " + template);
            } catch (YamlDocuments.YamlProblem e) {
                found.add(SchemaValidator.MISSING.violation(Severity.ERROR, template, template, e.line(), "",
                        "the CRD manifest " + template + " is not valid YAML: " + e.getMessage(), "check the location"));
            }
        }
        return derived;
    }

    /**
     * The Kubernetes release of each file that one cluster with its own release applies; the
     * rest are judged by the default release.
     */
    private static Map<String, String> releaseOfFile(TreeIndex index, ValidationOptions options) {
        Map<String, String> releases = new HashMap<>();
        if (options.clusterKubernetesVersions().isEmpty()) {
            return releases;
        }
        Map<String, Set<String>> releasesOfFile = new HashMap<>();
        index.applyGraph().forEach((cluster, kustomizations) -> kustomizations.values().forEach(files -> files.forEach(
                file -> releasesOfFile.computeIfAbsent(file, f -> new HashSet<>()).add(options.kubernetesVersionOf(cluster)))));
        releasesOfFile.forEach((file, set) -> {
            if (set.size() == 1) {
                releases.put(file, set.iterator().next());
            }
        });
        return releases;
    }

    /** The tree as files for the external tools: itself when it is on disk, else a temporary copy. */
    private record OnDisk(LoadedTree tree, Path temporary) implements AutoCloseable {
        static OnDisk of(LoadedTree tree) throws IOException {
            if (!(tree.source() instanceof TreeSource.InMemory memory)) {
                return new OnDisk(tree, null);
            }
            Path dir = Files.createTempDirectory("gitops-validate");
            for (Map.Entry<String, String> file : memory.files().entrySet()) {
                Path path = dir.resolve(file.getKey()).normalize();
                if (!path.startsWith(dir)) {
                    continue; // the generator never makes such paths; a library caller might
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return new OnDisk(new LoadedTree(TreeSource.directory(dir), tree.objects(), tree.kustomizations(),
                    tree.yamlFiles(), tree.problems(), tree.skipped()), dir);
        }

        @Override
        public void close() throws IOException {
            if (temporary == null) {
                return;
            }
            try (var paths = Files.walk(temporary)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static List<ExternalCheck> externalChecks(ValidationOptions options, SchemaValidator schemas) {
        List<ExternalCheck> checks = new ArrayList<>();
        if (options.kustomizeBuild()) {
            SchemaValidator validator = schemas;
            checks.add(new KustomizeBuildCheck(o -> validator == null ? List.of()
                    : validator.validate(o.node(), o.file(), o.line())));
        }
        if (options.yamllint()) {
            checks.add(new YamllintCheck());
        }
        if (options.kubeconform() != ValidationOptions.Kubeconform.OFF) {
            checks.add(new KubeconformCheck(options.schemaLocations().stream()
                    .filter(l -> !new SchemaLocation(l).isCrdManifest()).toList(), options.kubernetesVersion(),
                    options.kubeconform() == ValidationOptions.Kubeconform.REQUIRED));
        }
        return checks;
    }

    /**
     * Moves findings from their objects' first lines to the lines of their JSON pointers, from the
     * lines the loader recorded while it parsed each object (no file is read again).
     */
    private static List<Violation> atPointerLines(List<Violation> found, List<SourceObject> objects) {
        List<Violation> placed = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Violation v = found.get(i);
            SourceObject object = objects.get(i);
            placed.add(object == null || v.jsonPointer().isEmpty() ? v : v.atLine(object.lineOf(v.jsonPointer())));
        }
        return placed;
    }

    private static ValidationReport report(LoadedTree tree, List<Violation> found, Suppressions suppressions,
                                           List<String> notes) {
        Map<String, SourceObject> objectAt = new HashMap<>();
        tree.objects().forEach(o -> objectAt.putIfAbsent(o.file() + ":" + o.line(), o));
        List<Violation> kept = new ArrayList<>();
        List<ValidationReport.Suppressed> suppressed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> failed = new HashSet<>();
        Set<String> sameFinding = new HashSet<>();
        List<Violation> distinct = new ArrayList<>();
        List<SourceObject> objectOf = new ArrayList<>();
        for (Violation found1 : found) {
            // Files' findings come before builds' (external checks run last), so a build that merely
            // repeats what a file shows is dropped, and one that shows what an overlay changed is kept.
            boolean repeated = !sameFinding.add(found1.ruleId() + "|" + found1.resource() + "|" + found1.jsonPointer()
                    + "|" + found1.message());
            if (!seen.add(found1.toString()) || repeated && found1.file().endsWith(" (built)")) {
                continue;
            }
            distinct.add(found1);
            objectOf.add(objectAt.get(found1.file() + ":" + found1.line()));
        }
        List<Violation> placed = atPointerLines(distinct, objectOf);
        for (int i = 0; i < placed.size(); i++) {
            Violation v = placed.get(i);
            SourceObject object = objectOf.get(i);
            String reason = suppressions.reasonFor(v, object);
            if (reason != null) {
                suppressed.add(new ValidationReport.Suppressed(v, reason));
            } else {
                kept.add(v);
                if (v.severity() == Severity.ERROR && object != null) {
                    failed.add(distinct.get(i).file() + ":" + distinct.get(i).line());
                }
            }
        }
        kept.sort(Comparator.comparing(Violation::file).thenComparingInt(Violation::line).thenComparing(Violation::ruleId)
                .thenComparing(Violation::jsonPointer).thenComparing(Violation::message));
        return new ValidationReport(tree.root().toString(), tree.yamlFiles().size(), tree.objects().size(), failed.size(),
                kept, suppressed, notes, RuleCatalogue.byId());
    }
}
