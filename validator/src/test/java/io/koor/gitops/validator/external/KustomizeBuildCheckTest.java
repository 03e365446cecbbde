package io.koor.gitops.validator.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.testing.Kustomize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed build says what kustomize said, not kubectl's log prefix. */
class KustomizeBuildCheckTest {

    /** kubectl 1.32 logs one-line errors quoted, as this run of kubectl kustomize on a duplicate resource did. */
    @Test
    void aOneLineErrorIsUnquoted() {
        String stderr = "E1202 01:24:03.582191   19178 run.go:72] \"command failed\" err=\"accumulating resources:"
                + " accumulation err='merging resources from 'cm2.yaml': may not add resource with an already registered id:"
                + " ConfigMap.v1.[noGrp]/x.[noNs]'\"\n";
        assertThat(KustomizeBuildCheck.reason(stderr)).isEqualTo("accumulating resources: accumulation err='merging"
                + " resources from 'cm2.yaml': may not add resource with an already registered id: ConfigMap.v1.[noGrp]/x.[noNs]'");
        assertThat(KustomizeBuildCheck.reason("E1 run.go:72] \"command failed\" err=\"invalid Kustomization: json:"
                + " unknown field \\\"foo\\\"\"")).isEqualTo("invalid Kustomization: json: unknown field \"foo\"");
    }

    /** klog writes a value with line breaks as {@code err=<}, its lines indented by a tab, then {@code >}. */
    @Test
    void aMultiLineErrorShowsItsFirstLines() {
        String stderr = "E1202 01:24:03.582191   19178 run.go:72] \"command failed\" err=<\n"
                + "\tmap[string]interface {}{\"kind\":\"ConfigMap\"}: missing metadata.name\n"
                + "\tin file cm.yaml\n"
                + " >\n";
        assertThat(KustomizeBuildCheck.reason(stderr))
                .isEqualTo("map[string]interface {}{\"kind\":\"ConfigMap\"}: missing metadata.name / in file cm.yaml");
        assertThat(KustomizeBuildCheck.reason("Error: accumulating resources: boom\n")).isEqualTo("accumulating resources: boom");
    }

    @Test
    void theRealBuildErrorReachesTheFinding(@TempDir Path tree) throws IOException {
        Kustomize.assumeAvailable();
        Files.writeString(tree.resolve("kustomization.yaml"), "resources:\n  - cm.yaml\n  - cm2.yaml\n");
        Files.writeString(tree.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: a\n");
        Files.writeString(tree.resolve("cm2.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: a\n");
        var report = new ValidationService().validate(tree, ValidationOptions.builder().kustomizeBuild(true).build());
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("kustomize-build-failed"))
                .singleElement().extracting(Violation::message).asString()
                .contains("may not add resource with an already registered id").doesNotContain("run.go").doesNotContain("command failed");
    }
}
