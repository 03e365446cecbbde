package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.apps.AppConfig;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.WebRoute;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A typed {@link Application} as Kubernetes objects, with the tree's policies applied by
 * construction: the standard {@code app.kubernetes.io} labels, pods as a non-root UID with no
 * capabilities, no privilege escalation, the runtime's seccomp profile and (unless the workload
 * says otherwise) a read-only root filesystem, which is what Pod Security's "restricted" level
 * requires (kubernetes.io/docs/concepts/security/pod-security-standards); replicas spread over
 * nodes; and a namespace that denies all traffic but what the application declares.
 */
public final class ApplicationRenderer {
    public static final String MANAGED_BY = "demo-gitops";
    /** Rook's RGW pods listen here when the store's port is plain HTTP (pkg/operator/ceph/object/config.go, v1.20.6). */

    private ApplicationRenderer() {
    }

    /** The component that installs {@code app}: {@code app-<name>}. */
    public static String component(Application app) {
        return "app-" + app.name();
    }

    /**
     * @param needs        the components it needs running first (StorageClasses, bucket claims, ingress, issuers)
     * @param ownNamespace whether this component creates the namespace (no bucket claim there does)
     * @param callers      the applications that declared they talk to this one
     */
    public static Component render(Cluster cluster, Application app, Set<String> needs, boolean ownNamespace,
                                   List<Application> callers) {
        String ns = app.namespace().value();
        List<HasMetadata> out = new ArrayList<>();
        if (ownNamespace) {
            out.add(Namespaces.of(cluster, ns, PodSecurity.RESTRICTED)); // restricted by construction (Workload)
        }
        for (AppConfig config : app.configs()) {
            out.add(configMap(app, config));
        }
        for (Workload w : app.workloads()) {
            out.add(workload(cluster, app, w));
            if (w.kind() == Workload.Kind.STATEFUL_SET) {
                out.add(service(app, w, headless(w), true));
            }
            if (!w.ports().isEmpty()) {
                out.add(service(app, w, w.name().value(), false));
            }
        }
        // a MariaDB's user, database and grant live with the application (a PostgreSQL's with the database)
        app.workloads().stream().flatMap(w -> w.databases().stream()).distinct()
                .flatMap(d -> MariaDbClients.named(cluster, d).stream())
                .forEach(db -> out.addAll(MariaDbClients.objects(app, db)));
        out.addAll(NetworkPolicies.of(cluster, app, callers));
        for (WebRoute route : app.routes()) {
            out.add(ingress(cluster, app, route));
        }
        return Component.ofManifests(component(app), Layer.APPS, needs, false, out);
    }

    /** The labels every object of a workload carries (Kubernetes' recommended labels). */
    static Map<String, String> labels(Application app, Workload w) {
        Map<String, String> labels = new TreeMap<>(selector(app, w));
        labels.put("app.kubernetes.io/component", w.component());
        labels.put("app.kubernetes.io/part-of", app.name().value());
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return labels;
    }

    /** What a workload's Service and controller select its pods by: stable for the workload's life. */
    static Map<String, String> selector(Application app, Workload w) {
        return new TreeMap<>(Map.of("app.kubernetes.io/name", w.name().value(),
                "app.kubernetes.io/instance", app.name() + "-" + w.name()));
    }

    static Map<String, String> appLabels(Application app) {
        return appLabels(app.name().value());
    }

    /** The labels of what belongs to an application as a whole (its ConfigMaps, its policies). */
    static Map<String, String> appLabels(String application) {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", application, "app.kubernetes.io/managed-by", MANAGED_BY));
    }

    private static String headless(Workload w) {
        return w.name() + "-pods";
    }

