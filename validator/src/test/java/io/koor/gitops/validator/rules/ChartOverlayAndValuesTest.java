package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two defect classes a base tree hides, judged without a kustomize build: a chart version an
 * overlay's patch sets (the shape of fluxcd/flux2-kustomize-helm-example's apps/production, a patch
 * file selected by target, and a JSON 6902 patch), and an operator image tag read through
 * {@code valuesFrom} (a ConfigMap a configMapGenerator makes, and a Secret with {@code targetPath}).
 */
class ChartOverlayAndValuesTest {
    private static final Path TREE = Path.of("src/test/resources/trees/chart-overlay-and-values");

    private static ValidationReport report() throws IOException {
        return new ValidationService().validate(TREE, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).offline(true).build());
    }

    @Test
    void aChartVersionAnOverlayPatchesInIsTheOneJudged() throws IOException {
        ValidationReport report = report();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("rook-chart-versions-differ"))
                .extracting(v -> v.file() + " " + v.message())
                .containsExactly("infrastructure/production/cluster-version.yaml rook-ceph-cluster v1.19.10 but the operator"
                        + " chart rook-ceph is v1.20.6 (infrastructure/base/rook-ceph/operator.yaml:1)");
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("helm-chart-version-unpinned"))
                .extracting(v -> v.file() + " " + v.jsonPointer() + " " + v.message())
                .containsExactly("infrastructure/staging/kustomization.yaml /patches/0/patch chart rook-ceph version"
                        + " '>=1.20.0' floats (set by an overlay's patch of HelmRelease/rook-ceph/rook-ceph in"
                        + " infrastructure/base/rook-ceph/operator.yaml): every chart release is installed without review");
    }

    @Test
    void anImageTagReadThroughValuesFromFloats() throws IOException {
        assertThat(report().violations()).filteredOn(v -> v.ruleId().equals("image-tag-floating"))
                .extracting(v -> v.file() + " " + v.jsonPointer() + " " + v.message())
                .containsExactly("infrastructure/staging/operator-image.yaml /data/tag/image/tag image (the chart's image):master"
                        + " in the values of HelmRelease HelmRelease/rook-ceph/rook-ceph floats");
    }
}
