package io.koor.gitops.generator.dekorate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.validator.schema.SchemaLocation;
import io.koor.gitops.validator.schema.SchemaRegistry;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the chosen fabric8 line ({@code fabric8.version} in the root pom) works with Dekorate
 * 4.1.5: Dekorate's real annotation processor compiles an annotated workload, and what it emits
 * loads into this fabric8 model, goes through our serializer and passes the strict schemas.
 */
class DekorateCompatibilityTest {
    @TempDir
    Path project;

    @Test
    void dekoratesOutputLoadsIntoOurModelAndValidates() throws IOException {
        Path classes = DekorateBuild.compile(project, "busybot", "1.0.0", "Busybot", """
                package demo;
                import io.dekorate.kubernetes.annotation.KubernetesApplication;
                import io.dekorate.kubernetes.annotation.Port;
                @KubernetesApplication(name = "busybot", replicas = 2,
                        ports = @Port(name = "http", containerPort = 8080))
                public class Busybot { }
                """);

        Path emitted = classes.resolve("META-INF/dekorate/kubernetes.yml");
        assertThat(emitted).exists();
        List<HasMetadata> items = ManifestYaml.readAll(Files.readString(emitted)).stream()
                .map(node -> (HasMetadata) Serialization.unmarshal(node.toString())).toList();
        assertThat(items).extracting(HasMetadata::getKind).contains("Deployment", "Service");
        HasMetadata deployment = items.stream().filter(o -> o.getKind().equals("Deployment"))
                .findFirst().orElseThrow();
        assertThat(deployment).isInstanceOf(io.fabric8.kubernetes.api.model.apps.Deployment.class);
        assertThat(deployment.getMetadata().getName()).isEqualTo("busybot");

        JsonNode tree = ManifestYaml.toTree(deployment);
        assertThat(tree.at("/spec/replicas").asInt()).isEqualTo(2);
        SchemaValidator validator = new SchemaValidator(new SchemaRegistry(
                SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
                SchemaValidator.MissingSchemaPolicy.FAIL);
        for (HasMetadata object : items) {
            assertThat(validator.validate(ManifestYaml.toTree(object), "kubernetes.yml", 1))
                    .as(object.getKind()).isEmpty();
        }
    }
}