    private static HasMetadata workload(Cluster cluster, Application app, Workload w) {
        String ns = app.namespace().value();
        Map<String, Object> template = map("metadata", map("labels", labels(app, w)), "spec", podSpec(cluster, app, w));
        Map<String, Object> selector = map("matchLabels", selector(app, w));
        HasMetadata object = switch (w.kind()) {
            case DEPLOYMENT -> Resources.custom("apps/v1", "Deployment", w.name().value(), ns, map(
                    "replicas", w.replicas(), "selector", selector, "template", template));
            case STATEFUL_SET -> Resources.custom("apps/v1", "StatefulSet", w.name().value(), ns, map(
                    "serviceName", headless(w), "replicas", w.replicas(), "selector", selector, "template", template,
                    "volumeClaimTemplates", w.claims().stream().map(c -> map(
                            "metadata", map("name", c.name().value(), "labels", labels(app, w)),
                            "spec", map("accessModes", List.of(c.shared() ? "ReadWriteMany" : "ReadWriteOnce"),
                                    "storageClassName", c.storageClass().value(),
                                    "resources", map("requests", map("storage", c.sizeGi() + "Gi"))))).toList()));
            case JOB -> Resources.custom("batch/v1", "Job", w.name().value(), ns, job(template));
            case CRON_JOB -> Resources.custom("batch/v1", "CronJob", w.name().value(), ns, map(
                    "schedule", w.schedule().orElseThrow(),
                    "timeZone", "Etc/UTC",
                    "suspend", w.suspended() ? true : null,
                    // a run still going when the next is due is left to finish, not doubled
                    "concurrencyPolicy", "Forbid",
                    "successfulJobsHistoryLimit", 3,
                    "failedJobsHistoryLimit", 3,
                    "jobTemplate", map("metadata", map("labels", labels(app, w)), "spec", job(template))));
        };
        object.getMetadata().setLabels(labels(app, w));
        return object;
    }

    private static Map<String, Object> job(Map<String, Object> template) {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        spec.put("restartPolicy", "Never");
        return map("backoffLimit", 3, "template", template);
    }

    private static Map<String, Object> podSpec(Cluster cluster, Application app, Workload w) {
        Map<String, Object> spec = new LinkedHashMap<>();
        // The pod talks to no Kubernetes API; a token it does not need is a token that can leak.
        spec.put("automountServiceAccountToken", false);
        spec.put("securityContext", SecurityContexts.pod(w.user()));
        if (w.replicas() > 1) {
            spec.put("topologySpreadConstraints", spread(selector(app, w)));
        }
        List<Map<String, Object>> mounts = new ArrayList<>();
        List<Map<String, Object>> volumes = new ArrayList<>();
        List<String> scratch = new ArrayList<>(w.writable());
        if (w.readOnlyRootFilesystem() && !scratch.contains("/tmp")) {
            scratch.add(0, "/tmp");
        }
        for (int i = 0; i < scratch.size(); i++) {
            String volume = "scratch-" + i;
            volumes.add(map("name", volume, "emptyDir", map()));
            mounts.add(map("name", volume, "mountPath", scratch.get(i)));
        }
        List<String> configs = new ArrayList<>();
        for (Workload.Mount m : w.mounts()) {
            String volume = "config-" + m.config();
            if (!configs.contains(volume)) {
                configs.add(volume);
                // read and run, never written: scripts start with their interpreter or directly
                volumes.add(map("name", volume, "configMap", map("name", m.config().value(), "defaultMode", 0555)));
            }
            mounts.add(map("name", volume, "mountPath", m.path(), "subPath", m.key().orElse(null), "readOnly", true));
        }
        w.claims().forEach(c -> mounts.add(map("name", c.name().value(), "mountPath", c.mountPath())));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", w.name().value());
        container.put("image", w.image().toString());
        if (!w.command().isEmpty()) {
            container.put("command", w.command());
        }
        if (!w.args().isEmpty()) {
            container.put("args", w.args());
        }
        List<Object> env = new ArrayList<>(w.env().entrySet().stream()
                .map(e -> (Object) map("name", e.getKey(), "value", e.getValue())).toList());
        for (var d : w.databases()) {
            var mariadb = MariaDbClients.named(cluster, d);
            env.addAll(mariadb.isPresent() ? MariaDbClients.env(app, mariadb.get()) : PostgresClients.env(postgres(cluster, d)));
        }
        if (!env.isEmpty()) {
            container.put("env", env);
        }
        if (!w.buckets().isEmpty()) {
            // Rook names the Secret (keys) and ConfigMap (endpoint) after the claim, in its namespace
            List<Map<String, Object>> from = new ArrayList<>();
            w.buckets().forEach(b -> {
                from.add(map("configMapRef", map("name", b.value())));
                from.add(map("secretRef", map("name", b.value())));
            });
            container.put("envFrom", from);
        }
        if (!w.ports().isEmpty()) {
            container.put("ports", w.ports().stream().map(p -> map("name", p.name(), "containerPort", p.number(),
                    "protocol", "TCP")).toList());
        }
        container.put("resources", ResourcesRenderer.of(w.resources()));
        container.put("securityContext", containerSecurity(w.readOnlyRootFilesystem()));
        if (!mounts.isEmpty()) {
            container.put("volumeMounts", mounts);
        }
        spec.put("containers", List.of(container));
        if (!volumes.isEmpty()) {
            spec.put("volumes", volumes);
        }
        return spec;
    }

