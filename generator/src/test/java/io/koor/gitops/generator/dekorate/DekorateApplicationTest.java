package io.koor.gitops.generator.dekorate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.render.ClusterComponents;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.DekorateManifests;
import io.koor.gitops.generator.render.Layer;
import io.koor.gitops.generator.render.Part;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.apps.DekorateApplication;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.values.Resources;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java application built here with Dekorate's annotation processor, placed in the tree with its
 * policies: what Dekorate leaves out is added, what contradicts the policies is reported with file and line.
 */
class DekorateApplicationTest {
    private static final String RELEASED = """
            package demo;
            import io.dekorate.kubernetes.annotation.KubernetesApplication;
            import io.dekorate.kubernetes.annotation.Port;
            import io.dekorate.kubernetes.annotation.ResourceRequirements;
            @KubernetesApplication(name = "busybot", replicas = 2,
                    ports = @Port(name = "http", containerPort = 8080),
                    requestResources = @ResourceRequirements(cpu = "100m", memory = "128Mi"),
                    limitResources = @ResourceRequirements(memory = "256Mi"))
            public class Busybot { }
            """;

    @TempDir
    Path project;
    @TempDir
    Path root;

    private static Cluster clusterWith(DekorateApplication app) {
        Cluster base = TestSystems.cluster("dk", 3, "v1.20.6");
        return Cluster.named("dk").kubernetesVersion("1.32.4").location("nbg1").controlPlane(1, "cx33")
                .storageNodes(4, "cx43", 3, 200).workers(1, "cx33").rook(base.rook())
                .apps(a -> a.dekorate(app)).build();
    }

    private static List<JsonNode> objects(Component component) {
        return ManifestYaml.readAll(ManifestYaml.write("", component.parts().stream()
                .flatMap(p -> ((Part.Manifests) p).objects().stream()).toList()));
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> o.at("/kind").asText().equals(kind)
                && o.at("/metadata/name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aDekorateApplicationIsPlacedWithTheTreesPoliciesAndValidates() throws IOException {
        Path classes = DekorateBuild.compile(project, "busybot", "1.0.0", "Busybot", RELEASED);
        // the build directory and the jar give the same manifests
        String manifest = DekorateManifests.read(project);
        Path jar = project.resolve("busybot-1.0.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(DekorateManifests.ENTRY));
            try (OutputStream ignored = null) {
                out.write(Files.readAllBytes(classes.resolve(DekorateManifests.ENTRY)));
            }
            out.closeEntry();
        }
        assertThat(DekorateManifests.read(jar)).isEqualTo(manifest);

        Cluster cluster = clusterWith(DekorateApplication.of("busybot", jar.toString(), manifest).namespace("bots"));
        Component component = ClusterComponents.of(cluster).stream().filter(c -> c.name().equals("dekorate-busybot"))
                .findFirst().orElseThrow();
        assertThat(component.layer()).isEqualTo(Layer.APPS);
        List<JsonNode> objects = objects(component);
        assertThat(objects).extracting(o -> o.at("/kind").asText())
                .contains("Namespace", "Deployment", "Service", "NetworkPolicy");
        JsonNode deployment = find(objects, "Deployment", "busybot");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("bots");
        assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("demo-gitops");
        assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).isEqualTo("busybot");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(65532);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(pod.at("/topologySpreadConstraints/0/labelSelector/matchLabels"))
                .isEqualTo(deployment.at("/spec/selector/matchLabels"));
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        // Dekorate's own requests and limits are kept
        assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("100m");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("256Mi");
        assertThat(find(objects, "NetworkPolicy", "default-deny").at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(find(objects, "Service", "busybot").at("/metadata/namespace").asText()).isEqualTo("bots");

        Kustomize.assumeAvailable();
        new TreeWriter(root).write(new FluxLayout("DekorateApplicationTest").render(GitOpsSystem.of(cluster)), false);
        ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                .kustomizeBuild(true).offline(true).build());
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void whatThePoliciesCannotFixIsReportedWithFileLineAndFix() throws IOException {
        DekorateBuild.compile(project, "busybot", "1.0-SNAPSHOT", "Busybot", """
                package demo;
                import io.dekorate.kubernetes.annotation.KubernetesApplication;
                @KubernetesApplication(name = "busybot")
                public class Busybot { }
                """);
        String manifest = DekorateManifests.read(project);
        String source = project.resolve("target/classes").resolve(DekorateManifests.ENTRY).toString();
        DekorateApplication app = DekorateApplication.of("busybot", source, manifest);
        assertThatThrownBy(() -> ClusterComponents.of(clusterWith(app)))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).problems()).hasSize(2))
                .hasMessageContaining("apps.dekorate[busybot]: " + source + ":")
                .hasMessageContaining("Deployment busybot: image '")
                .hasMessageContaining("is a snapshot")
                .hasMessageContaining("container busybot lacks requests.cpu and requests.memory and limits.memory;")
                .hasMessageContaining("DekorateApplication...resources(Resources.of(100, 128, 256))");
        // resources from the definition fill the gap; the snapshot stays refused
        assertThatThrownBy(() -> ClusterComponents.of(clusterWith(app.resources(Resources.of(100, 128, 256)))))
                .satisfies(e -> assertThat(((ModelException) e).problems()).hasSize(1))
                .hasMessageContaining("is a snapshot");
        assertThatThrownBy(() -> DekorateApplication.of("busybot", source, manifest).user(0))
                .hasMessageContaining("dekorate[busybot].user: user=0");
    }

    @Test
    void aSecretOrAClusterScopedObjectIsNotTheApplicationsToShip() {
        String manifest = """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: password
                stringData:
                  password: hunter2
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: everything
                """;
        assertThatThrownBy(() -> ClusterComponents.of(clusterWith(DekorateApplication.of("bad", "bad.yml", manifest))))
                .hasMessageContaining("bad.yml:2: Secret password: a Secret in Git is plain text")
                .hasMessageContaining("bad.yml:9: ClusterRole everything: is not something an application places")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMissingManifestNamesWhereItLooked() {
        assertThatThrownBy(() -> DekorateManifests.read(project))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("target/classes/" + DekorateManifests.ENTRY)
                .hasMessageContaining("build the application first");
    }
}
