package io.koor.gitops.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.schema.SchemaValidator.MissingSchemaPolicy;
import io.koor.gitops.generator.testing.SharedData;
import io.koor.gitops.generator.testing.TestSystems;
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

    private GitOpsService.Config config(List<String> locations, MissingSchemaPolicy policy) {
        return new GitOpsService.Config(out, "test.Definition", locations, policy, false);
    }

    @Test
    void aTreeWithSchemaErrorsIsNeverWritten() {
        // Only the core schemas: every Rook and Flux object lacks one, which the FAIL policy makes an error.
        List<String> coreOnly = List.of(SharedData.schemas().toString());
        assertThatThrownBy(() -> service.generate(TestSystems.oneCluster(), config(coreOnly, MissingSchemaPolicy.FAIL)))
                .isInstanceOf(TreeValidationException.class)
                .hasMessageContaining("nothing was written")
                .hasMessageContaining("[schema-missing] CephCluster/rook-ceph/rook-ceph");
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
    void withoutSchemaLocationsItSaysSchemasWereNotChecked() throws IOException {
        service.generate(TestSystems.oneCluster(), config(List.of(), MissingSchemaPolicy.FAIL));
        assertThat(warnings).containsExactly(
                "no schema locations configured: the generated objects were not checked against schemas");
    }

    @Test
    void checkListsEveryDriftingFile() throws IOException {
        GitOpsService.Config config = config(SharedData.schemaLocations(), MissingSchemaPolicy.FAIL);
        assertThat(service.check(TestSystems.oneCluster(), config)).hasSize(22).allMatch(d -> d.endsWith("is missing"));
        service.generate(TestSystems.oneCluster(), config);
        assertThat(service.check(TestSystems.oneCluster(), config)).isEmpty();

        Files.writeString(out.resolve("clusters/lab/apps.yaml"), "edited: true\n");
        Files.delete(out.resolve("apps/lab/kustomization.yaml"));
        assertThat(service.check(TestSystems.oneCluster(), config)).containsExactly(
                "clusters/lab/apps.yaml: was edited by hand since it was generated; move the change into the"
                        + " definition, or regenerate with force (-Dgitops.force) to discard it",
                "apps/lab/kustomization.yaml is missing");
    }
}
