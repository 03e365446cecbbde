package io.koor.gitops.generator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.YamlDocuments;
import io.koor.gitops.validator.schema.SchemaLocation;
import io.koor.gitops.validator.schema.SchemaRegistry;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every generated object against the real schemas: core v1.32.0 strict, Rook v1.20.6, Flux, kustomize. */
class GeneratedTreeSchemaTest {

    private static SchemaValidator validator() {
        return new SchemaValidator(new SchemaRegistry(
                SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
                SchemaValidator.MissingSchemaPolicy.FAIL);
    }

    @Test
    void everyGeneratedObjectHasASchemaAndMatchesIt() throws YamlDocuments.YamlProblem {
        SchemaValidator validator = validator();
        GitOpsTree tree = new FluxLayout("test").render(TestSystems.oneCluster());
        List<Violation> violations = new ArrayList<>();
        int objects = 0;
        for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
            if (!file.getKey().fileName().endsWith(".yaml")) {
                continue;
            }
            for (YamlDocuments.Document doc : YamlDocuments.read(file.getValue())) {
                objects++;
                violations.addAll(validator.validate(doc.node(), file.getKey().value(), doc.line()));
            }
        }
        assertThat(violations).isEmpty();
        // with the CSI drivers chart Rook v1.20 needs: its HelmRepository, HelmRelease and kustomization
        assertThat(objects).isEqualTo(32);
    }

    private static ObjectNode cephCluster() {
        GitOpsTree tree = new FluxLayout("test").render(TestSystems.oneCluster());
        return (ObjectNode) ManifestYaml.readAll(
                tree.text(new TreePath("infrastructure/configs/lab/ceph-cluster/cephcluster-rook-ceph.yaml"))).get(0);
    }

    @Test
    void aWrongTypeIsFoundWithItsPointer() {
        ObjectNode broken = cephCluster();
        ((ObjectNode) broken.at("/spec/mon")).put("count", "three");
        List<Violation> violations = validator().validate(broken, "cephcluster.yaml", 4);
        assertThat(violations).isNotEmpty().allSatisfy(v -> {
            assertThat(v.ruleId()).isEqualTo("schema");
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.resource()).isEqualTo("CephCluster/rook-ceph/rook-ceph");
            assertThat(v.file()).isEqualTo("cephcluster.yaml");
            assertThat(v.line()).isEqualTo(4);
        });
        assertThat(violations).anySatisfy(v -> assertThat(v.jsonPointer()).isEqualTo("/spec/mon/count"));
    }

    @Test
    void strictCoreSchemasRefuseUnknownFields() {
        ObjectNode namespace = (ObjectNode) ManifestYaml.toTree(Map.of("apiVersion", "v1", "kind", "Namespace",
                "metadata", Map.of("name", "x", "lables", Map.of("a", "b"))));
        assertThat(validator().validate(namespace, "ns.yaml", 1))
                .anySatisfy(v -> assertThat(v.message()).contains("lables"));
    }

    @Test
    void nullIsTreatedAsAbsentAsTheApiServerDoes() {
        ObjectNode namespace = (ObjectNode) ManifestYaml.readAll(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  annotations:\n").get(0);
        assertThat(namespace.at("/metadata/annotations").isNull()).isTrue();
        assertThat(validator().validate(namespace, "ns.yaml", 1)).isEmpty();
    }

    @Test
    void aKindWithoutSchemaFollowsThePolicy() {
        JsonNode unknown = ManifestYaml.toTree(Map.of("apiVersion", "example.com/v1", "kind", "Widget",
                "metadata", Map.of("name", "w")));
        assertThat(validator().validate(unknown, "w.yaml", 3)).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("schema-missing");
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.message()).startsWith("no schema for example.com/v1 Widget in ");
        });
        SchemaValidator lenient = new SchemaValidator(new SchemaRegistry(
                SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
                SchemaValidator.MissingSchemaPolicy.SKIP);
        assertThat(lenient.validate(unknown, "w.yaml", 3)).singleElement()
                .satisfies(v -> assertThat(v.severity()).isEqualTo(Severity.NOTE));
    }

    @Test
    void deprecatedFluxVersionsStillHaveTheirOwnSchemas() {
        JsonNode old = ManifestYaml.readAll("""
                apiVersion: helm.toolkit.fluxcd.io/v2beta1
                kind: HelmRelease
                metadata: {name: r, namespace: n}
                spec:
                  interval: 1h
                  chart: {spec: {chart: c, sourceRef: {kind: HelmRepository, name: r}}}
                """).get(0);
        assertThat(validator().validate(old, "old.yaml", 1)).isEmpty();
    }
}
