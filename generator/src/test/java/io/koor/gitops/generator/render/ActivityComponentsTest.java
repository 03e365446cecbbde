package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.ActivityScripts;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bots and benchmarks: what decides whether they run, never pile up, stay below applications and find their keys. */
class ActivityComponentsTest {
    static Cluster cluster() {
        return Patterns.minimalProduction("demo")
                .rook(r -> r.filesystem(Filesystem.named("cephfs"))
                        .objectStore(ObjectStore.named("objects").bucket("activity", "churn")
                                .bucket("activity", "benchmark-results").bucket("rook-ceph", "ceph-benchmark-results")
                                .bucket("database", "database-benchmark-results")))
                .apps(a -> a.postgres(PostgresCluster.named("app", "database", "ceph-block")))
                .activity(Activity.none()
                        .churn(ChurnBot.inBucket("activity", "churn").limits(50, 64L << 20))
                        .database(DatabaseBot.against("app"))
                        .visitor(VisitorBot.visiting("activity", "https://cdn.example.org/"))
                        .benchmark(Benchmark.fio("rbd", "activity", "ceph-block", "benchmark-results"))
                        .benchmark(Benchmark.fio("cephfs", "activity", "ceph-filesystem", "benchmark-results"))
                        .benchmark(Benchmark.pgbench("app", "database", "database-benchmark-results"))
                        .benchmark(Benchmark.radosBench("replicapool", "rook-ceph", "ceph-benchmark-results"))
                        .benchmark(Benchmark.wrk("cdn", "activity", "http://cdn.example.org:8080/", "benchmark-results"))
                        .pushgateway("http://prometheus-pushgateway.monitoring.svc:9091"))
                .build();
    }

    private final List<Component> components = ClusterComponents.of(cluster());

