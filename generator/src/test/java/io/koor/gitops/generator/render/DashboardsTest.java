package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.koor.gitops.generator.apps.ActivityScripts;
import io.koor.gitops.generator.monitoring.Promtool;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards provisioned from Git: which a cluster gets, that every query of each is PromQL Prometheus
 * accepts ({@code promtool check rules} on each query as a recording rule), and that the benchmark dashboard
 * reads exactly the metrics the benchmarks push.
 */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Cluster everything() {
        return Patterns.minimalProduction("demo")
                .rook(r -> r.objectStore(ObjectStore.named("objects").bucket("activity", "benchmark-results")))
                .apps(a -> a.postgres(PostgresCluster.named("app", "database", "ceph-block"))
                        .mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block")))
                .monitoring(Monitoring.kubePrometheusStack().probe("https://www.example.com/"))
                .activity(Activity.none().benchmark(Benchmark.fio("rbd", "activity", "ceph-block", "benchmark-results")))
                .build();
    }

    @Test
    void aClusterGetsTheDashboardsOfWhatItRuns() {
        assertThat(MonitoringRenderer.dashboards(everything())).extracting(GrafanaDashboard::name)
                .containsExactly("ceph-overview", "applications", "benchmarks");
        Cluster bare = Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack()).build();
        assertThat(MonitoringRenderer.dashboards(bare)).extracting(GrafanaDashboard::name).containsExactly("ceph-overview");
        // a database without public endpoints: its section only
        Cluster db = Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack())
                .apps(a -> a.postgres(PostgresCluster.named("app", "database", "ceph-block"))).build();
        String json = ApplicationsDashboard.dashboard(db).json();
        assertThat(json).contains("cnpg_collector_up").doesNotContain("probe_success", "mysql_up");
    }

    @Test
    void eachDashboardIsAConfigMapForTheSidecarWithValidJsonAndDistinctPanelIds() throws IOException {
        for (GrafanaDashboard dashboard : MonitoringRenderer.dashboards(everything())) {
            ConfigMap map = (ConfigMap) dashboard.configMap("monitoring", "grafana_dashboard", "1");
            assertThat(map.getMetadata().getName()).isEqualTo("grafana-dashboard-" + dashboard.name());
            JsonNode model = JSON.readTree(map.getData().get(dashboard.name() + ".json"));
            assertThat(model.path("uid").asText()).startsWith("koor-");
            Set<Integer> ids = new TreeSet<>();
            model.path("panels").forEach(p -> assertThat(ids.add(p.path("id").asInt())).isTrue());
            model.path("panels").forEach(p -> {
                Set<String> refs = new TreeSet<>();
                p.path("targets").forEach(t -> assertThat(refs.add(t.path("refId").asText())).as(p.toString()).isTrue());
            });
        }
    }

    @Test
    void everyQueryIsPromqlPrometheusAccepts() throws IOException {
        Promtool.assumeAvailable();
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        int i = 0;
        for (GrafanaDashboard dashboard : MonitoringRenderer.dashboards(everything())) {
            for (String expr : dashboard.expressions()) {
                rules.addObject().put("record", "dashboard:" + dashboard.name().replace('-', '_') + ":" + i++).put("expr", expr);
            }
        }
        assertThat(i).isGreaterThan(20);
        assertThat(check(rules).exitCode()).as(check(rules).output()).isZero();
        // and the check is not blind: one broken query fails it
        ((ObjectNode) rules.get(0)).put("expr", "max by (benchmark (benchmark_errors)");
        assertThat(check(rules).exitCode()).isNotZero();
    }

    @Test
    void theBenchmarkDashboardReadsWhatTheBenchmarksPush() {
        Set<String> pushed = new TreeSet<>();
        Matcher m = Pattern.compile("\"(benchmark_[a-z_]+)\"").matcher(ActivityScripts.PUBLISH_RESULT.text());
        while (m.find()) {
            pushed.add(m.group(1));
        }
        assertThat(pushed).containsExactlyInAnyOrderElementsOf(BenchmarkDashboard.METRICS);
        Set<String> read = new TreeSet<>();
        Matcher q = Pattern.compile("benchmark_[a-z_]+").matcher(String.join(" ", BenchmarkDashboard.dashboard().expressions()));
        while (q.find()) {
            read.add(q.group());
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(BenchmarkDashboard.METRICS);
    }

    private Promtool.Run check(ArrayNode rules) throws IOException {
        ObjectNode file = JsonNodeFactory.instance.objectNode();
        file.putArray("groups").addObject().put("name", "dashboards").set("rules", rules);
        Path path = dir.resolve("dashboards.yaml");
        new ObjectMapper(new YAMLFactory()).writeValue(path.toFile(), file);
        return Promtool.run(dir, "check", "rules", path.toString());
    }
}
