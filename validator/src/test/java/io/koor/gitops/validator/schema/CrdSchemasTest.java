package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tree that ships a CRD validates its custom resources with the schema the CRD declares. */
class CrdSchemasTest {

    @Test
    void customResourcesAreCheckedAgainstTheCrdInTheTree() throws IOException {
        ValidationReport report = new ValidationService().validate(Path.of("src/test/resources/trees/crd-in-tree"),
                ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).offline(true).build());
        assertThat(report.notes()).contains("schema for demo.koor.io/v1 Busybot derived from the CRD at crd.yaml:1");
        assertThat(report.violations()).extracting(v -> v.resource() + " " + v.ruleId() + " " + v.message())
                .containsExactlyInAnyOrder(
                        "Busybot/bots/typo schema property 'writer' is not defined in the schema and the schema does not"
                                + " allow additional properties",
                        "Busybot/bots/greedy cel writers must not exceed maxWriters");
    }

    @Test
    void withoutStrictUnknownFieldsPass() throws IOException {
        ValidationReport report = new ValidationService().validate(Path.of("src/test/resources/trees/crd-in-tree"),
                ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).strict(false).offline(true).build());
        assertThat(report.violations()).filteredOn(v -> v.severity() == Severity.ERROR).extracting(v -> v.resource())
                .containsExactly("Busybot/bots/greedy");
    }

    /** A project's published CRD manifest as a schema location: its CRDs judge the tree's objects. */
    @Test
    void aCrdManifestGivenAsALocationChecksTheObjects(@TempDir Path dir) throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.copy(Path.of("src/test/resources/trees/crd-in-tree/bots.yaml"), tree.resolve("bots.yaml"));
        // the published CRDs are installed apart from the tree, as the reconcile check is told
        Files.createDirectory(tree.resolve(".gitops"));
        Files.writeString(tree.resolve(".gitops/external-apis.yaml"), "apis: [demo.koor.io]\nnamespaces: [bots]\n");
        String manifest = Path.of("src/test/resources/trees/crd-in-tree/crd.yaml").toAbsolutePath().toString();
        ValidationReport report = new ValidationService().validate(tree, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).schemaLocation(manifest)
                .missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).offline(true).build());
        assertThat(report.notes()).contains("schemas derived from 1 CRDs in " + manifest);
        assertThat(report.violations()).extracting(v -> v.resource() + " " + v.ruleId())
                .containsExactlyInAnyOrder("Busybot/bots/typo schema", "Busybot/bots/greedy cel");

        // without it, the kind has no schema: the manifest is what checked them
        ValidationReport without = new ValidationService().validate(tree, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                .offline(true).build());
        assertThat(without.violations()).extracting(v -> v.ruleId()).containsOnly("schema-missing");
    }

    @Test
    void aMissingCrdManifestIsAConfigurationError(@TempDir Path dir) {
        assertThatThrownBy(() -> new ValidationService().validate(dir, ValidationOptions.builder()
                .schemaLocation(dir.resolve("crds.yaml").toString()).build()))
                .isInstanceOf(io.koor.gitops.model.ConfigurationException.class)
                .hasMessageContaining("there is no schema file");
    }
}