    /** The container's part: no privilege escalation, no capabilities. */
    static Map<String, Object> containerSecurity(boolean readOnlyRootFilesystem) {
        return map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", readOnlyRootFilesystem,
                "runAsNonRoot", true, "capabilities", map("drop", List.of("ALL")));
    }

    /** At most one replica more on any node than on another. */
    static List<Map<String, Object>> spread(Map<String, ?> selector) {
        return List.of(map("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
                "whenUnsatisfiable", "DoNotSchedule", "labelSelector", map("matchLabels", selector)));
    }

    private static HasMetadata service(Application app, Workload w, String name, boolean headless) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (headless) {
            spec.put("clusterIP", "None");
        }
        spec.put("selector", selector(app, w));
        if (!w.ports().isEmpty()) {
            spec.put("ports", w.ports().stream().map(p -> map("name", p.name(), "port", p.number(),
                    "targetPort", p.name(), "protocol", "TCP")).toList());
        }
        HasMetadata service = Resources.custom("v1", "Service", name, app.namespace().value(), spec);
        service.getMetadata().setLabels(labels(app, w));
        return service;
    }

    private static HasMetadata configMap(Application app, AppConfig config) {
        Map<String, Object> data = new TreeMap<>();
        Map<String, Object> binary = new TreeMap<>();
        for (AppConfig.File f : config.files()) {
            if (f instanceof AppConfig.Text t) {
                data.put(t.key(), t.text());
            } else if (f instanceof AppConfig.Binary b) {
                binary.put(b.key(), Base64.getEncoder().encodeToString(b.bytes()));
            } else if (f instanceof AppConfig.Resource r) {
                byte[] bytes = Problems.at("apps.applications[" + app.name() + "].configs[" + config.name()
                        + "].files[" + r.key() + "]", () -> AppFiles.bytes(r.path()));
                Optional<String> text = AppFiles.utf8(bytes);
                if (text.isPresent()) {
                    data.put(r.key(), text.get());
                } else {
                    binary.put(r.key(), Base64.getEncoder().encodeToString(bytes));
                }
            }
        }
        HasMetadata cm = Resources.customWithoutSpec("v1", "ConfigMap", config.name().value(), app.namespace().value(),
                map("data", data.isEmpty() ? null : data, "binaryData", binary.isEmpty() ? null : binary));
        cm.getMetadata().setLabels(appLabels(app));
        return cm;
    }

    /** The PostgreSQL cluster a workload names (Cluster checks there is exactly one of that name). */
    static io.koor.gitops.model.apps.PostgresCluster postgres(Cluster cluster, io.koor.gitops.model.values.DnsLabel name) {
        return cluster.apps().databases().stream().filter(db -> db.name().equals(name)).findFirst().orElseThrow();
    }

    private static HasMetadata ingress(Cluster cluster, Application app, WebRoute route) {
        Workload target = app.workload(route.workload()).orElseThrow();
        Map<String, Object> spec = map("ingressClassName", PlatformRenderer.ingressClass(cluster));
        route.tlsSecret().ifPresent(secret -> spec.put("tls", List.of(map("hosts", List.of(route.host()),
                "secretName", secret))));
        spec.put("rules", List.of(map("host", route.host(), "http", map("paths", List.of(map(
                "path", route.path(),
                "pathType", "Prefix",
                "backend", map("service", map("name", target.name().value(), "port", map("name", route.port())))))))));
        String name = (route.host() + (route.path().equals("/") ? "" : route.path())).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
        HasMetadata ingress = Resources.custom("networking.k8s.io/v1", "Ingress", name, app.namespace().value(), spec);
        ingress.getMetadata().setLabels(labels(app, target));
        // cert-manager's ingress-shim requests the certificate for the TLS hosts into the named Secret
        route.issuer().ifPresent(acme -> ingress.getMetadata().setAnnotations(
                Map.of("cert-manager.io/cluster-issuer", acme.issuerName())));
        return ingress;
    }

    /** The object store whose bucket claim {@code claim} is in the application's namespace. */
}
