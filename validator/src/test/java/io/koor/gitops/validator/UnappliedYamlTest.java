package io.koor.gitops.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.TreeSource;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A file that is not YAML is an error where something applies it, and a warning where a tree's Flux
 * Kustomizations say what is applied and none reaches it (the shape of ricsanfre/pi-cluster's boilerplate/, a
 * generator's templates beside the clusters' tree). Without appliers, every file counts as applied.
 */
class UnappliedYamlTest {
    private static final String FLUX = """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
            spec:
              interval: 10m
              path: ./apps
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
            """;
    private static final String TEMPLATE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .app_namespace }}\n";

    private static ValidationReport validate(Map<String, String> files) throws IOException {
        return new ValidationService().validate(TreeSource.inMemory(Path.of("/tree"), new TreeMap<>(files)),
                ValidationOptions.builder().build());
    }

    private static Violation yamlInvalid(ValidationReport report, String file) {
        return report.violations().stream().filter(v -> v.ruleId().equals("yaml-invalid") && v.file().equals(file))
                .findFirst().orElseThrow();
    }

    @Test
    void notYamlWhereNothingAppliesItIsAWarning() throws IOException {
        ValidationReport report = validate(Map.of("clusters/prod/apps.yaml", FLUX,
                "apps/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n",
                "apps/broken.yaml", TEMPLATE, "boilerplate/app/ns.yaml", TEMPLATE));
        assertThat(yamlInvalid(report, "apps/broken.yaml").severity()).as("applied by Kustomization apps").isEqualTo(Severity.ERROR);
        Violation unapplied = yamlInvalid(report, "boilerplate/app/ns.yaml");
        assertThat(unapplied.severity()).isEqualTo(Severity.WARNING);
        assertThat(unapplied.message()).contains("not valid YAML", "no Flux Kustomization or Argo CD Application applies this file");
    }

    @Test
    void withoutAppliersEveryFileCountsAsApplied() throws IOException {
        ValidationReport report = validate(Map.of("boilerplate/app/ns.yaml", TEMPLATE));
        assertThat(yamlInvalid(report, "boilerplate/app/ns.yaml").severity()).isEqualTo(Severity.ERROR);
    }
}
