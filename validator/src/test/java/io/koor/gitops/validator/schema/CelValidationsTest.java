package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.YamlDocuments;
import io.koor.gitops.validator.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRDs' own CEL rules, evaluated offline on the objects (what kubeconform cannot do). */
class CelValidationsTest {
    private final SchemaValidator validator = new SchemaValidator(new SchemaRegistry(
            SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
            SchemaValidator.MissingSchemaPolicy.FAIL);

    private List<Violation> validate(String yaml) {
        return validator.validate(read(yaml).get(0), "x.yaml", 1);
    }

    private static final String CLUSTER = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              cephVersion: {image: quay.io/ceph/ceph:v19.2.3}
              dataDirHostPath: /var/lib/rook
              mon:
                count: %d
                zones: [{name: a}, {name: b}, {name: c}]
            """;

    @Test
    void rookRefusesMoreMonZonesThanMons() {
        assertThat(validate(CLUSTER.formatted(1))).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("cel");
            assertThat(v.jsonPointer()).isEqualTo("/spec/mon");
            assertThat(v.message()).isEqualTo("zones must be less than or equal to count");
            assertThat(v.hint()).contains("size(self.zones) <= self.count");
        });
        assertThat(validate(CLUSTER.formatted(3))).isEmpty();
    }

    @Test
    void fluxRefusesAReleaseWithBothChartAndChartRef() {
        String release = """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: r, namespace: n}
                spec:
                  interval: 1h
                  chart: {spec: {chart: c, sourceRef: {kind: HelmRepository, name: r}}}
                  chartRef: {kind: OCIRepository, name: r}
                """;
        assertThat(validate(release)).extracting(Violation::message).containsExactly("either chart or chartRef must be set");
    }

    @Test
    void macrosAndRegexesWork() {
        String muted = CLUSTER.formatted(3) + "  healthCheck:\n    muteHealthWarning:\n      not_a_code: {policy: mute}\n";
        assertThat(validate(muted)).extracting(Violation::message)
                .containsExactly("keys must be valid Ceph health check codes");
    }

    @Test
    void transitionRulesAreSkippedAndServerOnlyFunctionsAreSaidNotEvaluable() {
        CelValidations cel = new CelValidations();
        JsonNode schema = read("""
                type: object
                properties:
                  a:
                    type: integer
                    x-kubernetes-validations:
                      - rule: self >= oldSelf
                  b:
                    type: array
                    x-kubernetes-validations:
                      - rule: self.isSorted()
                """).get(0);
        JsonNode value = read("a: 1\nb: [2, 1]\n").get(0);
        assertThat(cel.check(schema, value, "X/x", "x.yaml", 1)).isEmpty();
        assertThat(cel.notEvaluable()).singleElement().satisfies(s -> assertThat(s).startsWith("CEL rule 'self.isSorted()'"));
    }

    @Test
    void rulesOnAbsentValuesDoNotApply() {
        String noZones = """
                apiVersion: ceph.rook.io/v1
                kind: CephCluster
                metadata: {name: rook-ceph, namespace: rook-ceph}
                spec:
                  cephVersion: {image: quay.io/ceph/ceph:v19.2.3}
                  dataDirHostPath: /var/lib/rook
                """;
        assertThat(validate(noZones)).isEmpty();
    }

    private static List<JsonNode> read(String yaml) {
        try {
            return YamlDocuments.read(yaml).stream().map(YamlDocuments.Document::node).toList();
        } catch (YamlDocuments.YamlProblem e) {
            throw new AssertionError(e);
        }
    }
}
