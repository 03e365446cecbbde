package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.ActivityComponentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grafana published for the people the demo is shown to: an Ingress with TLS, guests as anonymous Viewers. */
class PublicGrafanaTest {
    private static Map<String, Object> grafana(Cluster cluster) {
        Part.ChartInstall stack = ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(MonitoringRenderer.STACK))
                .flatMap(c -> c.parts().stream()).filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p)
                .filter(c -> c.chart().equals("kube-prometheus-stack")).findFirst().orElseThrow();
        return at(stack.values(), "grafana");
    }

    private static final Cluster PUBLISHED = Patterns.minimalProduction("demo").monitoring(Monitoring.kubePrometheusStack()
            .grafanaAt("grafana.demo.example.com").grafanaCertificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION)).build();

    @Test
    void anIngressWithTlsThroughTheTreesClassBringsTheControllerAndIsProbed() {
        Map<String, Object> grafana = grafana(PUBLISHED);
        assertThat((Map<String, Object>) at(grafana, "ingress")).containsEntry("enabled", true)
                .containsEntry("ingressClassName", "traefik").containsEntry("hosts", List.of("grafana.demo.example.com"));
        assertThat((Map<String, Object>) at(grafana, "ingress", "annotations"))
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-production");
        assertThat((String) at(grafana, "grafana.ini", "server", "root_url")).isEqualTo("https://grafana.demo.example.com/");
        assertThat(ClusterComponents.of(PUBLISHED)).extracting(Component::name)
                .contains(PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);
        assertThat(PublicEndpoints.of(PUBLISHED)).extracting(Object::toString).contains("https://grafana.demo.example.com/");
    }

    @Test
    void guestsLookAsAnonymousViewersUnlessTurnedOff() {
        assertThat((Map<String, Object>) at(grafana(PUBLISHED), "grafana.ini", "auth.anonymous"))
                .containsEntry("enabled", true).containsEntry("org_role", "Viewer");
        Cluster closed = Patterns.minimalProduction("demo").monitoring(Monitoring.kubePrometheusStack()
                .grafanaAt("grafana.demo.example.com").grafanaWithoutGuests()).build();
        assertThat((Map<String, Object>) at(grafana(closed), "grafana.ini")).doesNotContainKey("auth.anonymous");
        Cluster internal = Patterns.minimalProduction("demo").monitoring(Monitoring.kubePrometheusStack()).build();
        assertThat(grafana(internal)).doesNotContainKeys("ingress", "grafana.ini");
    }

    @Test
    void refusedWithoutTheStackOrWithABadHost() {
        assertThatThrownBy(() -> Monitoring.off().grafanaAt("grafana.example.com"))
                .hasMessageContaining("Grafana comes with the monitoring stack");
        assertThatThrownBy(() -> Monitoring.kubePrometheusStack().grafanaAt("not a host"))
                .hasMessageContaining("monitoring.grafana.host");
    }
}
