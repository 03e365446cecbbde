package io.koor.gitops.generator.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.generator.schema.CrdSchemas;
import io.koor.gitops.generator.schema.SchemaDownloads;
import io.koor.gitops.generator.schema.SchemaLocation;
import io.koor.gitops.generator.schema.SchemaRegistry;
import io.koor.gitops.generator.schema.SchemaValidator;
import io.koor.gitops.generator.schema.Severity;
import io.koor.gitops.generator.schema.Violation;
import io.koor.gitops.generator.validate.rules.Rule;
import io.koor.gitops.generator.validate.rules.RuleSet;
import io.koor.gitops.generator.validate.rules.TreeIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates any GitOps tree, generated or hand-written: YAML, JSON Schemas, the semantic rules,
 * and the external tools that are installed. Every finding is collected; an exception means only
 * that the validation itself could not run (the directory does not exist, say).
 */
public final class ValidationService {

    /**
     * @param schemaLocations    kubeconform-style locations, in order; empty skips schema checks (with a note)
     * @param kustomizeBuild     build every kustomization with kubectl and check the result
     * @param kubeconform        also run kubeconform when it is installed
     * @param requireKubeconform make a missing kubeconform an error instead of a note
     * @param excludes           globs of paths (relative to the root) not to read
     * @param schemaCache        where downloaded schemas are kept
     * @param offline            never download; remote locations are served from the cache only
     * @param yamllint           also run yamllint (with the tree's own .yamllint) when it is installed
     */
    public record Options(List<String> schemaLocations, String kubernetesVersion, boolean strict,
                          SchemaValidator.MissingSchemaPolicy missingSchemas, boolean kustomizeBuild, boolean kubeconform,
                          boolean requireKubeconform, List<String> excludes, Path schemaCache, boolean offline,
                          boolean yamllint) {
        public Options {
            schemaLocations = List.copyOf(schemaLocations);
            excludes = List.copyOf(excludes);
        }

        /** Without yamllint. */
        public Options(List<String> schemaLocations, String kubernetesVersion, boolean strict,
                       SchemaValidator.MissingSchemaPolicy missingSchemas, boolean kustomizeBuild, boolean kubeconform,
                       boolean requireKubeconform, List<String> excludes, Path schemaCache, boolean offline) {
            this(schemaLocations, kubernetesVersion, strict, missingSchemas, kustomizeBuild, kubeconform, requireKubeconform,
                    excludes, schemaCache, offline, false);
        }

        public static Options defaults(List<String> schemaLocations) {
            return new Options(schemaLocations, "1.32.0", true, SchemaValidator.MissingSchemaPolicy.SKIP, false, false, false,
                    List.of(), SchemaDownloads.defaultCache(), false);
        }

        public Options withSchemaCache(Path cache, boolean offlineOnly) {
            return new Options(schemaLocations, kubernetesVersion, strict, missingSchemas, kustomizeBuild, kubeconform,
                    requireKubeconform, excludes, cache, offlineOnly, yamllint);
        }
    }

