package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ReportFormat;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pull request can point at beyond the checkout: kustomization entries leaving the tree
 * or fetched from the network, and symbolic links. Nothing outside the tree is ever read, so no
 * report (SARIF in pull-request CI included) can carry its content; every such path is said.
 */
class OutsideTheTreeTest {
    private static final String SECRET = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: leaked
              namespace: default
            stringData:
              password: hunter2-outside
            """;

    @TempDir
    Path work;
    Path tree;
    Path outside;

    @BeforeEach
    void layout() throws IOException {
        tree = Files.createDirectories(work.resolve("repo"));
        outside = Files.createDirectories(work.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.yaml"), SECRET);
    }

    private ValidationReport validate() throws IOException {
        return new ValidationService().validate(tree, ValidationOptions.builder().build());
    }

    private void file(String path, String text) throws IOException {
        Path p = tree.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void kustomizationEntriesOutsideTheTreeAreErrorsAtTheirLine() throws IOException {
        file("apps/web/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - cm.yaml
                  - ../../../etc/passwd
                  - /etc/passwd
                patches:
                  - path: ../../../elsewhere/secret.yaml
                """);
        file("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n");
        ValidationReport report = validate();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("kustomize-resource-outside-tree"))
                .extracting(v -> v.line() + " " + v.jsonPointer() + " " + v.severity())
                .containsExactly("5 /resources/1 ERROR", "6 /resources/2 ERROR", "8 /patches/0/path ERROR");
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("kustomize-resource-outside-tree"))
                .allSatisfy(v -> assertThat(v.message()).contains("is outside the repository", "load restrictor",
                        "it was not read"));
        assertThat(ReportFormat.SARIF.render(report)).doesNotContain("root:").doesNotContain("hunter2");
    }

    /** kustomize clones git URLs and GETs HTTP files when it builds (examples/remoteBuild.md). */
    @Test
    void remoteEntriesAreNotesSayingWhatIsNotChecked() throws IOException {
        file("kustomization.yaml", """
                resources:
                  - https://github.com/kubernetes-sigs/kustomize//examples/multibases/dev/?ref=v3.3.1
                  - https://raw.githubusercontent.com/example/app/v1.0.0/deploy.yaml
                """);
        ValidationReport report = validate();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("kustomize-remote-resource"))
                .hasSize(2).allSatisfy(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.NOTE);
                    assertThat(v.message()).contains("is remote", "not checked here");
                });
        assertThat(report.violations()).extracting(Violation::line).containsExactly(2, 3);
    }

    @Test
    void symlinkedDirectoriesInsideTheTreeAreRead() throws IOException {
        file("base/secret.yaml", SECRET.replace("hunter2-outside", "inside"));
        Files.createSymbolicLink(tree.resolve("linked"), tree.resolve("base"));
        ValidationReport report = validate();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("secret-plaintext"))
                .extracting(Violation::file).containsExactly("base/secret.yaml", "linked/secret.yaml");
    }

    @Test
    void symlinksLeavingTheTreeAreNeverReadAndSaidSo() throws IOException {
        Files.createSymbolicLink(tree.resolve("outside-dir"), outside);
        Files.createSymbolicLink(tree.resolve("outside.yaml"), outside.resolve("secret.yaml"));
        Files.createSymbolicLink(tree.resolve("dangling.yaml"), tree.resolve("nothing.yaml"));
        Files.createDirectories(tree.resolve("loop"));
        Files.createSymbolicLink(tree.resolve("loop/again"), tree.resolve("loop"));
        ValidationReport report = validate();
        assertThat(report.objects()).isZero();
        assertThat(report.notes()).contains(
                "skipped outside-dir/: a symbolic link to a directory outside the tree, not read",
                "skipped outside.yaml: a symbolic link to a file outside the tree, not read",
                "skipped dangling.yaml: a symbolic link to nothing, not read",
                "skipped loop/again: a symbolic link that loops back to a directory above it, not read");
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(format.render(report)).doesNotContain("hunter2");
        }
    }

    @Test
    void theTreeSourceSeesNothingBeyondTheRoot() throws IOException {
        Files.createSymbolicLink(tree.resolve("outside.yaml"), outside.resolve("secret.yaml"));
        TreeSource source = TreeSource.directory(tree);
        assertThat(source.text("outside.yaml")).isEmpty();
        assertThat(source.text("../elsewhere/secret.yaml")).isEmpty();
        assertThat(source.exists(outside.resolve("secret.yaml").toString())).isFalse();
    }
}
