package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