    public ValidationReport validate(Path root, Options options) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + " is not a directory");
        }
        LoadedTree tree = new TreeLoader(options.excludes()).load(root);
        List<String> notes = new ArrayList<>(tree.skipped().stream().map(s -> "skipped " + s).toList());
        List<Violation> found = new ArrayList<>(tree.problems());

        SchemaValidator schemas = null;
        if (options.schemaLocations().isEmpty()) {
            notes.add("skipped: schema validation (no schema location given)");
        } else {
            schemas = new SchemaValidator(new SchemaRegistry(
                    options.schemaLocations().stream().map(SchemaLocation::new).toList(), options.kubernetesVersion(),
                    options.strict(), new SchemaDownloads(options.schemaCache(), options.offline())), options.missingSchemas());
            SchemaValidator validator = schemas;
            for (SourceObject o : tree.objects()) {
                if (o.kind().equals("CustomResourceDefinition") && o.group().equals("apiextensions.k8s.io")) {
                    for (CrdSchemas.Derived derived : CrdSchemas.from(o.node(), o.file() + ":" + o.line(),
                            options.strict())) {
                        validator.registry().derive(derived);
                        notes.add("schema for " + derived.apiVersion() + " " + derived.kind() + " derived from the CRD at "
                                + derived.source());
                    }
                }
            }
            found.addAll(tree.objects().parallelStream()
                    .flatMap(o -> validator.validate(o.node(), o.file(), o.line()).stream()).toList());
            for (KustomizationFile k : tree.kustomizations().values()) {
                if (k.node() instanceof ObjectNode node && node.has("kind")) {
                    found.addAll(validator.validate(node, k.file(), k.line()));
                }
            }
        }

        if (schemas != null) {
            schemas.celNotEvaluable().stream().sorted()
                    .forEach(rule -> notes.add("skipped " + rule + ": it needs functions only the API server has"));
        }
        TreeIndex index = new TreeIndex(tree, options.kubernetesVersion());
        found.addAll(RuleSet.check(index));
        Suppressions suppressions = Suppressions.load(tree.root());
        found.addAll(suppressions.problems());
        found.addAll(Suppressions.annotationsWithoutReason(tree.objects()));

        for (ExternalCheck check : externalChecks(options, schemas)) {
            ExternalCheck.Outcome outcome = check.run(tree);
            found.addAll(outcome.violations());
            notes.addAll(outcome.notes());
        }
        return report(tree, found, suppressions, notes);
    }

    private static List<ExternalCheck> externalChecks(Options options, SchemaValidator schemas) {
        List<ExternalCheck> checks = new ArrayList<>();
        if (options.kustomizeBuild()) {
            SchemaValidator validator = schemas;
            checks.add(new KustomizeBuildCheck(o -> validator == null ? List.of()
                    : validator.validate(o.node(), o.file(), o.line())));
        }
        if (options.yamllint()) {
            checks.add(new YamllintCheck());
        }
        if (options.kubeconform() || options.requireKubeconform()) {
            checks.add(new KubeconformCheck(options.schemaLocations(), options.kubernetesVersion(),
                    options.requireKubeconform()));
        }
        return checks;
    }

    /** Moves a finding from its object's first line to the line of its JSON pointer. */
    private static Violation atPointerLine(Path root, Violation v, SourceObject object, Map<String, PointerLines> cache) {
        if (object == null || v.jsonPointer().isEmpty()) {
            return v;
        }
        PointerLines lines = cache.computeIfAbsent(v.file(), f -> {
            try {
                return new PointerLines(Files.readString(root.resolve(f)));
            } catch (IOException e) {
                return new PointerLines("");
            }
        });
        int line = lines.lineOf(v.line(), v.jsonPointer());
        return line == v.line() ? v : new Violation(v.ruleId(), v.severity(), v.resource(), v.file(), line, v.jsonPointer(),
                v.message(), v.hint());
    }

    private static ValidationReport report(LoadedTree tree, List<Violation> found, Suppressions suppressions,
                                           List<String> notes) {
        Map<String, SourceObject> objectAt = new HashMap<>();
        tree.objects().forEach(o -> objectAt.putIfAbsent(o.file() + ":" + o.line(), o));
        List<Violation> kept = new ArrayList<>();
        List<ValidationReport.Suppressed> suppressed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> failed = new HashSet<>();
        Map<String, PointerLines> lines = new HashMap<>();
        Set<String> sameFinding = new HashSet<>();
        for (Violation found1 : found) {
            // Files' findings come before builds' (external checks run last), so a build that merely
            // repeats what a file shows is dropped, and one that shows what an overlay changed is kept.
            boolean repeated = !sameFinding.add(found1.ruleId() + "|" + found1.resource() + "|" + found1.jsonPointer()
                    + "|" + found1.message());
            if (!seen.add(found1.toString()) || repeated && found1.file().endsWith(" (built)")) {
                continue;
            }
            SourceObject object = objectAt.get(found1.file() + ":" + found1.line());
            Violation v = atPointerLine(tree.root(), found1, object, lines);
            String reason = suppressions.reasonFor(v, object);
            if (reason != null) {
                suppressed.add(new ValidationReport.Suppressed(v, reason));
            } else {
                kept.add(v);
                if (v.severity() == Severity.ERROR && object != null) {
                    failed.add(found1.file() + ":" + found1.line());
                }
            }
        }
        kept.sort(Comparator.comparing(Violation::file).thenComparingInt(Violation::line).thenComparing(Violation::ruleId)
                .thenComparing(Violation::jsonPointer).thenComparing(Violation::message));
        Map<String, ValidationReport.RuleDoc> docs = new LinkedHashMap<>();
        for (Rule rule : RuleSet.all()) {
            docs.put(rule.id(), new ValidationReport.RuleDoc(rule.id(), rule.severity(), rule.doc()));
        }
        docs.put(SchemaValidator.RULE_SCHEMA, new ValidationReport.RuleDoc(SchemaValidator.RULE_SCHEMA, Severity.ERROR,
                "The object does not match the JSON Schema of its kind."));
        docs.put(io.koor.gitops.generator.schema.CelValidations.RULE, new ValidationReport.RuleDoc(
                io.koor.gitops.generator.schema.CelValidations.RULE, Severity.ERROR,
                "The object breaks a CEL rule (x-kubernetes-validations) of its CRD, so the API server refuses it."));
        docs.put(SchemaValidator.RULE_MISSING, new ValidationReport.RuleDoc(SchemaValidator.RULE_MISSING, Severity.NOTE,
                "No schema location has a schema for the object's kind."));
        docs.put(TreeLoader.RULE_YAML, new ValidationReport.RuleDoc(TreeLoader.RULE_YAML, Severity.ERROR,
                "The file is not valid YAML (syntax, duplicate keys, or beyond the size and nesting limits)."));
        docs.put(TreeLoader.RULE_NOT_A_MANIFEST, new ValidationReport.RuleDoc(TreeLoader.RULE_NOT_A_MANIFEST,
                Severity.WARNING, "A YAML document without apiVersion and kind."));
        docs.put(KustomizeBuildCheck.RULE, new ValidationReport.RuleDoc(KustomizeBuildCheck.RULE, Severity.ERROR,
                "kubectl kustomize cannot build the directory."));
        docs.put(KubeconformCheck.RULE, new ValidationReport.RuleDoc(KubeconformCheck.RULE, Severity.ERROR,
                "kubeconform reports the object invalid."));
        docs.put(YamllintCheck.RULE, new ValidationReport.RuleDoc(YamllintCheck.RULE, Severity.WARNING,
                "yamllint reports the line (its rule in parentheses), with the repository's .yamllint."));
        docs.put(Suppressions.RULE_CONFIG, new ValidationReport.RuleDoc(Suppressions.RULE_CONFIG, Severity.ERROR,
                "The repository's " + Suppressions.CONFIG_FILE + " cannot be used."));
        docs.put(Suppressions.RULE_NO_REASON, new ValidationReport.RuleDoc(Suppressions.RULE_NO_REASON, Severity.WARNING,
                "A suppression annotation without a reason suppresses nothing."));
        return new ValidationReport(tree.root().toString(), tree.yamlFiles().size(), tree.objects().size(), failed.size(),
                kept, suppressed, notes, docs);
    }
}
