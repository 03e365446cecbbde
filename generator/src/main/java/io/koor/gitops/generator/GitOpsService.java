package io.koor.gitops.generator;

import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.Ownership;
import io.koor.gitops.generator.tree.TreePlan;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.load.TreeSource;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operations the front ends offer, each one call: render and write a system's tree, or
 * compare it with what is on disk. Plan, then write: nothing touches the disk until the whole
 * tree is rendered and has passed the same validation {@code validate} runs.
 */
public final class GitOpsService {
    private static final String ROLLED_BACK = "an interrupted earlier generate was rolled back before this one started";
    private final EventSink events;

    public GitOpsService(EventSink events) {
        this.events = events;
    }

    /** Renders the system into its tree and validates it in memory, without touching the disk. */
    public GitOpsTree render(GitOpsSystem system, GenerateOptions options) throws IOException {
        GitOpsTree tree = Layouts.render(system, options.generatedFrom(), PriceTable.snapshot2026());
        ValidationReport report = validate(system, tree, options);
        report.notes().forEach(events::info);
        report.violations().stream().filter(v -> v.severity() != Severity.ERROR).forEach(v -> events.warn(v.toString()));
        if (report.count(Severity.ERROR) > 0) {
            throw new TreeValidationException(report);
        }
        return tree;
    }

    /**
     * What {@code validate} would report on the generated tree, written alone into the output
     * directory: its clusters judged by their own Kubernetes releases, the directory's suppressions applied.
     */
    public ValidationReport validate(GitOpsSystem system, GitOpsTree tree, GenerateOptions options) throws IOException {
        ValidationOptions.Builder validation = options.validation().toBuilder();
        List<Cluster> clusters = system.clusters();
        validation.kubernetesVersion(ValidationOptions.schemaRelease(clusters.get(0).kubernetesVersion().text()));
        clusters.forEach(c -> validation.clusterKubernetesVersion(c.name().value(),
                ValidationOptions.schemaRelease(c.kubernetesVersion().text())));
        SortedMap<String, String> files = new TreeMap<>();
        tree.files().forEach((path, text) -> files.put(path.value(), text));
        if (options.validation().schemaLocations().isEmpty()) {
            events.warn("no schema locations configured: the generated objects were not checked against schemas");
        }
        return new ValidationService().validate(TreeSource.inMemory(options.outputDirectory(), files), validation.build());
    }

    /**
     * Rolls back an interrupted earlier generate first, whatever the definition (a definition that
     * no longer renders must not leave a half-written tree behind), then renders, validates and writes.
     */
    public TreeWriter.Result generate(GitOpsSystem system, GenerateOptions options) throws IOException {
        TreeWriter writer = new TreeWriter(options.outputDirectory());
        if (writer.recover()) {
            events.warn(ROLLED_BACK);
        }
        GitOpsTree tree = render(system, options);
        TreeWriter.Result result = writer.write(tree, options.force());
        if (result.recovered()) {
            events.warn(ROLLED_BACK); // another one, interrupted while this one rendered
        }
        result.warnings().forEach(events::warn);
        events.info(String.format("%d files: %d created, %d updated, %d deleted, %d unchanged in %s",
                tree.size(), result.created(), result.updated(), result.deleted(), result.unchanged(),
                options.outputDirectory()));
        return result;
    }

    /** What differs between the tree on disk and the one the system generates (empty when up to date). */
    public List<String> check(GitOpsSystem system, GenerateOptions options) throws IOException {
        Optional<String> pending = new TreeWriter(options.outputDirectory()).pendingTransaction();
        if (pending.isPresent()) {
            return List.of(pending.get()); // comparing a half-written tree would only list its accidents
        }
        GitOpsTree tree = render(system, options);
        TreePlan plan = TreePlan.compute(options.outputDirectory(), tree, false);
        List<String> drift = new ArrayList<>();
        plan.conflicts().forEach(c -> drift.add(c.toString()));
        plan.changes().forEach(c -> drift.add(c.toString()));
        if (drift.isEmpty() && plan.ownershipChanged()) {
            drift.add(Ownership.FILE + " does not list the generated files");
        }
        return drift;
    }
}
