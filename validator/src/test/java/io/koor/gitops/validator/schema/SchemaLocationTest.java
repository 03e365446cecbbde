package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubeconform's template variables, filled the way its registry.go fills them. */
class SchemaLocationTest {

    @Test
    void aDirectoryGetsTheCoreLayoutAppended() {
        SchemaLocation dir = new SchemaLocation("/schemas/");
        assertThat(dir.resolve("apps/v1", "Deployment", "1.32.0", true))
                .isEqualTo(Path.of("/schemas/v1.32.0-standalone-strict/deployment-apps-v1.json"));
        assertThat(dir.resolve("v1", "Namespace", "1.31.0", false))
                .isEqualTo(Path.of("/schemas/v1.31.0-standalone/namespace-v1.json"));
        assertThat(dir.resolve("networking.k8s.io/v1", "Ingress", "master", true))
                .isEqualTo(Path.of("/schemas/master-standalone-strict/ingress-networking-v1.json"));
    }

    @Test
    void crdCatalogTemplates() {
        SchemaLocation crds = new SchemaLocation("/s/{{.Group}}/{{ .ResourceKind }}_{{.ResourceAPIVersion}}.json");
        assertThat(crds.resolve("ceph.rook.io/v1", "CephBlockPool", "1.32.0", true))
                .isEqualTo(Path.of("/s/ceph.rook.io/cephblockpool_v1.json"));
    }

    @Test
    void unknownVariablesAndRemoteLocationsAreExplained() {
        assertThatThrownBy(() -> new SchemaLocation("/s/{{.Kind}}.json").resolve("v1", "Pod", "1.32.0", true))
                .hasMessageContaining("unknown variable .Kind");
        assertThat(new SchemaLocation("https://example.com/{{.Group}}.json").isRemote()).isTrue();
        assertThat(new SchemaLocation("/schemas").isRemote()).isFalse();
    }

    /** A typo used to turn every schema check into a note and exit 0 ("1 passed"). */
    @Test
    void aLocalLocationThatDoesNotExistIsASettingError(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("schemas/ceph.rook.io"));
        Files.writeString(dir.resolve("one.json"), "{}");
        new SchemaLocation(dir.resolve("schemas").toString()).requireExisting();
        new SchemaLocation(dir + "/schemas/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json").requireExisting();
        new SchemaLocation(dir + "/schemas/crd-{{.ResourceKind}}.json").requireExisting();
        new SchemaLocation(dir.resolve("one.json").toString()).requireExisting();
        new SchemaLocation("https://example.invalid/{{.Group}}.json").requireExisting();
        new SchemaLocation("default").requireExisting();

        for (String typo : new String[] {dir + "/schemaz", dir + "/schemaz/{{.Group}}/{{.ResourceKind}}.json",
                dir + "/schemaz/crd-{{.ResourceKind}}.json", dir + "/two.json"}) {
            assertThatThrownBy(() -> new SchemaLocation(typo).requireExisting())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.setting()).isEqualTo("schemaLocations");
                        assertThat(e.getMessage()).contains("there is no", typo.contains("schemaz") ? dir + "/schemaz"
                                : dir + "/two.json");
                    });
        }
    }

    @Test
    void validationRefusesAMissingLocationBeforeReadingTheTree(@TempDir Path tree) throws IOException {
        Files.writeString(tree.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        assertThatThrownBy(() -> new ValidationService().validate(tree, ValidationOptions.builder()
                .schemaLocation(tree.resolve("no-such-dir").toString()).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("schemaLocations=");
    }
}
