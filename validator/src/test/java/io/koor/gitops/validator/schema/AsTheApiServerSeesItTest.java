package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.YamlDocuments;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects are judged as the API server receives them: SOPS's metadata removed by decryption,
 * apiVersion, kind and metadata present in every custom resource, the schema's defaults applied
 * before the CRD's CEL rules run.
 */
class AsTheApiServerSeesItTest {
    private static final Path TREES = Path.of("src/test/resources/trees");

    private static ValidationReport validate(String tree) throws IOException {
        return new ValidationService().validate(TREES.resolve(tree), ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                .offline(true).build());
    }

    @Test
    void sopsEncryptedFilesPassTheStrictSchemaAndAreNoPlaintextSecrets() throws IOException {
        // the encrypted Secret and the Service whose spec SOPS encrypted (ENC[...] where the kind wants an integer)
        // pass; the same mistake in a file SOPS did not encrypt is still one
        assertThat(validate("sops-encrypted").violations()).filteredOn(v -> v.severity() == Severity.ERROR).extracting(v -> v.file() + " " + v.ruleId() + " " + v.jsonPointer())
                .containsExactly("plain.yaml schema /spec/ports/0/port");
    }

    @Test
    void aValueHoldingAFluxVariableIsANoteNotAPatternError() throws IOException {
        // HTTPRoute hostnames must match a DNS pattern; echo.${SECRET_DOMAIN} does once Flux has substituted it
        assertThat(validate("applied/flux-variables").violations()).filteredOn(v -> v.ruleId().equals("schema"))
                .singleElement().satisfies(v -> {
                    assertThat(v.severity()).isEqualTo(Severity.NOTE);
                    assertThat(v.jsonPointer()).isEqualTo("/spec/hostnames/0");
                    assertThat(v.message()).contains("Flux variable");
                });
    }

    @Test
    void aCrdSchemaWithoutObjectMetaStillAllowsApiVersionKindAndMetadata() throws IOException {
        ValidationReport report = validate("crd-without-object-meta");
        assertThat(report.notes()).contains("schema for objectbucket.io/v1alpha1 ObjectBucketClaim derived from the CRD at crd.yaml:3");
        // (the claims' bucket StorageClass is not in this tree: pvc-storageclass-missing says so, a rule, not the schema)
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("schema"))
                .extracting(v -> v.resource() + " " + v.jsonPointer() + " " + v.message())
                .containsExactly("ObjectBucketClaim/default/typo-bucket /spec property 'storageClass' is not defined in"
                        + " the schema and the schema does not allow additional properties");
    }

    /** Gateway API's CEL rules read group, kind, tls.mode and matches, which its CRDs default. */
    @Test
    void gatewayApiExamplesPassOnceTheirDefaultsAreApplied() throws IOException {
        ValidationReport report = validate("gateway-api-examples");
        assertThat(report.objects()).isEqualTo(2);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void aGatewayApiRuleStillRefusesWhatTheApiServerRefuses() throws IOException {
        SchemaValidator validator = new SchemaValidator(new SchemaRegistry(
                SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
                SchemaValidator.MissingSchemaPolicy.FAIL);
        JsonNode route = read("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: no-port, namespace: default}
                spec:
                  parentRefs: [{name: prod-web}]
                  rules:
                    - backendRefs:
                        - name: foo-svc
                """);
        assertThat(validator.validate(route, "route.yaml", 1)).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("cel");
            assertThat(v.severity()).isEqualTo(Severity.ERROR);
            assertThat(v.jsonPointer()).isEqualTo("/spec/rules/0/backendRefs/0");
            assertThat(v.message()).isEqualTo("Must have port for Service reference");
        });
    }

    /** Values here carry no OpenAPI types: an integer where the schema says number is a long, not a double. */
    @Test
    void aRuleThatCannotBeEvaluatedOnUntypedValuesIsANoteNotAnError() {
        CelValidations cel = new CelValidations();
        JsonNode schema = read("""
                type: object
                properties:
                  ratio:
                    type: number
                    x-kubernetes-validations:
                      - rule: self <= 1.0
                        message: ratio must be at most 1
                """);
        List<Violation> found = cel.check(schema, read("ratio: 1\n"), "X/x", "x.yaml", 1);
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.severity()).isEqualTo(Severity.NOTE);
            assertThat(v.message()).startsWith("not evaluated: the CRD's rule 'self <= 1.0' needs types only the API"
                    + " server has");
        });
        assertThat(cel.check(schema, read("ratio: 1.5\n"), "X/x", "x.yaml", 1)).extracting(Violation::message)
                .containsExactly("ratio must be at most 1");
    }

    @Test
    void defaultsAreAppliedRecursivelyToACopy() {
        JsonNode schema = read("""
                type: object
                properties:
                  tls:
                    type: object
                    default: {}
                    properties:
                      mode: {type: string, default: Terminate}
                  refs:
                    type: array
                    items:
                      type: object
                      properties:
                        group: {type: string, default: ""}
                        kind: {type: string, default: Service}
                  labels:
                    type: object
                    additionalProperties:
                      type: object
                      properties:
                        weight: {type: integer, default: 1}
                """);
        JsonNode value = read("refs: [{name: a}, {name: b, kind: Pod}]\nlabels: {x: {}}\n");
        assertThat(StructuralDefaults.applied(schema, value).toString()).isEqualTo("{\"refs\":[{\"name\":\"a\",\"group\":\"\","
                + "\"kind\":\"Service\"},{\"name\":\"b\",\"kind\":\"Pod\",\"group\":\"\"}],\"labels\":{\"x\":{\"weight\":1}},"
                + "\"tls\":{\"mode\":\"Terminate\"}}");
        assertThat(value.toString()).isEqualTo("{\"refs\":[{\"name\":\"a\"},{\"name\":\"b\",\"kind\":\"Pod\"}],\"labels\":{\"x\":{}}}");
    }

    private static JsonNode read(String yaml) {
        try {
            return YamlDocuments.read(yaml).get(0).node();
        } catch (YamlDocuments.YamlProblem e) {
            throw new AssertionError(e);
        }
    }
}
