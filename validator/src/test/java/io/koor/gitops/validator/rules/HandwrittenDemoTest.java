package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tree written by hand the way the old demo repository was, with every defect found there.
 * Each must be caught, at its file and line.
 */
class HandwrittenDemoTest {
    static ValidationReport report;

    @BeforeAll
    static void validate() throws IOException {
        report = new ValidationService().validate(Path.of("src/test/resources/trees/handwritten-demo"),
                ValidationOptions.builder().build());
    }

    private static List<String> at(String rule) {
        return report.violations().stream().filter(v -> v.ruleId().equals(rule)).map(v -> v.file() + ":" + v.line()).toList();
    }

    @Test
    void chartVersionStar() {
        assertThat(at("helm-chart-version-unpinned")).containsExactly("infrastructure/rook/operator.yaml:11");
    }

    @Test
    void removedHelmApiBesideTheCurrentOne() {
        assertThat(at("flux-api-removed")).containsExactly("infrastructure/rook/operator.yaml:1");
    }

    @Test
    void operatorImageOnMasterThroughValuesFromConfigMap() {
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("image-tag-floating")).singleElement()
                .satisfies(v -> {
                    assertThat(v.file()).isEqualTo("infrastructure/rook/operator-config.yaml");
                    assertThat(v.message()).contains("docker.io/rook/ceph:master", "HelmRelease/rook-ceph/rook-ceph");
                });
    }

    @Test
    void cephClusterOwnedByAManifestAndAChartRelease() {
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("object-owned-twice")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("also created by HelmRelease",
                        "infrastructure/rook/cluster-release.yaml"));
    }

    @Test
    void operatorAndClusterChartsDisagree() {
        assertThat(at("rook-chart-versions-differ")).containsExactly("infrastructure/rook/cluster-release.yaml:11");
    }

    @Test
    void noOrderingBetweenRookAndItsUsers() {
        assertThat(at("rook-missing-dependson")).containsExactlyInAnyOrder(
                "infrastructure/rook/cluster-release.yaml:1",
                "infrastructure/storage/cephcluster.yaml:1",
                "infrastructure/storage/pools.yaml:1",
                "infrastructure/storage/pools.yaml:11");
        // the claim binds once Rook creates its class (Pending until then): a warning, not an error
        assertThat(at("ceph-claim-missing-dependson")).containsExactly("apps/wordpress.yaml:1");
    }

    @Test
    void cephLayoutsThatCannotPlaceTheirData() {
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("ceph-pool-size-exceeds-hosts")).singleElement()
                .satisfies(v -> {
                    assertThat(v.line()).isEqualTo(9);
                    assertThat(v.message()).isEqualTo(
                            "CephBlockPool replicapool: size 3 with failure domain host needs 3 hosts with OSDs, the cluster has 2");
                });
        assertThat(at("ceph-ec-exceeds-hosts")).containsExactly("infrastructure/storage/pools.yaml:18");
    }

    @Test
    void evenMonsUnsupportedCephAndAFloatingImage() {
        assertThat(at("ceph-mon-count-even")).containsExactly("infrastructure/rook/cluster-release.yaml:22");
        assertThat(at("ceph-allow-unsupported")).containsExactly("infrastructure/rook/cluster-release.yaml:20");
        assertThat(at("ceph-image-floating")).containsExactly("infrastructure/rook/cluster-release.yaml:19");
    }

    @Test
    void oneDrivePerStorageNode() {
        assertThat(at("ceph-drives-unequal")).containsExactly("infrastructure/storage/cephcluster.yaml:15");
    }

    /** No file creates the namespaces the objects live in: on an empty cluster none of them applies. */
    @Test
    void namespacesNothingCreates() {
        assertThat(at("namespace-missing")).containsExactlyInAnyOrder("apps/wordpress.yaml:5",
                "infrastructure/rook/cluster-release.yaml:5", "infrastructure/rook/operator-config.yaml:5",
                "infrastructure/rook/operator.yaml:5", "infrastructure/rook/repository.yaml:5",
                "infrastructure/storage/cephcluster.yaml:5", "infrastructure/storage/pools.yaml:5",
                "infrastructure/storage/pools.yaml:15");
        // the storage Kustomization does not wait for the one installing Rook's CRDs
        assertThat(at("apply-order-unspecified")).containsExactlyInAnyOrder("infrastructure/storage/cephcluster.yaml:1",
                "infrastructure/storage/pools.yaml:1", "infrastructure/storage/pools.yaml:11");
    }

    @Test
    void theSummaryCountsObjectsAndTheTreeFails() {
        assertThat(report.objects()).isEqualTo(11);
        assertThat(report.failedObjects()).isEqualTo(8);
        assertThat(report.fails(Severity.ERROR)).isTrue();
        assertThat(report.summary()).startsWith("12 files, 11 objects: 3 passed, 8 failed; 17 errors, 12 warnings");
        assertThat(report.violations()).extracting(Violation::hint).allMatch(h -> !h.isBlank());
    }
}
