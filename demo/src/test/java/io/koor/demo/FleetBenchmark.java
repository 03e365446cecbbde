package io.koor.demo;

import io.koor.gitops.generator.GenerateOptions;
import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet benchmark (issue #8), run by {@code bench/fleet}, not by the test suite: N clusters of
 * the demo's shape rendered and validated through the one pipeline generate uses, in one process.
 * Prints one line: clusters, files, objects, milliseconds to render, to validate and in all, the
 * peak heap, and the error count (which must be 0).
 *
 * <p>Usage: {@code FleetBenchmark N SCHEMA_DIR}
 */
public final class FleetBenchmark {
    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path schemas = Path.of(args[1]);
        long start = System.nanoTime();
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            clusters.add(KoorDemoSystem.cluster(String.format("fleet-%03d", i), i % 2 == 0 ? KoorDemoSystem.STAGING : KoorDemoSystem.DEMO));
        }
        GitOpsSystem system = GitOpsSystem.of(clusters.toArray(Cluster[]::new));
        GitOpsTree tree = Layouts.render(system, "io.koor.demo.FleetBenchmark", PriceTable.snapshot2026());
        long rendered = System.nanoTime();
        Path out = Files.createTempDirectory("fleet");
        GenerateOptions options = GenerateOptions.builder(out, "io.koor.demo.FleetBenchmark").validation(
                ValidationOptions.builder().schemaLocations(List.of(
                        schemas + "/v1.32.0-standalone-strict/{{.ResourceKind}}{{.KindSuffix}}.json",
                        schemas + "/generated-rook-v1.20.6/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json",
                        schemas + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"))
                        .missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).build()).build();
        ValidationReport report = new GitOpsService(EventSink.SILENT).validate(system, tree, options);
        long validated = System.nanoTime();
        Files.delete(out);
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%d %d %d %d %d %d %d %d%n", n, tree.size(), report.objects(), (rendered - start) / 1_000_000,
                (validated - rendered) / 1_000_000, (validated - start) / 1_000_000, peakHeap / (1024 * 1024),
                report.count(Severity.ERROR));
    }
}
