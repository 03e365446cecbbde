package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real public GitOps repositories, checked out by whoever runs this into a directory named by
 * {@code -Dgitops.realTrees=DIR} or {@code GITOPS_REAL_TREES=DIR}: one sub-directory per
 * repository, with a {@code SOURCE} file naming repository and commit. Nothing is fetched here.
 * The semantic rules must find no error in them except the real defects listed below, each with
 * its reason. (Schema and CEL findings belong to the schema checks and are not judged here.)
 */
class RealTreesTest {
    /** Repository directory -> "rule file" of each error that is a real defect, with why. */
    private static final Map<String, Map<String, String>> REAL_DEFECTS = Map.of(
            "home-ops", Map.of(
                    "rook-missing-dependson kubernetes/apps/default/home-assistant/app/pvc.yaml",
                    "the claim uses ceph-block but its Kustomization does not depend on rook-ceph-cluster, so on a new"
                            + " cluster it is applied before the StorageClass exists and stays Pending until then"),
            "rook-examples", Map.of(
                    "secret-plaintext deploy/examples/object-multisite-pull-realm.yaml",
                    "example S3 keys committed in base64: what the rule is for",
                    "secret-plaintext deploy/examples/object-multisite-pull-realm-test.yaml",
                    "example S3 keys committed in base64: what the rule is for"));

    private static final Set<String> RULE_IDS = RuleSet.all().stream().map(Rule::id).collect(Collectors.toSet());

    /** The checkouts; without any, one empty case, so that the skip and its reason show in the report. */
    static Stream<Arguments> trees() throws IOException {
        String dir = System.getProperty("gitops.realTrees", System.getenv("GITOPS_REAL_TREES"));
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return Stream.of(Arguments.of("(none)", null));
        }
        try (Stream<Path> children = Files.list(Path.of(dir))) {
            return children.filter(p -> Files.isRegularFile(p.resolve("SOURCE"))).sorted()
                    .map(p -> Arguments.of(p.getFileName().toString(), p)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void noErrorsButTheKnownDefects(String name, Path tree) throws IOException {
        assumeTrue(tree != null, "no real trees: set -Dgitops.realTrees=DIR or GITOPS_REAL_TREES=DIR"
                + " (one checkout per sub-directory, each with a SOURCE file)");
        List<Violation> errors = new ValidationService().validate(tree, ValidationOptions.builder()
                        .schemaLocations(SharedData.schemaLocations()).offline(true).build())
                .violations().stream().filter(v -> v.severity() == Severity.ERROR && RULE_IDS.contains(v.ruleId())).toList();
        Map<String, String> known = REAL_DEFECTS.getOrDefault(name, Map.of());
        assertThat(errors).as(Files.readString(tree.resolve("SOURCE")).strip())
                .filteredOn(v -> !known.containsKey(v.ruleId() + " " + v.file()))
                .extracting(v -> v.ruleId() + " " + v.file() + ":" + v.line() + " " + v.message()).isEmpty();
    }
}
