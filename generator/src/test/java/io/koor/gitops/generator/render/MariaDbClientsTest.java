package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.Resources;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.schema.SchemaLocation;
import io.koor.gitops.validator.schema.SchemaRegistry;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.SharedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A typed application using a MariaDB of another namespace: mariadb-operator's User, Database and Grant with it,
 * naming the MariaDB's namespace; the password made in its namespace; the traffic allowed on both sides; and every
 * object against mariadb-operator's CRD schemas (strict, ../shared/schemas/k8s.mariadb.com).
 */
class MariaDbClientsTest {
    private static final Cluster CLUSTER = Patterns.minimalProduction("m")
            .apps(a -> a.mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block"))
                    .application(Application.named("storefront").workload(Workload.deployment("web",
                            "docker.io/nginxinc/nginx-unprivileged:1.29.8-alpine", Resources.of(100, 128, 256))
                            .port("http", 8080).database("shop"))))
            .build();

    private static Component component(String name) {
        return ClusterComponents.of(CLUSTER).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static JsonNode object(Component component, String kind, String name) {
        HasMetadata found = RenderersTest.objects(component).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        return ManifestYaml.toTree(found);
    }

    @Test
    void theUserDatabaseAndGrantLiveWithTheApplicationAndNameTheMariaDbsNamespace() {
        Component app = component(ApplicationRenderer.component(CLUSTER.apps().applications().get(0)));
        for (String kind : List.of("User", "Database", "Grant")) {
            JsonNode o = object(app, kind, "shop-storefront");
            assertThat(o.at("/metadata/namespace").asText()).isEqualTo("storefront");
            assertThat(o.at("/spec/mariaDbRef/name").asText()).isEqualTo("shop");
            assertThat(o.at("/spec/mariaDbRef/namespace").asText()).isEqualTo("mariadb");
        }
        JsonNode user = object(app, "User", "shop-storefront").get("spec");
        assertThat(user.at("/name").asText()).isEqualTo("storefront");
        assertThat(user.at("/passwordSecretKeyRef/name").asText()).isEqualTo("mariadb-shop");
        JsonNode grant = object(app, "Grant", "shop-storefront").get("spec");
        assertThat(grant.at("/database").asText()).isEqualTo("storefront");
        assertThat(grant.at("/username").asText()).isEqualTo("storefront");
        // the Job making the password declares it, and may only create Secrets and read that one
        HasMetadata job = RenderersTest.objects(app).stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("gitops.koor.io/creates-secrets", "storefront/mariadb-shop");
        assertThat(object(app, "Role", "mariadb-shop-password").at("/rules/1/resourceNames").toString())
                .isEqualTo("[\"mariadb-shop\"]");
        // the container's environment: the primary Service, the password from the Secret
        JsonNode env = object(app, "Deployment", "web").at("/spec/template/spec/containers/0/env");
        Map<String, JsonNode> byName = new TreeMap<>();
        env.forEach(e -> byName.put(e.get("name").asText(), e));
        assertThat(byName.get("MARIADB_HOST").get("value").asText()).isEqualTo("shop-primary.mariadb.svc");
        assertThat(byName.get("MARIADB_PORT").get("value").asText()).isEqualTo("3306");
        assertThat(byName.get("MARIADB_PASSWORD").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("mariadb-shop");
    }

    @Test
    void trafficIsAllowedOnBothSidesAndTheJobReachesTheApiServer() {
        Component app = component(ApplicationRenderer.component(CLUSTER.apps().applications().get(0)));
        JsonNode egress = object(app, "NetworkPolicy", "web-to-mariadb-shop").get("spec");
        assertThat(egress.at("/egress/0/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("mariadb");
        assertThat(egress.at("/egress/0/ports/0/port").asInt()).isEqualTo(3306);
        JsonNode api = object(app, "NetworkPolicy", "mariadb-password-to-api-server").get("spec");
        assertThat(api.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("mariadb-password");
        HasMetadata job = RenderersTest.objects(app).stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow();
        assertThat(ManifestYaml.toTree(job).at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText())
                .isEqualTo("mariadb-password");
        JsonNode instances = object(component("mariadb-shop"), "NetworkPolicy", "shop-instances").get("spec");
        assertThat(instances.at("/ingress/2/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("storefront");
        assertThat(instances.at("/ingress/2/ports").toString()).isEqualTo("[{\"protocol\":\"TCP\",\"port\":3306}]");
    }

    @Test
    void everyObjectMatchesItsSchema() {
        SchemaValidator validator = new SchemaValidator(new SchemaRegistry(
                SharedData.schemaLocations().stream().map(SchemaLocation::new).toList(), "1.32.0", true),
                SchemaValidator.MissingSchemaPolicy.FAIL);
        List<Violation> violations = new ArrayList<>();
        for (String name : List.of(ApplicationRenderer.component(CLUSTER.apps().applications().get(0)), "mariadb-shop")) {
            for (HasMetadata o : RenderersTest.objects(component(name))) {
                violations.addAll(validator.validate(ManifestYaml.toTree(o), name + "/" + o.getKind(), 1));
            }
        }
        assertThat(violations).isEmpty();
    }
}
