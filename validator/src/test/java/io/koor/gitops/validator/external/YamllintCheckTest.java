package io.koor.gitops.validator.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** yamllint's findings in the report: parsed from its output, and for real when it is installed. */
class YamllintCheckTest {

    @Test
    void parsableLinesBecomeFindingsAtTheirLines() {
        List<Violation> found = YamllintCheck.parse("""
                apps/a.yaml:3:81: [error] line too long (128 > 80 characters) (line-length)
                ./apps/b.yaml:1:1: [warning] missing document start "---" (document-start)
                something yamllint printed that is not a finding
                """);
        assertThat(found).extracting(Violation::file, Violation::line, Violation::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apps/a.yaml", 3, Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("apps/b.yaml", 1, Severity.WARNING));
        assertThat(found.get(0).message()).isEqualTo("line too long (128 > 80 characters) (line-length) at column 81");
    }

    @Test
    void theTreesOwnConfigurationDecides(@TempDir Path dir) throws IOException {
        assumeTrue(ProcessRunner.which("yamllint").isPresent(), "yamllint is not installed");
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
                + "data:\n  k: v   \n");
        ValidationOptions options = ValidationOptions.builder().schemaLocations(List.of()).offline(true).yamllint(true).build();
        ValidationReport report = new ValidationService().validate(dir, options);
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals(YamllintCheck.YAMLLINT.id()))
                .extracting(Violation::file, Violation::line, v -> v.message().replaceFirst(" \\(.*", ""))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cm.yaml", 1, "missing document start \"---\""),
                        org.assertj.core.groups.Tuple.tuple("cm.yaml", 6, "trailing spaces"));

        Files.writeString(dir.resolve(".yamllint"), "extends: default\nrules:\n  document-start: disable\n");
        report = new ValidationService().validate(dir, options);
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals(YamllintCheck.YAMLLINT.id())).extracting(Violation::line)
                .containsExactly(6);

        Files.writeString(dir.resolve(".yamllint"), "extends: no-such-configuration\n");
        report = new ValidationService().validate(dir, options);
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals(YamllintCheck.YAMLLINT.id())).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("yamllint could not run"));
    }
}
