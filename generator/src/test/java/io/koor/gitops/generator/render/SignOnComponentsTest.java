package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.ActivityComponentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.access.SingleSignOn;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through Dex: what the dex component holds with and without a published Grafana and monitoring, and how
 * the roles and Grafana follow. The demo tree's test reads the same across its files (DemoTreeTest).
 */
class SignOnComponentsTest {
    private static final SingleSignOn DEX = SingleSignOn.dexAt("login.p.example.com", "koor-tech");
    private static final Access ACCESS = Access.none().signOnThroughDex(DEX).platformAdmins("koor-tech:platform-admins")
            .guests("koor-tech:demo-guests");

    private static Component dex(Cluster cluster) {
        return ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(DexRenderer.COMPONENT)).findFirst()
                .orElseThrow();
    }

    private static List<String> names(Component component, String kind) {
        return RenderersTest.objects(component).stream().filter(o -> o.getKind().equals(kind))
                .map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList();
    }

    @Test
    void withoutGrafanaDexServesKubectlOnlyAndNoSecretIsMade() {
        Cluster cluster = Patterns.minimalProduction("p").access(ACCESS).build();
        Component dex = dex(cluster);
        assertThat(dex.layer()).isEqualTo(Layer.CONTROLLERS);
        assertThat(names(dex, "Job")).isEmpty();
        assertThat(names(dex, "NetworkPolicy")).doesNotContain("dex/dex-from-prometheus");
        Map<String, Object> values = RenderersTest.chart(dex).values();
        List<Map<String, Object>> clients = at(values, "config", "staticClients");
        assertThat(clients).extracting(c -> c.get("id")).containsExactly("kubernetes");
        List<Map<String, Object>> envFrom = at(values, "envFrom");
        assertThat(envFrom).hasSize(1);
        // the tree now runs the ingress controller and cert-manager for Dex's Ingress, and probes its discovery URL
        assertThat(ClusterComponents.of(cluster)).extracting(Component::name)
                .contains(PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);
        assertThat(PublicEndpoints.of(cluster)).extracting(Object::toString)
                .containsExactly("https://login.p.example.com/.well-known/openid-configuration");
    }

    @Test
    void withAPublishedGrafanaBothGetOneSecretAndGrafanaMapsTeamsToRoles() {
        Cluster cluster = Patterns.minimalProduction("p").access(ACCESS).monitoring(Monitoring.kubePrometheusStack()
                .grafanaAt("grafana.p.example.com").grafanaCertificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION)).build();
        Component dex = dex(cluster);
        assertThat(names(dex, "Job")).hasSize(1).allSatisfy(n -> assertThat(n).startsWith("dex/dex-client-secret-"));
        HasMetadata job = RenderersTest.objects(dex).stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("gitops.koor.io/creates-secrets",
                "dex/dex-clients, monitoring/grafana-oauth");
        // the Job may write only Grafana's Secret in monitoring
        var grafanaRole = RenderersTest.objects(dex).stream()
                .filter(o -> o.getKind().equals("Role") && o.getMetadata().getNamespace().equals("monitoring"))
                .map(ManifestYaml::toTree).findFirst().orElseThrow();
        assertThat(grafanaRole.at("/rules/0/resourceNames").isMissingNode()).isTrue();
        assertThat(grafanaRole.at("/rules/0/verbs").toString()).isEqualTo("[\"create\"]");
        assertThat(grafanaRole.at("/rules/1/resourceNames").toString()).isEqualTo("[\"grafana-oauth\"]");
        assertThat(names(dex, "NetworkPolicy")).contains("dex/dex-from-prometheus", "dex/dex-default-deny",
                "dex/dex-from-ingress", "dex/dex-acme-solver", "dex/dex-egress");

        Part.ChartInstall stack = ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(MonitoringRenderer.STACK))
                .flatMap(c -> c.parts().stream()).filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p)
                .filter(c -> c.chart().equals("kube-prometheus-stack")).findFirst().orElseThrow();
        Map<String, Object> oauth = at(stack.values(), "grafana", "grafana.ini", "auth.generic_oauth");
        assertThat(oauth).containsEntry("auth_url", "https://login.p.example.com/auth").containsEntry("use_pkce", true)
                .containsEntry("role_attribute_strict", true).doesNotContainKey("client_secret");
        // JMESPath, the admins first: someone in both teams is an Admin
        assertThat((String) oauth.get("role_attribute_path")).isEqualTo("contains(groups[*], 'koor-tech:platform-admins')"
                + " && 'Admin' || contains(groups[*], 'koor-tech:demo-guests') && 'Viewer'");
        Map<String, Object> secretRef = at(stack.values(), "grafana", "envValueFrom", "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET",
                "secretKeyRef");
        assertThat(secretRef).containsEntry("name", DexRenderer.GRAFANA_OAUTH_SECRET);
        Component config = ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(MonitoringRenderer.CONFIG))
                .findFirst().orElseThrow();
        assertThat(names(config, "ServiceMonitor")).contains("monitoring/dex");
    }

    @Test
    void rolesAreBoundToTheGroupsAsTheApiServerSeesThem() {
        Cluster cluster = Patterns.minimalProduction("p").access(ACCESS).build();
        List<ClusterRoleBinding> bindings = ClusterComponents.of(cluster).stream()
                .filter(c -> c.name().equals(AccessRenderer.COMPONENT)).flatMap(c -> RenderersTest.objects(c).stream())
                .filter(o -> o instanceof ClusterRoleBinding).map(o -> (ClusterRoleBinding) o).toList();
        assertThat(bindings).flatExtracting(b -> b.getSubjects().stream().map(s -> s.getName()).toList())
                .containsExactly("oidc:koor-tech:platform-admins", "oidc:koor-tech:demo-guests");
    }
}
