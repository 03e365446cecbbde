package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule has a tree under {@code src/test/resources/rules/<rule-id>/} where it fires
 * ({@code fires/}) and one where the same setup, done right, does not ({@code passes/}).
 */
class RuleFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/rules");

    static Stream<Rule> rules() {
        return RuleSet.all().stream();
    }

    static List<Violation> findings(Path tree, String ruleId) throws IOException {
        ValidationReport report = new ValidationService().validate(tree, ValidationOptions.builder().build());
        return report.violations().stream().filter(v -> v.ruleId().equals(ruleId)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void firesOnItsFixture(Rule rule) throws IOException {
        Path fires = FIXTURES.resolve(rule.id()).resolve("fires");
        assertThat(fires).as("every rule needs a fixture where it fires").isDirectory();
        List<Violation> found = findings(fires, rule.id());
        assertThat(found).as(rule.id() + " on its fires/ fixture").isNotEmpty().allSatisfy(v -> {
            assertThat(v.severity()).isEqualTo(rule.severity());
            assertThat(v.message()).isNotBlank();
            assertThat(v.hint()).as("every finding says how to fix it").isNotBlank();
            assertThat(v.file()).isNotBlank();
            assertThat(Files.exists(fires.resolve(v.file()))).isTrue();
            assertThat(v.line()).isPositive();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void staysQuietOnTheCorrectedFixture(Rule rule) throws IOException {
        Path passes = FIXTURES.resolve(rule.id()).resolve("passes");
        assertThat(passes).as("every rule needs a fixture where it does not fire").isDirectory();
        assertThat(findings(passes, rule.id())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void hasAStableIdAOneLineDocAndAFix(Rule rule) {
        assertThat(rule.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(rule.descriptor().doc()).isNotBlank().doesNotContain("\n").endsWith(".");
        assertThat(rule.descriptor().hint()).isNotBlank().doesNotContain("\n").doesNotEndWith(".");
    }
}
