package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * PostgreSQL through CloudNativePG: the operator from its chart among the controllers, and per
 * database a component in the apps layer with the Cluster (instances one per node on a block
 * StorageClass), its backups to an RGW bucket, the restore cluster when asked for, a PodMonitor when
 * the tree brings the Prometheus Operator's CRDs, and NetworkPolicies that deny all ingress but
 * what CloudNativePG needs.
 */
public final class PostgresRenderer {
    public static final String OPERATOR = "cloudnative-pg";
    public static final String OPERATOR_NAMESPACE = "cnpg-system";
    /** The label a client pod carries to reach a database's instances: {@code postgres.koor.io/client-of: <cluster>}. */
    public static final String CLIENT_LABEL = "postgres.koor.io/client-of";
    /** The instance manager's status endpoint, which the operator polls (CloudNativePG docs, cncf-projects/cilium.md). */
    static final int STATUS_PORT = 8000;
    static final int POSTGRES_PORT = 5432;
    static final int METRICS_PORT = 9187;

    private PostgresRenderer() {
    }

    /** The component that installs a database, {@code postgres-<name>}. */
    public static String component(PostgresCluster db) {
        return "postgres-" + db.name();
    }

    /**
     * The operator. Its chart renders the CRDs as templates already annotated
     * {@code helm.sh/resource-policy: keep} (charts/cloudnative-pg/templates/crds/crds.yaml), so an
     * uninstall leaves every Cluster and Backup in place without a post-renderer. The operator's own
     * PodMonitor stays off: the chart would apply it in the same layer as the CRDs that define its kind.
     * Restricted: the chart runs the operator as 10001 with RuntimeDefault seccomp, no privilege
     * escalation and every capability dropped (charts/cloudnative-pg/values.yaml).
     */
    static Component operator(Cluster cluster) {
        Map<String, Object> values = map("crds", map("create", true));
        Part.ChartInstall chart = new Part.ChartInstall("cnpg", "https://cloudnative-pg.github.io/charts", "cloudnative-pg",
                cluster.apps().cloudNativePgChart().text(), OPERATOR_NAMESPACE, Optional.empty(), Part.CrdPolicy.DEFAULT,
                values);
        return new Component(OPERATOR, Layer.CONTROLLERS, Set.of(), false, List.of(Namespaces.part(cluster, OPERATOR_NAMESPACE, PodSecurity.RESTRICTED), chart));
    }

