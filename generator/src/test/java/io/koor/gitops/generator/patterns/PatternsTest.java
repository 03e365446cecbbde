package io.koor.gitops.generator.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.testing.Golden;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pattern renders to its golden tree, validates, and builds; the experiment says it is one. */
class PatternsTest {
    @TempDir
    Path root;

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("minimal-production", (Function<String, Cluster.Builder>) Patterns::minimalProduction, List.of()),
                Arguments.of("highly-available", (Function<String, Cluster.Builder>) Patterns::highlyAvailable, List.of()),
                Arguments.of("single-node-experiment", (Function<String, Cluster.Builder>) Patterns::singleNodeExperiment,
                        List.of("ceph-few-storage-nodes", "ceph-pool-size-one")),
                Arguments.of("object-storage-heavy", (Function<String, Cluster.Builder>) Patterns::objectStorageHeavy, List.of()),
                Arguments.of("database-heavy", (Function<String, Cluster.Builder>) Patterns::databaseHeavy, List.of()));
    }

    private static GitOpsTree render(String name, Function<String, Cluster.Builder> pattern) {
        return new FluxLayout("io.koor.gitops.model.presets.Patterns").render(GitOpsSystem.of(pattern.apply(name).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void rendersItsGoldenTree(String name, Function<String, Cluster.Builder> pattern, List<String> expected) throws IOException {
        Golden.assertMatches(Path.of("src/test/resources/golden", name), render(name, pattern));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void validatesWithOnlyTheFindingsItAdmitsTo(String name, Function<String, Cluster.Builder> pattern,
                                                List<String> expected) throws IOException {
        Kustomize.assumeAvailable();
        new TreeWriter(root).write(render(name, pattern), false);
        ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder().schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).kustomizeBuild(true).offline(true).build());
        assertThat(report.violations()).extracting(v -> v.ruleId()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theExperimentSaysItIsNotForProduction() {
        GitOpsTree tree = render("lab", Patterns::singleNodeExperiment);
        assertThat(tree.text(new TreePath("clusters/lab/README.md"))).contains("> **Not for production.**",
                "pool scratch keeps a single copy");
        assertThat(render("demo", Patterns::minimalProduction).text(new TreePath("clusters/demo/README.md")))
                .doesNotContain("Not for production");
    }

    @Test
    void patternsPinTheirValues() {
        GitOpsTree ha = render("ha", Patterns::highlyAvailable);
        var ceph = ManifestYaml.readAll(ha.text(new TreePath("infrastructure/configs/ha/ceph-cluster/cephcluster-rook-ceph.yaml")))
                .get(0);
        assertThat(ceph.at("/spec/mon/count").asInt()).isEqualTo(5);
        assertThat(ceph.at("/spec/placement/all/tolerations/0/effect").asText()).isEqualTo("NoSchedule");
        var store = ManifestYaml.readAll(ha.text(new TreePath(
                "infrastructure/configs/ha/ceph-object-stores/cephobjectstore-objectstore.yaml"))).get(0);
        assertThat(store.at("/spec/gateway/instances").asInt()).isEqualTo(2);
        var fs = ManifestYaml.readAll(ha.text(new TreePath(
                "infrastructure/configs/ha/ceph-filesystems/cephfilesystem-cephfs.yaml"))).get(0);
        assertThat(fs.at("/spec/metadataServer/activeStandby").asBoolean()).isTrue();
        var objectHeavy = ManifestYaml.readAll(render("s3", Patterns::objectStorageHeavy).text(new TreePath(
                "infrastructure/configs/s3/ceph-object-stores/cephobjectstore-objectstore.yaml"))).get(0);
        assertThat(objectHeavy.at("/spec/dataPool/erasureCoded/dataChunks").asInt()).isEqualTo(4);
        assertThat(objectHeavy.at("/spec/gateway/instances").asInt()).isEqualTo(4);
        var database = ManifestYaml.readAll(render("db", Patterns::databaseHeavy).text(new TreePath(
                "infrastructure/configs/db/ceph-cluster/cephblockpool-database.yaml"))).get(0);
        assertThat(database.at("/spec/deviceClass").asText()).isEqualTo("ssd");
    }
}
