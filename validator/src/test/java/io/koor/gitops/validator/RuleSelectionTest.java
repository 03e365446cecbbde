package io.koor.gitops.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Rule selection as kube-linter does it: every check by default, --disable drops, --schema-only starts bare, --enable adds. */
class RuleSelectionTest {
    private static final Path HANDWRITTEN = Path.of("src/test/resources/trees/handwritten-demo");

    private static Set<String> rulesFound(RuleSelection selection) throws IOException {
        ValidationReport report = new ValidationService().validate(HANDWRITTEN, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).rules(selection).build());
        return report.violations().stream().map(Violation::ruleId).collect(Collectors.toSet());
    }

    @Test
    void everyCheckRunsByDefault() throws IOException {
        Set<String> all = rulesFound(RuleSelection.ALL);
        assertThat(all).contains("ceph-pool-size-exceeds-hosts", "object-owned-twice", "helm-chart-version-unpinned");
        assertThat(rulesFound(RuleSelection.of(List.of(), List.of(), false))).isEqualTo(all);
    }

    @Test
    void disabledChecksNeitherRunNorReport() throws IOException {
        Set<String> all = rulesFound(RuleSelection.ALL);
        Set<String> fewer = rulesFound(RuleSelection.of(List.of(), List.of("ceph-pool-size-exceeds-hosts,object-owned-twice"),
                false));
        assertThat(fewer).doesNotContain("ceph-pool-size-exceeds-hosts", "object-owned-twice");
        assertThat(all).containsAll(fewer).hasSize(fewer.size() + 2);
    }

    @Test
    void schemaOnlyKeepsTheReadingAndSchemaChecksAndEnableAddsARuleBack() throws IOException {
        Set<String> all = rulesFound(RuleSelection.ALL);
        Set<String> schemaOnly = rulesFound(RuleSelection.of(List.of(), List.of(), true));
        Set<String> nonSemantic = all.stream().filter(RuleSelection.of(List.of(), List.of(), true)::runs)
                .collect(Collectors.toSet());
        assertThat(schemaOnly).isEqualTo(nonSemantic).doesNotContain("ceph-pool-size-exceeds-hosts");
        assertThat(rulesFound(RuleSelection.of(List.of("ceph-pool-size-exceeds-hosts"), List.of(), true)))
                .containsAll(schemaOnly).contains("ceph-pool-size-exceeds-hosts").hasSize(schemaOnly.size() + 1);
    }

    @Test
    void theReadingAndSchemaChecksAreNotSemantic() {
        RuleSelection schemaOnly = RuleSelection.of(List.of(), List.of(), true);
        assertThat(schemaOnly.runs("schema")).isTrue();
        assertThat(schemaOnly.runs("yaml-invalid")).isTrue();
        assertThat(schemaOnly.runs("ceph-pool-size-exceeds-hosts")).isFalse();
        assertThat(schemaOnly.anySemantic()).isFalse();
        assertThat(RuleSelection.of(List.of(), List.of("schema"), true).runs("schema")).isFalse();
    }

    @Test
    void anUnknownIdNamesTheCloseOnes() {
        assertThatThrownBy(() -> RuleSelection.of(List.of(), List.of("ceph-pool-size-exceed-host"), false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("disable=ceph-pool-size-exceed-host: no check has this id; did you mean"
                        + " ceph-pool-size-exceeds-hosts")
                .hasMessageContaining("./gitops rules lists every id");
        assertThatThrownBy(() -> RuleSelection.of(List.of("owned-twice"), List.of(), true))
                .hasMessageContaining("enable=owned-twice").hasMessageContaining("object-owned-twice");
        assertThatThrownBy(() -> RuleSelection.of(List.of("zzzzzzzzzzzzzzzzzzzzzzzz"), List.of(), true))
                .hasMessage("enable=zzzzzzzzzzzzzzzzzzzzzzzz: no check has this id; ./gitops rules lists every id");
    }

    @Test
    void anIdBothEnabledAndDisabledIsRefused() {
        assertThatThrownBy(() -> RuleSelection.of(List.of("object-owned-twice"), List.of("object-owned-twice"), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("disable=object-owned-twice: the rule is also enabled");
    }

    /**
     * A schema-only run checks each object as it is read and keeps only its identity: it must find
     * exactly what a full run finds of those checks, at the same lines, on every fixture tree (CRDs
     * in the tree, kustomize patches that are not objects, SOPS files, overlays).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"applied", "ceph-overlay", "crd-in-tree",
            "crd-without-object-meta", "flux-example", "gateway-api-examples", "handwritten-demo", "rook-examples",
            "sops-encrypted"})
    void schemaOnlyFindsWhatAFullRunFindsOfItsChecks(String name) throws IOException {
        Path tree = Path.of("src/test/resources/trees", name);
        ValidationOptions.Builder options = ValidationOptions.builder().schemaLocations(SharedData.schemaLocations());
        RuleSelection schemaOnly = RuleSelection.of(List.of(), List.of(), true);
        ValidationReport full = new ValidationService().validate(tree, options.build());
        ValidationReport streamed = new ValidationService().validate(tree, options.rules(schemaOnly).build());
        assertThat(streamed.violations()).isEqualTo(full.violations().stream().filter(v -> schemaOnly.runs(v.ruleId()))
                .toList());
        assertThat(streamed.summary()).as("the same files and objects")
                .startsWith(full.summary().substring(0, full.summary().indexOf(':') + 1));
    }
}
