package io.koor.gitops.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.schema.SchemaValidator.MissingSchemaPolicy;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitOpsServiceTest {
    @TempDir
    Path out;
    private final List<String> warnings = new ArrayList<>();
    private final GitOpsService service = new GitOpsService(new EventSink() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    });

    private GenerateOptions config(List<String> locations, MissingSchemaPolicy policy) {
        return GenerateOptions.builder(out, "test.Definition")
                .validation(ValidationOptions.builder().schemaLocations(locations).missingSchemas(policy).build()).build();
    }

    @Test
    void aTreeWithSchemaErrorsIsNeverWritten() {
        // Only the core schemas: every Rook and Flux object lacks one, which the FAIL policy makes an error.
        List<String> coreOnly = List.of(SharedData.schemas().toString());
        assertThatThrownBy(() -> service.generate(TestSystems.oneCluster(), config(coreOnly, MissingSchemaPolicy.FAIL)))
                .isInstanceOf(TreeValidationException.class)
                .hasMessageContaining("nothing was written")
                .satisfies(e -> assertThat(((TreeValidationException) e).report().violations())
                        .extracting(Violation::toString)
                        .anyMatch(v -> v.contains("[schema-missing] CephCluster/rook-ceph/rook-ceph")));
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void missingSchemasUnderTheSkipPolicyAreNotedNotFatal() throws IOException {
        List<String> coreOnly = List.of(SharedData.schemas().toString());
        service.generate(TestSystems.oneCluster(), config(coreOnly, MissingSchemaPolicy.SKIP));
        assertThat(out.resolve("clusters/lab/apps.yaml")).exists();
        assertThat(warnings).anyMatch(w -> w.contains("note [schema-missing] HelmRelease/rook-ceph/rook-ceph"));
    }

    @Test
    void withoutSchemaLocationsItSaysSchemasWereNotCheckedAndStillRunsTheRules() throws IOException {
        service.generate(TestSystems.oneCluster(), config(List.of(), MissingSchemaPolicy.FAIL));
        assertThat(warnings).first().isEqualTo(
                "no schema locations configured: the generated objects were not checked against schemas");
        // the same semantic rules validate runs: three storage hosts are below what production wants
        assertThat(warnings).anyMatch(w -> w.contains("warning [ceph-few-storage-nodes] CephCluster/rook-ceph/rook-ceph"));
    }

    @Test
    void checkListsEveryDriftingFile() throws IOException {
        GenerateOptions config = config(SharedData.schemaLocations(), MissingSchemaPolicy.FAIL);
        assertThat(service.check(TestSystems.oneCluster(), config)).hasSize(32).allMatch(d -> d.endsWith("is missing"));
        service.generate(TestSystems.oneCluster(), config);
        assertThat(service.check(TestSystems.oneCluster(), config)).isEmpty();

        Files.writeString(out.resolve("clusters/lab/apps.yaml"), "edited: true\n");
        Files.delete(out.resolve("apps/lab/kustomization.yaml"));
        assertThat(service.check(TestSystems.oneCluster(), config)).containsExactly(
                "clusters/lab/apps.yaml: was edited by hand since it was generated; move the change into the"
                        + " definition, or regenerate with force to discard it",
                "apps/lab/kustomization.yaml is missing");
    }

    /** An interrupted deletion of clusters/lab/apps.yaml, as a killed generate leaves it: the file moved aside, the journal kept. */
    private void interruptDeletingApps() throws IOException {
        Path aside = out.resolve(".gitops/tx-interrupted/old/clusters/lab/apps.yaml");
        Files.createDirectories(aside.getParent());
        Files.move(out.resolve("clusters/lab/apps.yaml"), aside);
        Files.writeString(out.resolve(".gitops/transaction"), "tx-interrupted\nDELETE clusters/lab/apps.yaml\n");
    }

    @Test
    void checkReportsAnInterruptedGenerateAndHowToFinishIt() throws IOException {
        GenerateOptions config = config(SharedData.schemaLocations(), MissingSchemaPolicy.FAIL);
        service.generate(TestSystems.oneCluster(), config);
        interruptDeletingApps();

        assertThat(service.check(TestSystems.oneCluster(), config)).singleElement().asString()
                .startsWith(".gitops/transaction: a generate was interrupted")
                .contains("run generate again: it first rolls the interrupted one back");
        assertThat(out.resolve(".gitops/transaction")).exists(); // check only looks
    }

    @Test
    void generateRollsBackAnInterruptedOneEvenWhenTheDefinitionIsInvalid() throws IOException {
        GenerateOptions config = config(SharedData.schemaLocations(), MissingSchemaPolicy.FAIL);
        service.generate(TestSystems.oneCluster(), config);
        String apps = Files.readString(out.resolve("clusters/lab/apps.yaml"));
        interruptDeletingApps();

        List<String> coreOnly = List.of(SharedData.schemas().toString());
        assertThatThrownBy(() -> service.generate(TestSystems.oneCluster(), config(coreOnly, MissingSchemaPolicy.FAIL)))
                .isInstanceOf(TreeValidationException.class);

        assertThat(warnings).contains("an interrupted earlier generate was rolled back before this one started");
        assertThat(Files.readString(out.resolve("clusters/lab/apps.yaml"))).isEqualTo(apps);
        assertThat(service.check(TestSystems.oneCluster(), config)).isEmpty();
    }
}
