package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.ActivityComponentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.SessionSecretScript;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.koor.DataControlCenter;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Koor Data Control Center: its session Secret made in the cluster before the chart reads it, and the chart's values. */
class DataControlCenterComponentsTest {
    private static Cluster cluster(DataControlCenter dcc, UnaryOperator<io.koor.gitops.model.ceph.RookCeph> rook) {
        return Patterns.minimalProduction("demo").rook(rook).apps(a -> a.dataControlCenter(dcc)).build();
    }

    private static Component component(Cluster cluster, String name) {
        return ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static HasMetadata object(Component component, String kind) {
        return RenderersTest.objects(component).stream().filter(o -> o.getKind().equals(kind)).findFirst().orElseThrow();
    }

    private final Cluster published = cluster(DataControlCenter.inRooksNamespace().at("dcc.demo.example.com")
            .certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION), r -> r);

    @Test
    void theSessionJobRunsInTheConfigsLayerSoTheConsoleFindsItsSecret() {
        Component session = component(published, DataControlCenterRenderer.SESSION_COMPONENT);
        Component console = component(published, DataControlCenterRenderer.COMPONENT);
        assertThat(session.layer()).isEqualTo(Layer.CONFIGS);
        assertThat(session.dependsOn()).containsExactly(RookOperatorRenderer.COMPONENT);
        assertThat(console.layer()).isEqualTo(Layer.APPS);
        assertThat(console.dependsOn()).contains(DataControlCenterRenderer.SESSION_COMPONENT,
                CephClusterRenderer.COMPONENT, PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);

        HasMetadata job = object(session, "Job");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("rook-ceph");
        assertThat(job.getMetadata().getName()).matches("data-control-center-session-[0-9a-f]{10}");
        Map<String, Object> pod = at(job, "spec", "template", "spec");
        assertThat(pod.get("serviceAccountName")).isEqualTo("data-control-center-session");
        assertThat((Map<String, Object>) pod.get("securityContext")).containsEntry("runAsNonRoot", true);
        Map<String, Object> container = at(pod, "containers", "0");
        assertThat((List<Object>) container.get("env")).contains(Map.of("name", "SECRET_NAME", "value",
                DataControlCenterRenderer.SESSION_SECRET), Map.of("name", "ADMIN_USER", "value", "admin"));
        String scripts = at(pod, "volumes", "0", "configMap", "name");
        ConfigMap configMap = (ConfigMap) object(session, "ConfigMap");
        assertThat(configMap.getMetadata().getName()).isEqualTo(scripts);
        assertThat(configMap.getData()).containsEntry(SessionSecretScript.FILE, SessionSecretScript.text());
        // the one permission: creating Secrets in Rook's namespace
        assertThat((List<Object>) at(object(session, "Role"), "rules")).containsExactly(Map.of("apiGroups", List.of(""),
                "resources", List.of("secrets"), "verbs", List.of("create")));
    }

    @Test
    void theChartReadsTheSessionSecretAndItsValuesHoldNoSecret() {
        Part.ChartInstall chart = RenderersTest.chart(component(published, DataControlCenterRenderer.COMPONENT));
        assertThat(chart.chart()).isEqualTo("data-control-center");
        assertThat(chart.version()).isEqualTo("0.3.7");
        assertThat(chart.repositoryUrl()).isEqualTo("https://koor-tech.github.io/data-control-center");
        assertThat(chart.namespace()).isEqualTo("rook-ceph");
        assertThat(chart.secretValues()).containsExactly(new Part.SecretValues("data-control-center-session",
                "values.yaml"));
        Map<String, Object> config = at(chart.values(), "config");
        assertThat(config).doesNotContainKeys("users", "jwt").containsEntry("readOnly", true);
        assertThat((Map<String, Object>) at(config, "http", "sessions")).containsOnlyKeys("domain")
                .containsEntry("domain", "dcc.demo.example.com");
        assertThat((String) at(config, "ceph", "api", "url")).isEqualTo("https://rook-ceph-mgr-dashboard:8443/api");
        assertThat((String) at(chart.values(), "image", "tag")).isEqualTo("v0.6.0");
        // its post-install Job talks to this cluster's Ceph with this cluster's client, not the chart's v17.2.7
        assertThat((String) at(chart.values(), "postInstallJob", "image", "tag"))
                .isEqualTo(published.rook().cephImage().tag().orElseThrow());
        assertThat((Map<String, Object>) at(chart.values(), "ingress", "annotations"))
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-production");
        assertThat(PublicEndpoints.of(published)).extracting(Object::toString).contains("https://dcc.demo.example.com/");
    }

    @Test
    void theConsoleTakesConnectionsOnlyFromTheIngressControllerAndNoneWithoutAnIngress() {
        HasMetadata policy = object(component(published, DataControlCenterRenderer.COMPONENT), "NetworkPolicy");
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector", "matchLabels")).containsEntry(
                "app.kubernetes.io/name", "data-control-center");
        assertThat((List<Object>) at(policy, "spec", "ingress", "0", "ports")).containsExactly(
                Map.of("protocol", "TCP", "port", 8282));
        assertThat(at(policy, "spec", "ingress", "0", "from", "0", "namespaceSelector", "matchLabels").toString())
                .contains("traefik");

        Cluster unpublished = cluster(DataControlCenter.inRooksNamespace(), r -> r);
        Component console = component(unpublished, DataControlCenterRenderer.COMPONENT);
        assertThat((Map<String, Object>) at(object(console, "NetworkPolicy"), "spec")).doesNotContainKey("ingress");
        assertThat(console.dependsOn()).doesNotContain(PlatformRenderer.INGRESS_CONTROLLER);
        assertThat(RenderersTest.chart(console).values()).doesNotContainKey("ingress");
        assertThat(ClusterComponents.of(unpublished)).extracting(Component::name)
                .doesNotContain(PlatformRenderer.INGRESS_CONTROLLER);
    }

    @Test
    void behindTheDashboardsIngressTheApiIsPlainHttpOnRooksPort() {
        Cluster cluster = cluster(DataControlCenter.inRooksNamespace(),
                r -> r.dashboard(DashboardIngress.at("ceph.demo.example.com", "traefik")));
        assertThat(DataControlCenterRenderer.dashboardApi(cluster)).isEqualTo("http://rook-ceph-mgr-dashboard:7000/api");
    }
}
