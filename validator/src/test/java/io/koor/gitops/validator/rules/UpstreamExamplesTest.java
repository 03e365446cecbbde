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
 * Trees laid out like the upstream examples people copy (Rook's deploy/examples, the Flux
 * kustomize-helm example) are deployable as they are, so they must produce no error; their
 * version ranges and test-grade settings are warnings.
 */
class UpstreamExamplesTest {

    private static ValidationReport validate(String tree) throws IOException {
        Kustomize.assumeAvailable();
        return new ValidationService().validate(Path.of("src/test/resources/trees", tree), ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).kustomizeBuild(true).offline(true).build());
    }

    @Test
    void rookProductionExamplesHaveNoErrors() throws IOException {
        ValidationReport report = validate("rook-examples");
        assertThat(report.violations()).filteredOn(v -> v.severity() == Severity.ERROR).isEmpty();
        assertThat(report.objects()).isEqualTo(8);
        // useAllNodes: the validator cannot count hosts, so it stays silent about sizes instead of guessing
        assertThat(report.violations()).noneMatch(v -> v.ruleId().startsWith("ceph-pool-size"));
    }

    @Test
    void fluxKustomizeHelmExampleHasNoErrorsOnlyRangeWarnings() throws IOException {
        ValidationReport report = validate("flux-example");
        assertThat(report.violations()).filteredOn(v -> v.severity() == Severity.ERROR).isEmpty();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("helm-chart-version-unpinned"))
                .extracting(v -> v.file() + " " + v.message().replaceFirst(":.*", "")).containsExactlyInAnyOrder(
                        "infrastructure/controllers/cert-manager.yaml chart cert-manager version '1.x' floats",
                        // the base has none, and the production overlay's patch sets a range: the rules judge the
                        // version production installs, and so does the build of each kustomization
                        "apps/production/podinfo-values.yaml chart podinfo version '>=1.0.0' floats (set by an overlay's patch"
                                + " of HelmRelease/podinfo/podinfo in apps/base/podinfo/release.yaml)",
                        "apps/base/podinfo/kustomization.yaml (built) chart podinfo has no version",
                        "apps/production/kustomization.yaml (built) chart podinfo version '>=1.0.0' floats");
        assertThat(report.notes()).contains(
                "skipped apps/production/podinfo-values.yaml: read by a kustomization as a patch or generator input, not applied alone");
    }
}
