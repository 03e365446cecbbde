package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
