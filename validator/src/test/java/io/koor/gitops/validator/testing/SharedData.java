package io.koor.gitops.validator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The schemas in {@code ../shared/schemas} (kubeconform layout), beside the checkout in CI.
 * Tests that need them are skipped, with the reason printed, where they are absent.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        return Path.of(System.getProperty("gitops.shared", "../../shared")).toAbsolutePath().normalize();
    }

    public static Path schemas() {
        Path schemas = root().resolve("schemas");
        String reason = "SKIPPED: no schema directory at " + schemas + " (set -Dgitops.shared=DIR)";
        if (!Files.isDirectory(schemas.resolve("v1.32.0-standalone-strict"))) {
            System.err.println(reason);
        }
        assumeTrue(Files.isDirectory(schemas.resolve("v1.32.0-standalone-strict")), reason);
        return schemas;
    }

    /**
     * Core kinds, then Rook v1.20.6, then the other CRDs: the order the demo build uses. The core kinds
     * are v1.32.0's, named explicitly as the demo build does: the shared directory holds no newer
     * release, while the toolkit's clusters run supported ones (1.35 and later).
     */
    public static List<String> schemaLocations() {
        Path schemas = schemas();
        String crd = "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";
        return List.of(coreSchemas(), schemas.resolve("generated-rook-v1.20.6") + crd, schemas + crd);
    }

    /** The newest core release the shared directory holds, as a location that ignores the release asked for. */
    public static String coreSchemas() {
        return schemas().resolve("v1.32.0-standalone-strict") + "/{{.ResourceKind}}{{.KindSuffix}}.json";
    }
}
