package io.koor.gitops.generator;

import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.schema.SchemaLocation;
import io.koor.gitops.generator.schema.SchemaRegistry;
import io.koor.gitops.generator.schema.SchemaValidator;
import io.koor.gitops.generator.schema.Severity;
import io.koor.gitops.generator.schema.Violation;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreePlan;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.validate.YamlDocuments;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.GitOpsSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations the front ends offer, each one call: render and write a system's tree, or
 * compare it with what is on disk. Plan, then write: nothing touches the disk until the whole
 * tree is rendered and validated.
 */
public final class GitOpsService {

    /**
     * @param generatedFrom   what generated files name as their source (the definition class)
     * @param schemaLocations kubeconform-style locations; empty skips schema validation (with a warning)
     * @param force           replace or delete generated files that were edited by hand
     */
    public record Config(Path outputDirectory, String generatedFrom, List<String> schemaLocations,
                         SchemaValidator.MissingSchemaPolicy missingSchemas, boolean force) {
        public Config {
            schemaLocations = List.copyOf(schemaLocations);
        }
    }

    private final EventSink events;

    public GitOpsService(EventSink events) {
        this.events = events;
    }

    /** Renders the system into its tree and validates it, without touching the disk. */
    public GitOpsTree render(GitOpsSystem system, Config config) {
        GitOpsTree tree = Layouts.render(system, config.generatedFrom(), io.koor.gitops.model.PriceTable.snapshot2026());
        List<Violation> violations = validate(system, tree, config);
        List<Violation> errors = violations.stream().filter(v -> v.severity() == Severity.ERROR).toList();
        violations.stream().filter(v -> v.severity() != Severity.ERROR).forEach(v -> events.warn(v.toString()));
        if (!errors.isEmpty()) {
            throw new TreeValidationException(errors);
        }
        return tree;
    }

    public TreeWriter.Result generate(GitOpsSystem system, Config config) throws IOException {
        GitOpsTree tree = render(system, config);
        TreeWriter.Result result = new TreeWriter(config.outputDirectory()).write(tree, config.force());
        if (result.recovered()) {
            events.warn("an interrupted earlier generate was rolled back before this one started");
        }
        events.info(String.format("%d files: %d created, %d updated, %d deleted, %d unchanged in %s",
                tree.size(), result.created(), result.updated(), result.deleted(), result.unchanged(),
                config.outputDirectory()));
        return result;
    }

    /** What differs between the tree on disk and the one the system generates (empty when up to date). */
    public List<String> check(GitOpsSystem system, Config config) throws IOException {
        GitOpsTree tree = render(system, config);
        TreePlan plan = TreePlan.compute(config.outputDirectory(), tree, false);
        List<String> drift = new ArrayList<>();
        plan.conflicts().forEach(c -> drift.add(c.toString()));
        plan.changes().forEach(c -> drift.add(c.toString()));
        if (drift.isEmpty() && plan.ownershipChanged()) {
            drift.add(io.koor.gitops.generator.tree.Ownership.FILE + " does not list the generated files");
        }
        return drift;
    }

    private List<Violation> validate(GitOpsSystem system, GitOpsTree tree, Config config) {
        if (config.schemaLocations().isEmpty()) {
            events.warn("no schema locations configured: the generated objects were not checked against schemas");
            return List.of();
        }
        List<SchemaLocation> locations = config.schemaLocations().stream().map(SchemaLocation::new).toList();
        Map<String, SchemaValidator> byVersion = new HashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
            if (!file.getKey().fileName().endsWith(".yaml")) {
                continue; // the clusters' README.md files are documentation, not manifests
            }
            String version = kubernetesVersionOf(system, file.getKey());
            SchemaValidator validator = byVersion.computeIfAbsent(version, v -> new SchemaValidator(
                    new SchemaRegistry(locations, v, true), config.missingSchemas()));
            for (YamlDocuments.Document doc : documents(file.getKey(), file.getValue())) {
                violations.addAll(validator.validate(doc.node(), file.getKey().value(), doc.line()));
            }
        }
        return violations;
    }

    private static List<YamlDocuments.Document> documents(TreePath path, String text) {
        try {
            return YamlDocuments.read(text);
        } catch (YamlDocuments.YamlProblem e) {
            throw new IllegalStateException("the generator wrote YAML it cannot read back: " + path + ":" + e.line() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Schemas follow the Kubernetes minor release of the cluster a file belongs to. */
    private static String kubernetesVersionOf(GitOpsSystem system, TreePath path) {
        Cluster cluster = Layouts.clusterOf(path)
                .flatMap(name -> system.clusters().stream().filter(c -> c.name().value().equals(name)).findFirst())
                .orElse(system.clusters().get(0));
        return cluster.kubernetesVersion().major() + "." + cluster.kubernetesVersion().minor() + ".0";
    }
}
