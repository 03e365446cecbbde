package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An overlay can break a Ceph layout that its base gets right; only the kustomize build shows it,
 * so the per-object Ceph rules must judge what each kustomization builds.
 */
class OverlayBuildRulesTest {

    @Test
    void daemonCountsPatchedByAnOverlayAreJudgedOnTheBuild() throws IOException {
        Kustomize.assumeAvailable();
        ValidationReport report = new ValidationService().validate(Path.of("src/test/resources/trees/ceph-overlay"),
                ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).kustomizeBuild(true).offline(true).build());

        assertThat(report.violations()).filteredOn(v -> v.severity() == Severity.ERROR)
                .extracting(v -> v.file() + " " + v.ruleId() + " " + v.jsonPointer() + " " + v.message())
                .containsExactlyInAnyOrder(
                        "overlays/large/kustomization.yaml (built) ceph-mon-count-exceeds-nodes /spec/mon/count"
                                + " cannot start 5 mons on 3 node(s) when allowMultiplePerNode is false",
                        "overlays/large/kustomization.yaml (built) ceph-mgr-count-exceeds-nodes /spec/mgr/count"
                                + " cannot start 4 mgrs on 3 node(s) when allowMultiplePerNode is false");
    }
}
