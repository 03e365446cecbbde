package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.ActivityComponentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Logs;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logs in Loki on a Ceph bucket, collected by Alloy through the API server, read in the stack's Grafana. */
class LogsComponentsTest {
    private static Cluster cluster() {
        return Patterns.minimalProduction("demo")
                .rook(r -> r.objectStore(ObjectStore.named("objects").bucket("monitoring", "logs")))
                .monitoring(Monitoring.kubePrometheusStack().logs(Logs.toBucket("logs").retentionDays(14)))
                .build();
    }

    private final List<Component> components = ClusterComponents.of(cluster());

    private Component component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private List<Part.ChartInstall> charts(Component c) {
        return c.parts().stream().filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p).toList();
    }

    @Test
    void lokiThenAlloyAfterTheBucketClaimAndTheStack() {
        Component logs = component(LogsRenderer.COMPONENT);
        assertThat(logs.layer()).isEqualTo(Layer.APPS);
        assertThat(logs.dependsOn()).containsExactlyInAnyOrder(ClusterComponents.BUCKETS, MonitoringRenderer.STACK);
        assertThat(charts(logs)).extracting(Part.ChartInstall::chart).containsExactly("loki", "alloy");
        assertThat(charts(logs)).extracting(Part.ChartInstall::repositoryUrl).containsExactly(
                "https://grafana-community.github.io/helm-charts", "https://grafana.github.io/helm-charts");
        assertThat(charts(logs)).extracting(Part.ChartInstall::version).containsExactly("18.11.0", "1.11.1");
        assertThat(charts(logs)).extracting(Part.ChartInstall::namespace).containsOnly("monitoring");
    }

    @Test
    void lokiKeepsChunksAndIndexInTheClaimsBucketWithTheClaimsKeysFromTheEnvironment() {
        Map<String, Object> values = charts(component(LogsRenderer.COMPONENT)).get(0).values();
        assertThat(values.get("deploymentMode")).isEqualTo("Monolithic");
        assertThat((Map<String, Object>) at(values, "loki", "storage", "bucketNames")).containsEntry("chunks", "logs");
        Map<String, Object> s3 = at(values, "loki", "storage", "s3");
        assertThat(s3).containsEntry("endpoint", "rook-ceph-rgw-objects.rook-ceph.svc:80").containsEntry("insecure", true)
                .containsEntry("s3ForcePathStyle", true).containsEntry("accessKeyId", "${AWS_ACCESS_KEY_ID}");
        // the chart itself passes -config.expand-env=true (templates/_pod.tpl), which puts these into the config
        assertThat((Map<String, Object>) at(values, "singleBinary")).doesNotContainKey("extraArgs");
        assertThat((List<Object>) at(values, "singleBinary", "extraEnv")).contains(Map.of("name", "AWS_SECRET_ACCESS_KEY",
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "logs", "key", "AWS_SECRET_ACCESS_KEY"))));
        assertThat((String) at(values, "loki", "limits_config", "retention_period")).isEqualTo("336h");
        assertThat((Map<String, Object>) at(values, "loki", "compactor")).containsEntry("retention_enabled", true);
    }

    @Test
    void alloyTailsThePodsThroughTheApiAndPushesToLokisGatewayWhichGrafanaReads() {
        Map<String, Object> alloy = charts(component(LogsRenderer.COMPONENT)).get(1).values();
        assertThat((String) at(alloy, "controller", "type")).isEqualTo("deployment");
        String config = at(alloy, "alloy", "configMap", "content");
        assertThat(config).contains("loki.source.kubernetes \"pods\"", "discovery.relabel.pods.output",
                "url = \"http://loki-gateway.monitoring.svc/loki/api/v1/push\"").doesNotContain("/var/log");
        Part.ChartInstall stack = charts(component(MonitoringRenderer.STACK)).stream()
                .filter(c -> c.chart().equals("kube-prometheus-stack")).findFirst().orElseThrow();
        assertThat((List<Object>) at(stack.values(), "grafana", "additionalDataSources")).containsExactly(Map.of(
                "name", "Loki", "type", "loki", "uid", "loki", "access", "proxy", "url", "http://loki-gateway.monitoring.svc"));
    }

    @Test
    void theClaimInTheMonitoringNamespaceAddsNoSecondNamespaceNorADenyPolicyThere() {
        List<HasMetadata> buckets = RenderersTest.objects(component(ClusterComponents.BUCKETS));
        assertThat(buckets).filteredOn(o -> o.getKind().equals("ObjectBucketClaim"))
                .extracting(o -> o.getMetadata().getNamespace()).containsExactly("monitoring");
        assertThat(buckets).noneMatch(o -> o.getKind().equals("Namespace") || o.getKind().equals("NetworkPolicy"));
    }

    @Test
    void logsNeedTheirClaimAndTheStack() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .monitoring(Monitoring.kubePrometheusStack().logs(Logs.toBucket("logs"))).build())
                .hasMessageContaining("monitoring.logs.bucketClaim")
                .hasMessageContaining("add ObjectStore...bucket(\"monitoring\", \"logs\")");
        assertThatThrownBy(() -> Monitoring.off().logs(Logs.toBucket("logs")))
                .hasMessageContaining("logs need the monitoring stack");
    }
}
