package io.koor.gitops.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate and validate are one pipeline: what generate finds in memory before it writes is what
 * validate reports for the same tree on disk, rules, suppressions and the repository's settings
 * included. (A definition the model accepts renders a tree no semantic rule refuses: the model and
 * the rules share CephLayout, and the model refuses the rest. So the refusal is provoked through the
 * repository's own validation settings, which only the one pipeline reads.)
 */
class OnePipelineTest {
    private static final String DEFINITION = "test.Definition";

    private static ValidationOptions options() {
        return ValidationOptions.builder().schemaLocations(SharedData.schemaLocations())
                .missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).build();
    }

    private static List<String> described(List<Violation> violations) {
        return violations.stream().map(Violation::toString).toList();
    }

    private static void write(GitOpsTree tree, Path dir) throws IOException {
        for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
            Path path = file.getKey().resolveAgainst(dir);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    @Test
    void anErrorBeyondTheSchemasRefusesTheWriteAndValidateReportsTheSameFindings(@TempDir Path out, @TempDir Path copy)
            throws IOException {
        String settings = "ignore:\n  - rule: ceph-few-storage-nodes\n";   // no reason: refused
        Files.writeString(out.resolve(".gitops-validate.yaml"), settings);
        GitOpsSystem system = TestSystems.oneCluster();
        ValidationOptions validation = options(); // outside the lambda: without ../shared it skips, not fails
        TreeValidationException refused = catchThrowableOfType(() -> new GitOpsService(EventSink.SILENT).generate(system,
                GenerateOptions.builder(out, DEFINITION).validation(validation).build()), TreeValidationException.class);

        assertThat(refused).as("generate refuses the tree").isNotNull();
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing was written").containsExactly(
                    ".gitops-validate.yaml");
        }
        assertThat(refused.report().violations()).filteredOn(v -> v.severity() == Severity.ERROR)
                .extracting(Violation::ruleId).containsExactly("config-invalid");

        write(Layouts.render(system, DEFINITION, PriceTable.snapshot2026()), copy);
        Files.writeString(copy.resolve(".gitops-validate.yaml"), settings);
        ValidationReport onDisk = new ValidationService().validate(copy, options());
        assertThat(described(onDisk.violations())).isEqualTo(described(refused.report().violations()));
        assertThat(onDisk.summary()).isEqualTo(refused.report().summary());
    }

    @Test
    void theFindingsOfACleanTreeAreTheSameInMemoryAndOnDisk(@TempDir Path out, @TempDir Path copy) throws IOException {
        GitOpsService service = new GitOpsService(EventSink.SILENT);
        GenerateOptions generate = GenerateOptions.builder(out, DEFINITION).validation(options()).build();
        GitOpsSystem system = GitOpsSystem.of(TestSystems.full("full"), TestSystems.cluster("lab", 3, "v1.20.6"));
        GitOpsTree tree = Layouts.render(system, DEFINITION, PriceTable.snapshot2026());
        ValidationReport inMemory = service.validate(system, tree, generate);
        write(tree, copy);
        ValidationReport onDisk = new ValidationService().validate(copy, options());

        assertThat(inMemory.violations()).as("warnings of a real tree").isNotEmpty();
        assertThat(described(onDisk.violations())).isEqualTo(described(inMemory.violations()));
        assertThat(onDisk.notes()).isEqualTo(inMemory.notes());
    }
}