    /**
     * @param needs       what the database needs besides the operator (the Ceph cluster, the bucket claims)
     * @param podMonitors whether the monitoring.coreos.com CRDs come with the tree
     * @param ownNamespace whether this component creates the namespace (no bucket claim or earlier database does)
     */
    static Component database(Cluster cluster, PostgresCluster db, Set<String> needs, boolean podMonitors,
                              boolean ownNamespace) {
        String ns = db.namespace().value();
        List<HasMetadata> clusters = new ArrayList<>();
        Optional<Map<String, Object>> store = db.backup().map(b -> BarmanCloud.of(cluster, db).barmanObjectStore());
        List<Application> clients = PostgresClients.of(cluster, db);
        HasMetadata primary = cluster(db, db.name().value(), bootstrapFresh(),
                store.map(s -> map("retentionPolicy", db.backup().orElseThrow().retention(), "barmanObjectStore", s)),
                Optional.empty());
        if (!clients.isEmpty()) {
            spec(primary).put("managed", map("roles", PostgresClients.managedRoles(db, clients)));
        }
        clusters.add(primary);
        // The restore reads the same store as the source cluster's backups, under the source's server name.
        db.restoreInto().ifPresent(target -> clusters.add(cluster(db, target.value(), recovery(db), Optional.empty(),
                store.map(s -> map("name", db.name().value(), "barmanObjectStore", s)))));
        List<HasMetadata> rest = new ArrayList<>();

        db.backup().ifPresent(b -> rest.add(labelled(Resources.custom("postgresql.cnpg.io/v1", "ScheduledBackup",
                db.name().value(), ns, map(
                        "schedule", b.schedule(),
                        "immediate", true,
                        "backupOwnerReference", "self",
                        "method", "barmanObjectStore",
                        "cluster", map("name", db.name().value()))), db, db.name().value())));
        rest.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", "default-deny-ingress", ns, map(
                "podSelector", map(),
                "policyTypes", List.of("Ingress"))), db, db.name().value()));
        // the tree's Prometheus scrapes what the PodMonitors name
        boolean scraped = podMonitors && cluster.monitoring().enabled();
        if (!clients.isEmpty()) {
            PostgresClients.databases(db, clients).forEach(d -> rest.add(labelled(d, db, db.name().value())));
            rest.addAll(PostgresClients.credentials(db, clients));
        }
        List<String> clientNamespaces = clients.stream().map(a -> a.namespace().value()).distinct().toList();
        for (HasMetadata instance : clusters) {
            rest.add(instancesPolicy(db, instance.getMetadata().getName(), scraped,
                    instance == primary ? clientNamespaces : List.of()));
            if (podMonitors) {
                rest.add(labelled(Resources.custom("monitoring.coreos.com/v1", "PodMonitor", instance.getMetadata().getName(),
                        ns, map(
                                "selector", map("matchLabels", map("cnpg.io/cluster", instance.getMetadata().getName())),
                                "podMetricsEndpoints", List.of(map("port", "metrics")))), db,
                        instance.getMetadata().getName()));
            }
        }
        Set<String> all = new TreeSet<>(needs);
        all.add(OPERATOR);
        return new Component(component(db), Layer.APPS, all, false,
                List.of(new Part.Manifests(held(cluster, db, clusters, ownNamespace), true), new Part.Manifests(rest)));
    }

    /** The databases, and the namespace that holds them when it is theirs: deleting it deletes them and their volumes. */
    private static List<HasMetadata> held(Cluster cluster, PostgresCluster db, List<HasMetadata> clusters,
                                          boolean ownNamespace) {
        if (!ownNamespace) {
            return clusters;
        }
        String ns = db.namespace().value();
        List<HasMetadata> held = new ArrayList<>();
        held.add(Namespaces.of(cluster, ns, Namespaces.application(cluster, ns)));
        held.addAll(clusters);
        return held;
    }

    /**
     * The instances take PostgreSQL and status connections from the operator's namespace, from each
     * other (replication), PostgreSQL from the pods of the namespace labelled as its clients, and, when the
     * tree's Prometheus scrapes them, the exporter's port from its namespace (CloudNativePG's docs,
     * docs/src/monitoring.md at v1.30.0: each instance's exporter listens "on port 9187, named `metrics`").
     */
    private static HasMetadata instancesPolicy(PostgresCluster db, String name, boolean scraped,
                                               List<String> clientNamespaces) {
        Map<String, Object> fromOperator = map("namespaceSelector",
                map("matchLabels", map("kubernetes.io/metadata.name", OPERATOR_NAMESPACE)));
        Map<String, Object> fromPeers = map("podSelector", map("matchLabels", map("cnpg.io/cluster", name)));
        Map<String, Object> fromClients = map("podSelector", map("matchLabels", map(CLIENT_LABEL, name)));
        List<Object> ingress = new ArrayList<>(List.of(fromOperatorAndPeers(fromOperator, fromPeers),
                fromClients(fromClients)));
        if (scraped) {
            ingress.add(fromPrometheus());
        }
        // the typed applications using it, each from its own namespace (PostgresClients)
        clientNamespaces.forEach(ns -> ingress.add(fromClients(map("namespaceSelector",
                map("matchLabels", map("kubernetes.io/metadata.name", ns))))));
        return labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name + "-instances",
                db.namespace().value(), map(
                        "podSelector", map("matchLabels", map("cnpg.io/cluster", name)),
                        "policyTypes", List.of("Ingress"),
                        "ingress", ingress)), db, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(HasMetadata object) {
        return (Map<String, Object>) ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) object)
                .getAdditionalProperties().get("spec");
    }

    private static Map<String, Object> fromOperatorAndPeers(Map<String, Object> operator, Map<String, Object> peers) {
        return map("from", List.of(operator, peers), "ports", List.of(tcp(STATUS_PORT), tcp(POSTGRES_PORT)));
    }

    private static Map<String, Object> fromClients(Map<String, Object> clients) {
        return map("from", List.of(clients), "ports", List.of(tcp(POSTGRES_PORT)));
    }

    private static Map<String, Object> fromPrometheus() {
        return map("from", List.of(map("namespaceSelector", map("matchLabels",
                map("kubernetes.io/metadata.name", MonitoringRenderer.NAMESPACE)))), "ports", List.of(tcp(METRICS_PORT)));
    }

    private static Map<String, Object> tcp(int port) {
        return map("protocol", "TCP", "port", port);
    }

    private static HasMetadata cluster(PostgresCluster db, String name, Map<String, Object> bootstrap,
                                       Optional<Map<String, Object>> backup, Optional<Map<String, Object>> source) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", db.instances());
        spec.put("imageName", db.image().toString());
        spec.put("bootstrap", bootstrap);
        spec.put("storage", map("storageClass", db.storageClass().value(), "size", db.sizeGi() + "Gi"));
        spec.put("resources", map(
                "requests", map("cpu", db.resources().cpu(), "memory", db.resources().memoryRequest()),
                "limits", map("memory", db.resources().memoryLimit())));
        // One instance per node: a node failure takes one replica, and the operator promotes another.
        spec.put("affinity", map("enablePodAntiAffinity", true, "podAntiAffinityType", "required",
                "topologyKey", "kubernetes.io/hostname"));
        spec.put("topologySpreadConstraints", List.of(map("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
                "whenUnsatisfiable", "DoNotSchedule", "labelSelector", map("matchLabels", map("cnpg.io/cluster", name)))));
        backup.ifPresent(b -> spec.put("backup", b));
        source.ifPresent(s -> spec.put("externalClusters", List.of(s)));
        return labelled(Resources.custom("postgresql.cnpg.io/v1", "Cluster", name, db.namespace().value(), spec), db, name);
    }

    private static Map<String, Object> bootstrapFresh() {
        return map("initdb", map("database", "app", "owner", "app"));
    }

    private static Map<String, Object> recovery(PostgresCluster db) {
        Map<String, Object> recovery = map("source", db.name().value());
        db.restoreTo().ifPresent(t -> recovery.put("recoveryTarget", map("targetTime", t)));
        return map("recovery", recovery);
    }

    /** The gateway of the store holding the backups' bucket claim. */
    static String endpoint(Cluster cluster, PostgresCluster db, BarmanBackup options) {
        return ObjectStoreRenderer.gatewayUrl(cluster, storeOf(cluster, db, options));
    }

    static ObjectStore storeOf(Cluster cluster, PostgresCluster db, BarmanBackup options) {
        return cluster.rook().storeHolding(db.namespace(), options.bucketClaim()).orElseThrow();
    }

    private static HasMetadata labelled(HasMetadata object, PostgresCluster db, String instance) {
        object.getMetadata().setLabels(new java.util.TreeMap<>(Map.of(
                "app.kubernetes.io/name", "postgresql",
                "app.kubernetes.io/instance", instance,
                "app.kubernetes.io/part-of", db.name().value(),
                "app.kubernetes.io/managed-by", "demo-gitops")));
        return object;
    }
}
