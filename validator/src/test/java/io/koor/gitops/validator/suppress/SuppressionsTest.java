package io.koor.gitops.validator.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {
    @TempDir
    Path root;

    private static final String POOL = """
            apiVersion: ceph.rook.io/v1
            kind: CephBlockPool
            metadata:
              name: scratch
              namespace: rook-ceph
              annotations:
                ignore.gitops.koor.io/ceph-pool-size-one: "%s"
            spec:
              failureDomain: osd
              replicated:
                size: 1
                requireSafeReplicaSize: false
            """;

    private ValidationReport validate() throws IOException {
        return new ValidationService().validate(root, ValidationOptions.builder().build());
    }

    @Test
    void anAnnotationWithAReasonSuppressesThatRuleOnThatObject() throws IOException {
        Files.writeString(root.resolve("pool.yaml"), POOL.formatted("throw-away benchmark pool"));
        ValidationReport report = validate();
        assertThat(report.violations()).noneMatch(v -> v.ruleId().equals("ceph-pool-size-one"));
        assertThat(report.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.violation().ruleId()).isEqualTo("ceph-pool-size-one");
            assertThat(s.reason()).isEqualTo("throw-away benchmark pool");
        });
    }

    @Test
    void anAnnotationWithoutAReasonSuppressesNothingAndSaysSo() throws IOException {
        Files.writeString(root.resolve("pool.yaml"), POOL.formatted(""));
        ValidationReport report = validate();
        assertThat(report.violations()).extracting(v -> v.ruleId())
                .contains("ceph-pool-size-one", "suppression-without-reason");
        assertThat(report.suppressed()).isEmpty();
    }

    @Test
    void theRepositoryConfigSuppressesByRuleAndFileGlob() throws IOException {
        Files.createDirectories(root.resolve("legacy"));
        String floating = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: old\n  namespace: a\n"
                + "spec:\n  chart:\n    spec:\n      chart: old\n      version: '*'\n      sourceRef:\n        kind: HelmRepository\n"
                + "        name: r\n";
        Files.writeString(root.resolve("legacy/hr.yaml"), floating);
        Files.writeString(root.resolve("hr.yaml"), floating.replace("name: old", "name: new"));
        Files.writeString(root.resolve(Suppressions.CONFIG_FILE), """
                ignore:
                  - rule: helm-chart-version-unpinned
                    files: legacy/**
                    reason: the legacy charts are pinned by their own CI
                """);
        ValidationReport report = validate();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("helm-chart-version-unpinned"))
                .extracting(v -> v.file()).containsExactly("hr.yaml");
        assertThat(report.suppressed()).extracting(s -> s.violation().file()).containsExactly("legacy/hr.yaml");
    }

    @Test
    void aBrokenConfigIsAnError() throws IOException {
        Files.writeString(root.resolve(Suppressions.CONFIG_FILE), "ignore:\n  - rule: x\n");
        assertThat(validate().violations()).anySatisfy(v -> {
            assertThat(v.ruleId()).isEqualTo("config-invalid");
            assertThat(v.message()).contains("needs both 'rule' and 'reason'");
        });
    }
}