    private Component component(String name) {
        return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<HasMetadata> objects(Component component) {
        return component.parts().stream().flatMap(p -> ((Part.Manifests) p).objects().stream()).toList();
    }

    private static HasMetadata object(Component component, String kind) {
        return objects(component).stream().filter(o -> o.getKind().equals(kind)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... path) {
        Object node = root instanceof GenericKubernetesResource r ? r.getAdditionalProperties() : root;
        for (String key : path) {
            node = key.matches("\\d+") ? ((List<Object>) node).get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    private static Map<String, Object> pod(HasMetadata cronJob) {
        return at(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
    }

    @Test
    void theBackgroundClassIsBelowEveryApplicationAndNeverPreempts() {
        HasMetadata priority = object(component(ActivityRenderer.PRIORITY), "PriorityClass");
        assertThat(priority.getMetadata().getName()).isEqualTo(Activity.BACKGROUND_PRIORITY_CLASS);
        assertThat((Integer) at(priority, "value")).isNegative();
        assertThat((String) at(priority, "preemptionPolicy")).isEqualTo("Never");
        assertThat((Boolean) at(priority, "globalDefault")).isFalse();
        for (String bot : List.of("bot-churn", "bot-database", "bot-visitor")) {
            assertThat(component(bot).dependsOn()).contains(ActivityRenderer.PRIORITY);
            assertThat((String) pod(object(component(bot), "CronJob")).get("priorityClassName"))
                    .isEqualTo(Activity.BACKGROUND_PRIORITY_CLASS);
        }
    }

    @Test
    void theChurnBotRunsItsScriptEveryFiveMinutesNeverTwiceAtOnceWithTheClaimsBucketAndKeys() {
        Component churn = component("bot-churn");
        assertThat(churn.layer()).isEqualTo(Layer.APPS);
        assertThat(churn.dependsOn()).contains(ClusterComponents.BUCKETS);
        HasMetadata cronJob = object(churn, "CronJob");
        assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("activity");
        assertThat((String) at(cronJob, "spec", "schedule")).isEqualTo("*/5 * * * *");
        assertThat((String) at(cronJob, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
        assertThat((Integer) at(cronJob, "spec", "jobTemplate", "spec", "activeDeadlineSeconds")).isEqualTo(240);
        Map<String, Object> container = at(pod(cronJob), "containers", "0");
        assertThat(container.get("image")).isEqualTo("amazon/aws-cli:2.32.0");
        assertThat((List<String>) at(container, "command")).containsExactly("bash", "/opt/activity/churn.sh");
        assertThat((String) at(container, "envFrom", "0", "configMapRef", "name")).isEqualTo("churn");
        assertThat((String) at(container, "envFrom", "1", "secretRef", "name")).isEqualTo("churn");
        assertThat((List<Map<String, Object>>) at(container, "env")).contains(
                Map.of("name", "CHURN_MAX_OBJECTS", "value", "50"),
                Map.of("name", "CHURN_MAX_BYTES", "value", Long.toString(64L << 20)));
        assertThat((Object) at(pod(cronJob), "securityContext", "runAsNonRoot")).isEqualTo(true);
        ConfigMap scripts = (ConfigMap) object(churn, "ConfigMap");
        assertThat(scripts.getData()).containsEntry("churn.sh", ActivityScripts.CHURN.text());
        assertThat((String) at(pod(cronJob), "volumes", "0", "configMap", "name"))
                .isEqualTo(scripts.getMetadata().getName());
    }

    @Test
    void theDatabaseBotReadsTheAppSecretAndCarriesTheClientLabelTheInstancesAdmit() {
        Component bot = component("bot-database");
        assertThat(bot.dependsOn()).contains("postgres-app");
        HasMetadata cronJob = object(bot, "CronJob");
        assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("database");
        assertThat((Map<String, String>) at(cronJob, "spec", "jobTemplate", "spec", "template", "metadata", "labels"))
                .containsEntry(PostgresRenderer.CLIENT_LABEL, "app");
        Map<String, Object> container = at(pod(cronJob), "containers", "0");
        assertThat(container.get("image")).isEqualTo(PostgresCluster.DEFAULT_IMAGE);
        assertThat((List<Map<String, Object>>) at(container, "env")).contains(Map.of("name", "PGPASSWORD",
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "app-app", "key", "password"))));
    }

    @Test
    void withMonitoringAndNoPushgatewayNamedTheTreeRunsItsOwnAndBenchmarksPushThere() {
        Cluster cluster = Patterns.minimalProduction("demo")
                .rook(r -> r.objectStore(ObjectStore.named("objects").bucket("rook-ceph", "results")))
                .monitoring(io.koor.gitops.model.monitoring.Monitoring.kubePrometheusStack())
                .activity(Activity.none().benchmark(Benchmark.radosBench("replicapool", "rook-ceph", "results")))
                .build();
        List<Component> all = ClusterComponents.of(cluster);
        Component stack = all.stream().filter(c -> c.name().equals(MonitoringRenderer.STACK)).findFirst().orElseThrow();
        assertThat(stack.parts()).filteredOn(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p)
                .filteredOn(c -> c.chart().equals("prometheus-pushgateway")).singleElement()
                .satisfies(c -> {
                    assertThat(c.version()).isEqualTo("3.8.0");
                    assertThat(c.namespace()).isEqualTo("monitoring");
                    assertThat(c.values()).doesNotContainKey("serviceMonitor");
                });
        Component config = all.stream().filter(c -> c.name().equals(MonitoringRenderer.CONFIG)).findFirst().orElseThrow();
        HasMetadata monitor = object(config, "ServiceMonitor");
        assertThat((Map<String, String>) at(monitor, "spec", "selector", "matchLabels"))
                .containsEntry("app.kubernetes.io/instance", "prometheus-pushgateway");
        Component rados = all.stream().filter(c -> c.name().equals("benchmark-rook-ceph-rados-bench-replicapool"))
                .findFirst().orElseThrow();
        assertThat(rados.dependsOn()).contains(MonitoringRenderer.STACK);
        assertThat((List<Map<String, Object>>) at(pod(object(rados, "CronJob")), "containers", "0", "env"))
                .contains(Map.of("name", "PUSHGATEWAY_URL", "value", "http://prometheus-pushgateway.monitoring.svc:9091"));
    }

    @Test
    void benchmarksAreSuspendedTemplatesThatPublishTheirResultWithTheClaimsKeys() {
        for (String name : List.of("benchmark-activity-fio-rbd-randwrite", "benchmark-activity-fio-cephfs-randwrite",
                "benchmark-database-pgbench-app", "benchmark-rook-ceph-rados-bench-replicapool")) {
            HasMetadata cronJob = object(component(name), "CronJob");
            assertThat((Boolean) at(cronJob, "spec", "suspend")).as(name).isTrue();
            assertThat((String) at(cronJob, "spec", "concurrencyPolicy")).isEqualTo("Forbid");
            assertThat(pod(cronJob)).doesNotContainKey("priorityClassName");
            Map<String, Object> publish = at(pod(cronJob), "containers", "0");
            assertThat(publish.get("image")).isEqualTo("amazon/aws-cli:2.32.0");
            assertThat((List<Map<String, Object>>) at(publish, "env")).contains(
                    Map.of("name", "CLUSTER", "value", "demo"),
                    Map.of("name", "PUSHGATEWAY_URL", "value", "http://prometheus-pushgateway.monitoring.svc:9091"));
        }
        HasMetadata rados = object(component("benchmark-rook-ceph-rados-bench-replicapool"), "CronJob");
        assertThat(rados.getMetadata().getNamespace()).isEqualTo("rook-ceph");
        Map<String, Object> tool = at(pod(rados), "initContainers", "0");
        assertThat(tool.get("image")).isEqualTo(cluster().rook().cephImage().toString());
        List<String> command = at(tool, "command");
        assertThat(command.get(2)).startsWith(ToolsRenderer.CEPH_CONFIG_SCRIPT)
                .endsWith("exec sh /opt/activity/benchmark-run.sh /results \"$@\"");
        assertThat(String.join(" ", command.subList(3, command.size())))
                .isEqualTo("benchmark rados -c /etc/ceph/ceph.conf -p replicapool bench 30 write -b 4194304 -t 16"
                        + " --run-name rados-bench-replicapool");
        HasMetadata fio = object(component("benchmark-activity-fio-rbd-randwrite"), "CronJob");
        assertThat((String) at(pod(fio), "initContainers", "0", "image")).isEqualTo("ghcr.io/kastenhq/kubestr:v0.4.49");
        HasMetadata claim = object(component("benchmark-activity-fio-cephfs-randwrite"), "PersistentVolumeClaim");
        assertThat((String) at(claim, "spec", "storageClassName")).isEqualTo("ceph-filesystem");
        HasMetadata pgbench = object(component("benchmark-database-pgbench-app"), "CronJob");
        List<String> pg = at(pod(pgbench), "initContainers", "0", "command");
        assertThat(pg.get(2)).isEqualTo("pgbench -i -q -s 10 && exec sh /opt/activity/benchmark-run.sh /results \"$@\"");
        assertThat(pg.subList(3, pg.size())).containsExactly("benchmark", "pgbench", "-n", "-c", "4", "-j", "4", "-T", "60");
    }

    @Test
    void wrkRunsInItsOwnImageWithTheReportHookFromTheScriptsConfigMap() {
        Component wrk = component("benchmark-activity-wrk-cdn");
        Map<String, Object> tool = at(pod(object(wrk, "CronJob")), "initContainers", "0");
        assertThat(tool.get("image")).isEqualTo("openeuler/wrk:4.2.0-oe2403sp4");
        List<String> command = at(tool, "command");
        assertThat(command.subList(3, command.size())).containsExactly("benchmark", "wrk", "-t2", "-c16", "-d30s", "-s",
                "/opt/activity/wrk-report.lua", "http://cdn.example.org:8080/");
        ConfigMap scripts = (ConfigMap) object(wrk, "ConfigMap");
        assertThat(scripts.getData()).containsKey("wrk-report.lua");
        assertThat(scripts.getData().get("wrk-report.lua")).isEqualTo(ActivityScripts.WRK_REPORT.text());
        // the other benchmarks carry no hook they do not run
        assertThat(((ConfigMap) object(component("benchmark-activity-fio-rbd-randwrite"), "ConfigMap")).getData())
                .doesNotContainKey("wrk-report.lua");
    }

    @Test
    void theActivityNamespaceMayReachThePagesPortsAndNoOtherPortOutside() {
        HasMetadata egress = objects(component(ActivityRenderer.PRIORITY)).stream()
                .filter(o -> o.getMetadata().getName().equals("activity-egress")).findFirst().orElseThrow();
        assertThat(egress.getMetadata().getNamespace()).isEqualTo("activity");
        List<Map<String, Object>> rules = at(egress, "spec", "egress");
        List<Map<String, Object>> web = rules.stream().filter(r -> r.get("to").toString().contains("ipBlock")).toList();
        assertThat(web).hasSize(1);
        assertThat((List<Object>) at(web.get(0), "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0")),
                Map.of("ipBlock", Map.of("cidr", "::/0")));
        // the visitor's https page and wrk's :8080
        assertThat((List<Object>) at(web.get(0), "ports")).containsExactly(Map.of("protocol", "TCP", "port", 443),
                Map.of("protocol", "TCP", "port", 8080));
    }

    @Test
    void wrkIsRefusedWithoutAPageOrWithAConnectionCountThatIsNoNumber() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Benchmark.wrk("cdn", "activity", "ftp://x/", "r"))
                .hasMessageContaining("parameters.url").hasMessageContaining("http or https URL");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Benchmark.wrk("cdn", "activity", "https://x/", "r")
                        .parameter("connections", "many"))
                .hasMessageContaining("parameters.connections").hasMessageContaining("'many'");
    }
}
