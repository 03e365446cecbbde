package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.ActivityScripts;
import io.koor.gitops.generator.apps.ActivitySettings;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bots and benchmarks as CronJobs in the apps layer, each component with the ConfigMap of the scripts
 * it runs (one source: {@link ActivityScripts}). Bots run at the background PriorityClass; runs never
 * overlap ({@code concurrencyPolicy: Forbid}) and each has a deadline. Benchmarks are suspended CronJobs,
 * started with {@code kubectl create job --from=cronjob/<name>}: the tool runs in an init container of its
 * own image, then the publisher turns its output into the result file and uploads it.
 * Plain objects still: the typed workload API has no init-container pipelines yet (design debt, #13).
 */
final class ActivityRenderer {
    static final String PRIORITY = "activity";
    /** Below every application (pods without a class get 0), above nothing the tree runs. */
    static final int BACKGROUND_PRIORITY = -1000;
    private static final int UID = 65532;
    /** The Pushgateway pod's port (prometheus-pushgateway chart 3.8.0: the container listens on 9091, as its Service). */
    private static final int PUSHGATEWAY_POD_PORT = 9091;
    private static final String RESULTS = "/results";

    private ActivityRenderer() {
    }

    /** @param installed the components the tree has, by name (the bots need their buckets' and databases') */
    static List<Component> render(Cluster cluster, Set<String> installed) {
        Activity activity = cluster.activity();
        List<Component> out = new ArrayList<>();
        if (activity.isEmpty()) {
            return out;
        }
        Component common = common(cluster, installed);
        boolean hasCommon = !((Part.Manifests) common.parts().get(0)).objects().isEmpty();
        if (hasCommon) {
            out.add(common);
        }
        Set<String> buckets = installed.contains(ClusterComponents.BUCKETS) ? Set.of(ClusterComponents.BUCKETS) : Set.of();
        activity.churn().ifPresent(bot -> out.add(churn(bot, union(buckets, Set.of(PRIORITY)))));
        activity.database().ifPresent(bot -> {
            PostgresCluster db = database(cluster, bot.database().value());
            out.add(databaseBot(bot, db, Set.of(PRIORITY, PostgresRenderer.component(db))));
        });
        activity.visitor().ifPresent(bot -> out.add(visitor(bot, Set.of(PRIORITY))));
        for (Benchmark b : activity.benchmarks()) {
            Set<String> needs = new TreeSet<>(buckets);
            needs.add(CephClusterRenderer.COMPONENT);
            if (MonitoringRenderer.hasPushgateway(cluster)) {
                needs.add(MonitoringRenderer.STACK);
            }
            if (hasCommon) {
                needs.add(PRIORITY);
            }
            b.database().ifPresent(name -> needs.add(PostgresRenderer.component(database(cluster, name.value()))));
            out.add(benchmark(cluster, b, needs));
        }
        return out;
    }

    /**
     * The background PriorityClass when there are bots, and a default-deny NetworkPolicy in each namespace the
     * activity runs in that no other component covers (Rook's, a database's): bots and benchmarks take no
     * connections. The namespace itself comes from the bucket claims.
     */
    private static Component common(Cluster cluster, Set<String> installed) {
        Activity activity = cluster.activity();
        List<HasMetadata> objects = new ArrayList<>();
        if (activity.hasBots()) {
            objects.add(priorityClass());
        }
        Set<String> namespaces = new TreeSet<>();
        activity.churn().ifPresent(b -> namespaces.add(b.namespace().value()));
        activity.visitor().ifPresent(b -> namespaces.add(b.namespace().value()));
        activity.benchmarks().forEach(b -> namespaces.add(b.namespace().value()));
        namespaces.remove(cluster.rook().namespace().value());
        cluster.apps().databases().forEach(db -> namespaces.remove(db.namespace().value()));
        for (String ns : namespaces) {
            HasMetadata deny = Resources.custom("networking.k8s.io/v1", "NetworkPolicy", "default-deny-ingress", ns,
                    map("podSelector", map(), "policyTypes", List.of("Ingress")));
            deny.getMetadata().setLabels(labels("activity"));
            objects.add(deny);
            // The namespace is its bucket claims', which deny all egress but DNS (ObjectStoreRenderer): the bots
            // and result publishers reach the gateways of the stores they have claims in, the visitor and wrk
            // their pages, and the Pushgateway.
            List<Map<String, Object>> to = new ArrayList<>();
            cluster.rook().objectStores().stream()
                    .filter(store -> store.buckets().stream().anyMatch(c -> c.namespace().value().equals(ns)))
                    .forEach(store -> to.add(NetworkPolicies.toGateways(cluster, store)));
            Set<Integer> webPorts = webPorts(activity, ns);
            if (!webPorts.isEmpty()) {
                to.add(NetworkPolicies.toAnyAddress(webPorts));
            }
            if (MonitoringRenderer.hasPushgateway(cluster)) {
                to.add(map("to", List.of(map("namespaceSelector", map("matchLabels",
                                map("kubernetes.io/metadata.name", MonitoringRenderer.NAMESPACE)))),
                        "ports", List.of(map("protocol", "TCP", "port", PUSHGATEWAY_POD_PORT))));
            }
            if (!to.isEmpty()) {
                HasMetadata egress = NetworkPolicies.egress("activity-egress", ns, map(), to);
                egress.getMetadata().setLabels(labels("activity"));
                objects.add(egress);
            }
        }
        Set<String> needs = installed.contains(ClusterComponents.BUCKETS) ? Set.of(ClusterComponents.BUCKETS) : Set.of();
        return Component.ofManifests(PRIORITY, Layer.APPS, needs, false, objects);
    }

    /** The ports the visitor bot's and wrk's pages in {@code ns} are fetched on. */
    private static Set<Integer> webPorts(Activity activity, String ns) {
        Set<Integer> ports = new TreeSet<>();
        activity.visitor().filter(v -> v.namespace().value().equals(ns)).ifPresent(v -> ports.addAll(v.ports()));
        activity.benchmarks().stream().filter(b -> b.namespace().value().equals(ns))
                .forEach(b -> b.webPort().ifPresent(ports::add));
        return ports;
    }

    private static HasMetadata priorityClass() {
        HasMetadata priority = Resources.customWithoutSpec("scheduling.k8s.io/v1", "PriorityClass",
                Activity.BACKGROUND_PRIORITY_CLASS, null, map(
                        "value", BACKGROUND_PRIORITY,
                        "preemptionPolicy", "Never",
                        "globalDefault", false,
                        "description", "Activity bots on spare capacity: below every application, never preempting,"
                                + " preempted first"));
        return priority;
    }

    private static Component churn(ChurnBot bot, Set<String> needs) {
        String name = "bot-churn";
        String ns = bot.namespace().value();
        Map<String, Object> container = container("churn", Activity.AWS_CLI_IMAGE,
                List.of("bash", ActivityScripts.CHURN.mounted()), env(ActivitySettings.churn(bot)),
                "100m", "128Mi", "512Mi");
        container.put("envFrom", claim(bot.bucketClaim().value()));
        HasMetadata cronJob = cronJob(name, ns, bot.schedule(), false, 240, Map.of(),
                pod(name, List.of(), container, true, List.of()));
        return Component.ofManifests(name, Layer.APPS, needs, false,
                List.of(scripts(name, ns, ActivityScripts.CHURN), cronJob));
    }

    private static Component databaseBot(DatabaseBot bot, PostgresCluster db, Set<String> needs) {
        String name = "bot-database";
        String ns = db.namespace().value();
        Map<String, Object> container = container("database", db.image().toString(),
                List.of("sh", ActivityScripts.DATABASE_BOT.mounted()), pgEnv(db, ActivitySettings.database(bot)),
                "50m", "64Mi", "256Mi");
        HasMetadata cronJob = cronJob(name, ns, bot.schedule(), false, bot.seconds() + 60,
                Map.of(PostgresRenderer.CLIENT_LABEL, db.name().value()), pod(name, List.of(), container, true, List.of()));
        return Component.ofManifests(name, Layer.APPS, needs, false, List.of(
                scripts(name, ns, ActivityScripts.DATABASE_BOT, ActivityScripts.DATABASE_BOT_TRANSACTION), cronJob));
    }

    private static Component visitor(VisitorBot bot, Set<String> needs) {
        String name = "bot-visitor";
        String ns = bot.namespace().value();
        Map<String, Object> container = container("visitor", Activity.CURL_IMAGE,
                List.of("sh", ActivityScripts.VISITOR.mounted()), env(ActivitySettings.visitor(bot)), "50m", "32Mi",
                "128Mi");
        HasMetadata cronJob = cronJob(name, ns, bot.schedule(), false, bot.seconds() + 60, Map.of(),
                pod(name, List.of(), container, true, List.of()));
        return Component.ofManifests(name, Layer.APPS, needs, false,
                List.of(scripts(name, ns, ActivityScripts.VISITOR), cronJob));
    }

    private static Component benchmark(Cluster cluster, Benchmark b, Set<String> needs) {
        String name = b.name().value();
        String ns = b.namespace().value();
        List<HasMetadata> objects = new ArrayList<>();
        List<ActivityScripts> files = new ArrayList<>(List.of(ActivityScripts.BENCHMARK_RUN,
                ActivityScripts.BENCHMARK_RESULT, ActivityScripts.PUBLISH_RESULT));
        if (b.tool() == Benchmark.Tool.WRK) {
            files.add(ActivityScripts.WRK_REPORT);
        }
        objects.add(scripts(name, ns, files.toArray(ActivityScripts[]::new)));
        List<Object> volumes = new ArrayList<>();
        List<Map<String, Object>> init = new ArrayList<>();
        switch (b.tool()) {
            case FIO -> {
                objects.add(claimVolume(name, ns, b));
                volumes.add(map("name", "data", "persistentVolumeClaim", map("claimName", name)));
                Map<String, Object> fio = container("fio", Activity.FIO_IMAGE, bench("sh", "",
                        ActivitySettings.command(b, "/data", "")), List.of(), "500m", "256Mi", "1Gi");
                mounts(fio).add(map("name", "data", "mountPath", "/data"));
                init.add(fio);
            }
            case PGBENCH -> {
                PostgresCluster db = database(cluster, b.database().orElseThrow().value());
                String prepare = ActivitySettings.prepare(b).map(ActivityRenderer::shell).orElseThrow();
                init.add(container("pgbench", db.image().toString(), bench("sh", prepare + " && ",
                        ActivitySettings.command(b, "", "")), pgEnv(db, Map.of()), "500m", "128Mi", "512Mi"));
            }
            case RADOS -> {
                volumes.addAll(ToolsRenderer.cephCredentialVolumes());
                Map<String, Object> rados = container("rados", cluster.rook().cephImage().toString(),
                        bench("bash", ToolsRenderer.CEPH_CONFIG_SCRIPT + "\n",
                                ActivitySettings.command(b, "", "/etc/ceph/ceph.conf")), List.of(), "500m", "256Mi", "1Gi");
                mounts(rados).addAll(ToolsRenderer.cephCredentialMounts());
                init.add(rados);
            }
            case WRK -> init.add(container("wrk", Activity.WRK_IMAGE, bench("sh", "",
                    ActivitySettings.command(b, ActivityScripts.MOUNT, "")), List.of(), "1", "64Mi", "256Mi"));
            default -> throw new IllegalStateException(b.tool().name());
        }
        Map<String, String> resultEnv = new LinkedHashMap<>(ActivitySettings.result(b, cluster.name().value(),
                cephVersion(cluster)));
        cluster.activity().pushgateway()
                .or(() -> MonitoringRenderer.hasPushgateway(cluster) ? Optional.of(MonitoringRenderer.PUSHGATEWAY_URL)
                        : Optional.empty())
                .ifPresent(url -> resultEnv.put("PUSHGATEWAY_URL", url));
        Map<String, Object> publish = container("publish", Activity.AWS_CLI_IMAGE, List.of("sh", "-c",
                "sh " + ActivityScripts.BENCHMARK_RESULT.mounted() + " " + RESULTS + " > " + RESULTS + "/result.json && sh "
                        + ActivityScripts.PUBLISH_RESULT.mounted() + " " + RESULTS + "/result.json"),
                env(resultEnv), "100m", "128Mi", "256Mi");
        publish.put("envFrom", claim(b.resultsClaim().value()));
        Map<String, Object> pod = pod(name, init, publish, false, volumes);
        Map<String, String> labels = b.database().map(d -> Map.of(PostgresRenderer.CLIENT_LABEL, d.value()))
                .orElse(Map.of());
        // never scheduled: suspended, it is the template `kubectl create job --from` starts once
        objects.add(cronJob(name, ns, "0 0 1 1 *", true, b.seconds() + 600, labels, pod));
        return Component.ofManifests("benchmark-" + ns + "-" + name, Layer.APPS, needs, false, objects);
    }

    private static HasMetadata cronJob(String name, String ns, String schedule, boolean suspend, int deadlineSeconds,
                                       Map<String, String> extraLabels, Map<String, Object> podSpec) {
        Map<String, Object> labels = new TreeMap<>(labels(name));
        labels.putAll(extraLabels);
        HasMetadata cronJob = Resources.custom("batch/v1", "CronJob", name, ns, map(
                "schedule", schedule,
                "suspend", suspend,
                "concurrencyPolicy", "Forbid",
                "startingDeadlineSeconds", 120,
                "successfulJobsHistoryLimit", 1,
                "failedJobsHistoryLimit", 2,
                "jobTemplate", map("spec", map(
                        "backoffLimit", 0,
                        "activeDeadlineSeconds", deadlineSeconds,
                        "template", map(
                                "metadata", map("labels", labels),
                                "spec", podSpec)))));
        cronJob.getMetadata().setLabels(labels(name));
        return cronJob;
    }

    private static Map<String, Object> pod(String name, List<Map<String, Object>> init, Map<String, Object> main,
                                           boolean background, List<Object> volumes) {
        List<Object> all = new ArrayList<>();
        all.add(map("name", "scripts", "configMap", map("name", name + "-scripts")));
        all.add(map("name", "tmp", "emptyDir", map()));
        all.add(map("name", "results", "emptyDir", map()));
        all.addAll(volumes);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("restartPolicy", "Never");
        if (background) {
            spec.put("priorityClassName", Activity.BACKGROUND_PRIORITY_CLASS);
        }
        spec.put("securityContext", map("runAsNonRoot", true, "runAsUser", UID, "runAsGroup", UID, "fsGroup", UID,
                "seccompProfile", map("type", "RuntimeDefault")));
        if (!init.isEmpty()) {
            spec.put("initContainers", init);
        }
        spec.put("containers", List.of(main));
        spec.put("volumes", all);
        return spec;
    }

    private static Map<String, Object> container(String name, String image, List<String> command, List<Object> env,
                                                 String cpu, String memory, String memoryLimit) {
        Map<String, Object> container = map("name", name, "image", image, "command", command);
        if (!env.isEmpty()) {
            container.put("env", env);
        }
        container.put("resources", map("requests", map("cpu", cpu, "memory", memory), "limits", map("memory", memoryLimit)));
        container.put("securityContext", map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", map("drop", List.of("ALL"))));
        container.put("volumeMounts", new ArrayList<>(List.of(
                map("name", "scripts", "mountPath", ActivityScripts.MOUNT, "readOnly", true),
                map("name", "tmp", "mountPath", "/tmp"),
                map("name", "results", "mountPath", RESULTS))));
        return container;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mounts(Map<String, Object> container) {
        return (List<Object>) container.get("volumeMounts");
    }

    /** Every variable the scripts read, plus a writable HOME (the aws CLI keeps its cache there). */
    private static List<Object> env(Map<String, String> values) {
        List<Object> env = new ArrayList<>();
        env.add(map("name", "HOME", "value", "/tmp"));
        values.forEach((k, v) -> env.add(map("name", k, "value", v)));
        return env;
    }

    /** libpq's variables from CloudNativePG's {@code <cluster>-app} Secret (pkg/specs/secrets.go: host, port, dbname, username, password). */
    private static List<Object> pgEnv(PostgresCluster db, Map<String, String> more) {
        String secret = db.name() + "-app";
        List<Object> env = env(more);
        for (String[] pair : new String[][] {{"PGHOST", "host"}, {"PGPORT", "port"}, {"PGDATABASE", "dbname"},
                {"PGUSER", "username"}, {"PGPASSWORD", "password"}}) {
            env.add(map("name", pair[0], "valueFrom", map("secretKeyRef", map("name", secret, "key", pair[1]))));
        }
        return env;
    }

    /** The bucket claim's ConfigMap (BUCKET_HOST, BUCKET_NAME, BUCKET_PORT) and Secret (the AWS keys), as Rook names them. */
    private static List<Object> claim(String claim) {
        return List.of(map("configMapRef", map("name", claim)), map("secretRef", map("name", claim)));
    }

    private static HasMetadata claimVolume(String name, String ns, Benchmark b) {
        HasMetadata pvc = Resources.customWithoutSpec("v1", "PersistentVolumeClaim", name, ns, Map.of());
        pvc.getMetadata().setLabels(labels(name));
        ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) pvc).setAdditionalProperty("spec", map(
                "accessModes", List.of("ReadWriteOnce"),
                "storageClassName", b.storageClass().orElseThrow().value(),
                "resources", map("requests", map("storage", b.volumeGi() + "Gi"))));
        return pvc;
    }

    private static HasMetadata scripts(String name, String ns, ActivityScripts... files) {
        Map<String, String> data = new TreeMap<>();
        for (ActivityScripts file : files) {
            data.put(file.file(), file.text());
        }
        return new ConfigMapBuilder().withNewMetadata().withName(name + "-scripts").withNamespace(ns)
                .withLabels(labels(name)).endMetadata().withData(data).build();
    }

    private static Map<String, String> labels(String name) {
        return new TreeMap<>(Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/part-of", "activity",
                "app.kubernetes.io/managed-by", "demo-gitops"));
    }

    private static PostgresCluster database(Cluster cluster, String name) {
        return cluster.apps().databases().stream().filter(db -> db.name().value().equals(name)).findFirst()
                .orElseThrow();
    }

    /** The Ceph release the cluster runs, from its image tag ({@code v19.2.6} is 19.2.6). */
    private static String cephVersion(Cluster cluster) {
        return cluster.rook().cephImage().tag().map(t -> t.startsWith("v") ? t.substring(1) : t).orElse("");
    }

    /**
     * {@code shell -c '<before>exec sh benchmark-run.sh /results "$@"' benchmark <tool...>}: the tool's words as
     * arguments of their own, so nothing in them is parsed by a shell.
     */
    private static List<String> bench(String shell, String before, List<String> tool) {
        List<String> command = new ArrayList<>(List.of(shell, "-c", before + "exec sh " + ActivityScripts.BENCHMARK_RUN.mounted()
                + " " + RESULTS + " \"$@\"", "benchmark"));
        command.addAll(tool);
        return command;
    }

    /** A command line for {@code sh -c}: every word single-quoted. */
    private static String shell(List<String> words) {
        return String.join(" ", words.stream().map(w -> w.matches("[A-Za-z0-9_./:=,-]+") ? w
                : "'" + w.replace("'", "'\\''") + "'").toList());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
