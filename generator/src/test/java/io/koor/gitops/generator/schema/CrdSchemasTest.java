package io.koor.gitops.generator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.generator.testing.SharedData;
import io.koor.gitops.generator.validate.ValidationReport;
import io.koor.gitops.generator.validate.ValidationService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tree that ships a CRD validates its custom resources with the schema the CRD declares. */
class CrdSchemasTest {

    @Test
    void customResourcesAreCheckedAgainstTheCrdInTheTree() throws IOException {
        ValidationReport report = new ValidationService().validate(Path.of("src/test/resources/trees/crd-in-tree"),
                new ValidationService.Options(SharedData.schemaLocations(), "1.32.0", true,
                        SchemaValidator.MissingSchemaPolicy.FAIL, false, false, false, List.of(), null, true));
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
                new ValidationService.Options(SharedData.schemaLocations(), "1.32.0", false,
                        SchemaValidator.MissingSchemaPolicy.SKIP, false, false, false, List.of(), null, true));
        assertThat(report.violations()).filteredOn(v -> v.severity() == Severity.ERROR).extracting(v -> v.resource())
                .containsExactly("Busybot/bots/greedy");
    }
}
