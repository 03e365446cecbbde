package io.koor.gitops.validator;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every id a report can carry is in the one catalogue, with a doc and a fix. */
class RuleCatalogueTest {
    private static final Path CLASSES = Path.of("target/classes");

    private static Set<String> catalogue() {
        return RuleCatalogue.all().stream().map(RuleDescriptor::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Built-in checks declare their descriptors as constants; all of them must be catalogued. */
    @Test
    void everyDescriptorDeclaredInTheValidatorIsCatalogued() throws Exception {
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceFirst("\\.class$", "");
                for (Field f : Class.forName(name, false, getClass().getClassLoader()).getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == RuleDescriptor.class) {
                        f.setAccessible(true);
                        declared.add(((RuleDescriptor) f.get(null)).id());
                    }
                }
            }
        }
        assertThat(declared).hasSizeGreaterThanOrEqualTo(11);
        assertThat(catalogue()).containsAll(declared);
    }

    /** What real runs emit, over every fixture tree (rules firing, hostile and malformed input). */
    @Test
    void everyIdTheFixtureTreesProduceIsCatalogued() throws IOException {
        Set<String> emitted = new TreeSet<>();
        for (Path root : new Path[] {Path.of("src/test/resources/rules"), Path.of("src/test/resources/trees")}) {
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    ValidationReport report = new ValidationService().validate(dir,
                            ValidationOptions.builder().schemaLocations(io.koor.gitops.validator.testing.SharedData.schemaLocations())
                                    .build());
                    report.violations().forEach(v -> emitted.add(v.ruleId()));
                    assertThat(report.rules().keySet()).containsAll(catalogue());
                }
            }
        }
        assertThat(emitted).hasSizeGreaterThan(20);
        assertThat(catalogue()).containsAll(emitted);
    }

    @Test
    void everyEntryHasAOneLineDocAndAFix() {
        assertThat(RuleCatalogue.all()).allSatisfy(r -> {
            assertThat(r.doc()).isNotBlank().doesNotContain("\n").endsWith(".");
            assertThat(r.hint()).isNotBlank().doesNotContain("\n");
        });
    }
}
