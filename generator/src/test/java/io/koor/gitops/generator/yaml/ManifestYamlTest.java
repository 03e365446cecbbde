package io.koor.gitops.generator.yaml;

import static io.koor.gitops.generator.yaml.Fields.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestYamlTest {

    @Test
    void leadingKeysAndSortedLabelsWhateverTheInputOrder() {
        var configMap = new ConfigMapBuilder()
                .addToData("b", "2").addToData("a", "1")
                .withNewMetadata().addToLabels("zeta", "z").addToLabels("alpha", "a")
                .withNamespace("ns").withName("cm").endMetadata()
                .build();
        assertThat(ManifestYaml.write("Generated.", List.of(configMap))).isEqualTo("""
                # Generated.
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cm
                  namespace: ns
                  labels:
                    alpha: a
                    zeta: z
                data:
                  b: "2"
                  a: "1"
                """);
    }

    @Test
    void quotesOnlyWhatYamlWouldReadAsSomethingElse() {
        String yaml = ManifestYaml.dump(ManifestYaml.toTree(map(
                "apiVersion", "v1", "kind", "X",
                "plain", "rook-ceph", "number", "2", "bool", "true", "yes", "yes", "star", "*", "version", "v1.20.6",
                "real", 3, "flag", false, "empty", "", "colon", "a: b")));
        assertThat(yaml).contains("plain: rook-ceph\n", "number: \"2\"\n", "bool: \"true\"\n", "\"yes\": \"yes\"\n",
                "star: '*'\n", "version: v1.20.6\n", "real: 3\n", "flag: false\n", "empty: \"\"\n",
                "colon: \"a: b\"\n");
    }

    @Test
    void longStringsStayOnOneLineAndNullsAreDropped() {
        String long200 = "x".repeat(200);
        String yaml = ManifestYaml.dump(ManifestYaml.toTree(map("apiVersion", "v1", "kind", "X", "long", long200)));
        assertThat(yaml).contains("long: " + long200 + "\n").doesNotContain("\r");
        java.util.Map<String, Object> withNull = new java.util.LinkedHashMap<>();
        withNull.put("apiVersion", "v1");
        withNull.put("spec", null);
        assertThat(ManifestYaml.dump(ManifestYaml.toTree(withNull))).isEqualTo("apiVersion: v1\n");
    }

    @Test
    void multipleDocumentsAreSeparatedAndReadBack() {
        String yaml = ManifestYaml.write("h", List.of(map("kind", "A"), map("kind", "B")));
        assertThat(yaml).isEqualTo("# h\nkind: A\n---\nkind: B\n");
        assertThat(ManifestYaml.readAll(yaml)).extracting(n -> n.get("kind").asText()).containsExactly("A", "B");
    }

    @Test
    void anEmptyValueReadsAsNullButAQuotedEmptyStringStaysAString() {
        var doc = ManifestYaml.readAll("a:\nb: \"\"\n").get(0);
        assertThat(doc.get("a").isNull()).isTrue();
        assertThat(doc.get("b").isTextual()).isTrue();
    }
}
