package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ReportFormat;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths no file system allows (a NUL inside a YAML string) are findings like any wrong path, not a
 * rule that "could not run" or a validation that stops; and the text report never prints control
 * characters from the tree to a terminal.
 */
class HostilePathsTest {

    @Test
    void pathsWithANulAreReportedMissing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("clusters/demo"));
        Files.writeString(dir.resolve("clusters/demo/sync.yaml"), """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: weird
                  namespace: flux-system
                spec:
                  interval: 10m
                  path: "./a\\0b"
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                """);
        Files.createDirectories(dir.resolve("k"));
        Files.writeString(dir.resolve("k/kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - "a\\0b.yaml"
                  - "\\e[31mred.yaml"
                """);

        ValidationReport report = new ValidationService().validate(dir, ValidationOptions.builder().build());

        assertThat(report.violations()).extracting(Violation::resource).doesNotContain("(validator)");
        assertThat(report.violations()).extracting(Violation::ruleId)
                .contains("kustomization-path-missing", "kustomize-resource-missing");
        assertThat(report.violations()).noneMatch(v -> v.message().contains("could not run"));
        String text = ReportFormat.TEXT.render(report);
        assertThat(text).doesNotContain("\u0000").doesNotContain("\u001b").contains("\\u0000", "\\u001b[31mred.yaml");
    }

    @Test
    void apiVersionsAndKindsThatWouldNameOtherFilesAreRefusedBeforeAnySchemaLookup(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("odd.yaml"), """
                apiVersion: v1
                kind: ../../../../../../etc/passwd
                metadata:
                  name: a
                ---
                apiVersion: "apps/v1\\0"
                kind: Deployment
                metadata:
                  name: b
                """);
        ValidationReport report = new ValidationService().validate(dir, ValidationOptions.builder().schemaLocations(io.koor.gitops.validator.testing.SharedData.schemaLocations()).build());
        assertThat(report.violations())
                .filteredOn(v -> v.ruleId().equals(io.koor.gitops.validator.schema.SchemaValidator.SCHEMA.id()))
                .extracting(Violation::jsonPointer, v -> v.message().replaceFirst("'.*'", "'…'"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/kind", "kind '…' is not a Kubernetes kind name"),
                        org.assertj.core.groups.Tuple.tuple("/apiVersion", "apiVersion '…' is not a Kubernetes group/version"));
    }
}
