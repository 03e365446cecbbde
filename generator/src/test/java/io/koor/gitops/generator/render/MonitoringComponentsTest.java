package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Platform;
import io.koor.gitops.model.cluster.Platform.Install;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.presets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MonitoringComponentsTest {
    /**
     * Metric names Ceph's mgr prometheus module exports (ceph/ceph src/pybind/mgr/prometheus/module.py:
     * health_status, osd_{up,in}, DF_CLUSTER, DF_POOL, pg_total and pg_&lt;PG_STATES&gt;), as far as the dashboard
     * and the rules use them; anything else in an expression is a typo that would draw an empty panel.
     */
    private static final Set<String> CEPH_METRICS = Set.of("ceph_health_status", "ceph_osd_up", "ceph_osd_in",
            "ceph_cluster_total_bytes", "ceph_cluster_total_used_raw_bytes", "ceph_pool_rd", "ceph_pool_wr",
            "ceph_pool_rd_bytes", "ceph_pool_wr_bytes", "ceph_pool_stored", "ceph_pool_max_avail", "ceph_pool_metadata",
            "ceph_pg_total", "ceph_pg_active", "ceph_pg_clean", "ceph_pg_degraded", "ceph_pg_undersized",
            "ceph_mon_quorum_status", "ceph_mon_metadata");

    private static Map<String, Component> byName(Cluster cluster) {
        return ClusterComponents.of(cluster).stream().collect(Collectors.toMap(Component::name, Function.identity()));
    }

    private static List<Part.ChartInstall> charts(Component component) {
        return component.parts().stream().filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p).toList();
    }

    private static Cluster monitored() {
        return Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack())
                .rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com", "traefik").tls("ceph-tls"))).build();
    }

    @Test
    void theStackReplacesTheBareCrdsChartAndComesBeforeEveryUserOfItsApis() {
        Map<String, Component> components = byName(monitored());
        assertThat(components).doesNotContainKey(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS);
        Component stack = components.get(MonitoringRenderer.STACK);
        assertThat(stack.layer()).isEqualTo(Layer.CONTROLLERS);
        List<Part.ChartInstall> charts = charts(stack);
        assertThat(charts).extracting(Part.ChartInstall::chart).containsExactly("kube-prometheus-stack",
                "prometheus-blackbox-exporter");
        assertThat(charts).extracting(Part.ChartInstall::version).containsExactly(Versions.KUBE_PROMETHEUS_STACK_CHART,
                Versions.BLACKBOX_EXPORTER_CHART);
        Part.ChartInstall kps = charts.get(0);
        assertThat(kps.repositoryUrl()).isEqualTo("https://prometheus-community.github.io/helm-charts");
        // its CRDs live in crds/: replaced on upgrade, and kept when the release goes
        assertThat(kps.crds()).isEqualTo(Part.CrdPolicy.CREATE_REPLACE);
        assertThat(kps.keepCrds()).isTrue();
        assertThat(kps.values().toString()).contains("crds={enabled=true}", "ruleSelectorNilUsesHelmValues=false",
                "serviceMonitorSelectorNilUsesHelmValues=false", "probeSelectorNilUsesHelmValues=false");
        // Rook's ServiceMonitors (cluster), the Ceph rules (tools), the probes and dashboards wait for the stack
        assertThat(components.get(CephClusterRenderer.COMPONENT).dependsOn()).contains(MonitoringRenderer.STACK);
        assertThat(components.get(ClusterComponents.TOOLS).dependsOn()).contains(MonitoringRenderer.STACK);
        assertThat(components.get(MonitoringRenderer.CONFIG).dependsOn()).containsExactly(MonitoringRenderer.STACK);
        assertThat(components.get(MonitoringRenderer.CONFIG).layer()).isEqualTo(Layer.CONFIGS);
    }

    @Test
    void theStackTurnsOnRooksMonitoringAndTheOperatorsRbacForIt() {
        Cluster cluster = monitored();
        assertThat(cluster.rook().monitoring()).isTrue();
        Map<String, Component> components = byName(cluster);
        GenericKubernetesResource ceph = (GenericKubernetesResource) RenderersTest.objects(components.get(CephClusterRenderer.COMPONENT))
                .stream().filter(o -> o.getKind().equals("CephCluster")).findFirst().orElseThrow();
        assertThat(ceph.getAdditionalProperties().get("spec").toString()).contains("monitoring={enabled=true}");
        assertThat(charts(components.get(RookOperatorRenderer.COMPONENT)).get(0).values().toString())
                .contains("monitoring={enabled=true}");
        assertThat(RenderersTest.objects(components.get(ClusterComponents.TOOLS))).extracting(HasMetadata::getKind)
                .contains("PrometheusRule");
        // without monitoring the operator chart keeps its default
        assertThat(charts(byName(Patterns.minimalProduction("q").build()).get(RookOperatorRenderer.COMPONENT)).get(0)
                .values()).doesNotContainKey("monitoring");
    }

    @Test
    void everyPublicEndpointHasAProbeThroughTheBlackboxExporterAndAnAlert() {
        Cluster cluster = Patterns.minimalProduction("p")
                .monitoring(Monitoring.kubePrometheusStack().probe("https://www.example.com/shop"))
                .rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com", "traefik").tls("ceph-tls"))).build();
        List<HasMetadata> config = RenderersTest.objects(byName(cluster).get(MonitoringRenderer.CONFIG));
        List<GenericKubernetesResource> probes = config.stream().filter(o -> o.getKind().equals("Probe"))
                .map(o -> (GenericKubernetesResource) o).toList();
        assertThat(probes).extracting(o -> o.getMetadata().getName())
                .containsExactly("ceph-p-example-com", "www-example-com-shop");
        assertThat(probes.get(0).getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(probes.get(0).getAdditionalProperties().get("spec").toString()).contains(
                "module=http_2xx", "prober={url=prometheus-blackbox-exporter.monitoring.svc:9115}",
                "static=[https://ceph.p.example.com/]");
        GenericKubernetesResource rule = (GenericKubernetesResource) config.stream()
                .filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertThat(rule.getAdditionalProperties().get("spec").toString()).contains("alert=EndpointDown",
                "expr=probe_success == 0", "for=5m");
        // a dashboard without TLS is probed over http
        Cluster plain = Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack())
                .rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com", "traefik"))).build();
        assertThat(PublicEndpoints.of(plain)).extracting(Object::toString).containsExactly("http://ceph.p.example.com/");
        // nothing public, nothing to probe
        assertThat(RenderersTest.objects(byName(Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack())
                .build()).get(MonitoringRenderer.CONFIG))).extracting(HasMetadata::getKind).containsExactly("ConfigMap");
    }

    @Test
    void theCephDashboardIsAConfigMapGrafanasSidecarLoadsAndReadsOnlyMetricsCephExports() throws Exception {
        Map<String, Component> components = byName(monitored());
        ConfigMap dashboard = RenderersTest.objects(components.get(MonitoringRenderer.CONFIG)).stream()
                .filter(o -> o instanceof ConfigMap).map(o -> (ConfigMap) o).findFirst().orElseThrow();
        // the label the chart's sidecar is told to look for
        String values = charts(components.get(MonitoringRenderer.STACK)).get(0).values().toString();
        assertThat(values).contains("label=grafana_dashboard", "labelValue=1", "searchNamespace=ALL");
        assertThat(dashboard.getMetadata().getLabels()).containsExactly(Map.entry("grafana_dashboard", "1"));
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");

        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get("ceph-overview.json"));
        assertThat(json.path("uid").asText()).isEqualTo("koor-ceph-overview");
        List<String> titles = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        Pattern name = Pattern.compile("\\b(ceph_[a-z_]+|ceph:[a-z_:]+)");
        for (JsonNode panel : json.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets")).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                Matcher m = name.matcher(target.path("expr").asText());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        assertThat(titles).containsExactly("Health", "Raw capacity used", "OSDs", "Client IOPS", "Client throughput",
                "Placement groups");
        assertThat(metrics).isNotEmpty().allSatisfy(metric -> assertThat(metric)
                .isIn(union(CEPH_METRICS, Set.of(CephRules.USED_RAW_RATIO))));
        // the recording rule the capacity gauge reads is one the tree defines
        assertThat(RenderersTest.objects(components.get(ClusterComponents.TOOLS)).toString()).contains(CephRules.USED_RAW_RATIO);
    }

    @Test
    void theRulesReadOnlyMetricsCephExports() {
        String spec = ((GenericKubernetesResource) CephRules.prometheusRule("rook-ceph")).getAdditionalProperties()
                .get("spec").toString();
        Matcher m = Pattern.compile("expr=([^,}]+)").matcher(spec);
        Pattern name = Pattern.compile("\\b(ceph_[a-z_]+)");
        int exprs = 0;
        while (m.find()) {
            exprs++;
            Matcher n = name.matcher(m.group(1));
            while (n.find()) {
                assertThat(n.group(1)).isIn(CEPH_METRICS);
            }
        }
        assertThat(exprs).isEqualTo(7);
    }

    @Test
    void clustersThatBringTheirOwnCrdsGetTheStackWithoutThem() {
        Cluster cluster = Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack())
                .platform(Platform.whenNeeded().prometheusOperatorCrds(Install.NEVER)).build();
        assertThat(charts(byName(cluster).get(MonitoringRenderer.STACK)).get(0).values().toString())
                .contains("crds={enabled=false}");
    }

    @Test
    void withoutMonitoringThereIsNoStack() {
        Map<String, Component> components = byName(Patterns.highlyAvailable("ha").build());
        assertThat(components).doesNotContainKeys(MonitoringRenderer.STACK, MonitoringRenderer.CONFIG)
                .containsKey(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
