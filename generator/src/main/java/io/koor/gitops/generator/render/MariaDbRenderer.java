package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.MariaDbBackup;
import io.koor.gitops.model.apps.MariaDbCluster;
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
 * MariaDB through mariadb-operator (mariadb-operator/mariadb-operator, every field checked against the
 * CRDs and docs at tag v25.10.3): the operator from its chart among the controllers, and per database a
 * component in the apps layer with the Galera {@code MariaDB} (one pod per node on a block StorageClass,
 * passwords the operator generates into Secrets of its own), its scheduled {@code Backup} to an RGW
 * bucket, and NetworkPolicies that deny all ingress but what Galera, the operator and Prometheus need.
 */
public final class MariaDbRenderer {
    public static final String OPERATOR = "mariadb-operator";
    public static final String OPERATOR_NAMESPACE = "mariadb-operator";
    static final int MARIADB_PORT = 3306;
    /** Galera's SST, group communication and IST ports (pkg/controller/galera/resources/resources.go). */
    static final List<Integer> GALERA_PORTS = List.of(4444, 4567, 4568);
    /** The Galera agent's API and probe ports, which the operator calls (api/v1alpha1/base_types.go Agent defaults). */
    static final List<Integer> AGENT_PORTS = List.of(5555, 5566);
    /** mysqld-exporter's port (api/v1alpha1/mariadb_types.go metrics defaults). */
    static final int EXPORTER_PORT = 9104;

    private MariaDbRenderer() {
    }

    /** The component that installs a database, {@code mariadb-<name>}. */
    public static String component(MariaDbCluster db) {
        return "mariadb-" + db.name();
    }

    /**
     * The operator, with the mariadb-operator-crds chart as its dependency ({@code crds.enabled}): upstream
     * ships the CRDs as a chart of their own so they outlive the operator (docs/helm.md), and one release
     * installing both keeps them ordered (Helm applies CRDs before the Deployment) while the tree keeps them on
     * uninstall. Its templates have no resource-policy annotation, hence {@code keepCrds}. The webhook's
     * certificate comes from the chart's own cert-controller (no cert-manager). Restricted: the image runs as
     * 65532 (its Dockerfile: distroless static, USER 65532:65532), and the three pods get RuntimeDefault seccomp,
     * no privilege escalation and no capabilities through their values (values.yaml podSecurityContext and
     * securityContext at the top, under webhook and under certController). The operator's own ServiceMonitor
     * stays off, as CloudNativePG's PodMonitor does.
     */
    static Component operator(Cluster cluster) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("crds", map("enabled", true));
        values.putAll(restricted());
        values.put("webhook", restricted());
        values.put("certController", restricted());
        Part.ChartInstall chart = new Part.ChartInstall("mariadb-operator", "https://helm.mariadb.com/mariadb-operator",
                "mariadb-operator", cluster.apps().mariadbOperatorChart().text(), OPERATOR_NAMESPACE, Optional.empty(),
                Part.CrdPolicy.DEFAULT, values, true);
        return new Component(OPERATOR, Layer.CONTROLLERS, Set.of(),
                false, List.of(Namespaces.part(cluster, OPERATOR_NAMESPACE, PodSecurity.RESTRICTED), chart));
    }

    private static Map<String, Object> restricted() {
        return map(
                "podSecurityContext", map("runAsNonRoot", true, "seccompProfile", map("type", "RuntimeDefault")),
                "securityContext", map("allowPrivilegeEscalation", false, "capabilities", map("drop", List.of("ALL"))));
    }

    /**
     * @param needs        what the database needs besides the operator (the Ceph cluster, the bucket claims)
     * @param metrics      whether the tree runs Prometheus: the operator then creates the exporter and its ServiceMonitor
     * @param ownNamespace whether this component creates the namespace (no bucket claim or earlier database does)
     */
    static Component database(Cluster cluster, MariaDbCluster db, Set<String> needs, boolean metrics, boolean ownNamespace) {
        String ns = db.namespace().value();
        String name = db.name().value();
        List<HasMetadata> objects = new ArrayList<>();
        if (ownNamespace) {
            objects.add(Namespaces.of(cluster, ns, Namespaces.application(cluster, ns)));
        }
        objects.add(labelled(Resources.custom("k8s.mariadb.com/v1alpha1", "MariaDB", name, ns, spec(db, metrics)), db));
        db.backup().ifPresent(b -> objects.add(labelled(Resources.custom("k8s.mariadb.com/v1alpha1", "Backup", name, ns,
                backup(cluster, db, b)), db)));
        objects.addAll(policies(db, metrics, MariaDbClients.of(cluster, db).stream().map(a -> a.namespace().value())
                .distinct().toList()));
        Set<String> all = new TreeSet<>(needs);
        all.add(OPERATOR);
        List<HasMetadata> data = objects.stream().filter(o -> o.getKind().equals("MariaDB")).toList();
        List<HasMetadata> rest = objects.stream().filter(o -> !o.getKind().equals("MariaDB")).toList();
        return new Component(component(db), Layer.APPS, all, false,
                List.of(new Part.Manifests(data, true), new Part.Manifests(rest)));
    }

    /**
     * Galera with its config on the data volume (one PVC per pod, on the block class: docs/galera.md
     * reuseStorageVolume), automatic primary failover, required anti-affinity (one pod per node,
     * docs/high_availability.md), a budget of one pod down, and the root and application passwords generated
     * by the operator into Secrets ({@code generate: true}), so none is in Git.
     */
    private static Map<String, Object> spec(MariaDbCluster db, boolean metrics) {
        String name = db.name().value();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("image", db.image().toString());
        spec.put("replicas", db.replicas());
        spec.put("rootPasswordSecretKeyRef", map("name", name + "-root", "key", "password", "generate", true));
        spec.put("username", "app");
        spec.put("passwordSecretKeyRef", map("name", name + "-app", "key", "password", "generate", true));
        spec.put("database", "app");
        spec.put("storage", map("size", db.sizeGi() + "Gi", "storageClassName", db.storageClass().value()));
        spec.put("galera", map("enabled", true, "primary", map("autoFailover", true),
                "config", map("reuseStorageVolume", true)));
        spec.put("affinity", map("antiAffinityEnabled", true));
        spec.put("podDisruptionBudget", map("maxUnavailable", 1));
        spec.put("resources", map(
                "requests", map("cpu", db.resources().cpu(), "memory", db.resources().memoryRequest()),
                "limits", map("memory", db.resources().memoryLimit())));
        if (metrics) {
            spec.put("metrics", map("enabled", true));
        }
        return spec;
    }

    /**
     * A scheduled logical backup into the claimed bucket, under a prefix named for the database, through the
     * store's gateway Service; the keys are the claim Secret's (docs/logical_backup.md, S3 storage). Rook's
     * gateway ignores the region, which the S3 signature still needs.
     */
    private static Map<String, Object> backup(Cluster cluster, MariaDbCluster db, MariaDbBackup b) {
        ObjectStore store = cluster.rook().storeHolding(db.namespace(), b.bucketClaim()).orElseThrow();
        boolean tls = store.tlsSecret().isPresent();
        String claim = b.bucketClaim().value();
        return map(
                "mariaDbRef", map("name", db.name().value()),
                "schedule", map("cron", b.schedule(), "suspend", false),
                "maxRetention", b.maxRetention(),
                "compression", b.compression(),
                "storage", map("s3", map(
                        "bucket", claim,
                        "prefix", db.name().value(),
                        "endpoint", endpoint(cluster, store),
                        "region", "us-east-1",
                        "accessKeyIdSecretKeyRef", map("name", claim, "key", BarmanCloud.ACCESS_KEY_ENV),
                        "secretAccessKeySecretKeyRef", map("name", claim, "key", BarmanCloud.SECRET_KEY_ENV),
                        "tls", map("enabled", tls))));
    }

    /** The store's gateway Service as host:port, which is how the Backup's S3 endpoint is written. */
    static String endpoint(Cluster cluster, ObjectStore store) {
        return ObjectStoreRenderer.gatewayAddress(cluster, store, store.tlsSecret().isPresent());
    }

    /**
     * Ingress denied but: to the MariaDB pods from the namespace's own pods (Galera peers, the backup Jobs, the
     * exporter, clients) on MariaDB's and Galera's ports, and from the operator on MariaDB's and the agent's;
     * to the exporter from Prometheus' namespace when metrics are on; from the namespaces of the applications using
     * it, on MariaDB's port.
     */
    private static List<HasMetadata> policies(MariaDbCluster db, boolean metrics, List<String> clientNamespaces) {
        String ns = db.namespace().value();
        String name = db.name().value();
        List<HasMetadata> out = new ArrayList<>();
        out.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name + "-default-deny-ingress", ns,
                map("podSelector", map(), "policyTypes", List.of("Ingress"))), db));
        List<Map<String, Object>> peerPorts = new ArrayList<>();
        peerPorts.add(tcp(MARIADB_PORT));
        GALERA_PORTS.forEach(p -> peerPorts.add(tcp(p)));
        AGENT_PORTS.forEach(p -> peerPorts.add(tcp(p)));
        List<Map<String, Object>> operatorPorts = new ArrayList<>();
        operatorPorts.add(tcp(MARIADB_PORT));
        AGENT_PORTS.forEach(p -> operatorPorts.add(tcp(p)));
        out.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name + "-instances", ns, map(
                "podSelector", map("matchLabels", map("app.kubernetes.io/name", "mariadb", "app.kubernetes.io/instance", name)),
                "policyTypes", List.of("Ingress"),
                "ingress", instancesIngress(peerPorts, operatorPorts, clientNamespaces))), db));
        if (metrics) {
            out.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name + "-metrics", ns, map(
                    "podSelector", map("matchLabels", map("app.kubernetes.io/name", "exporter",
                            "app.kubernetes.io/instance", name + "-metrics")),
                    "policyTypes", List.of("Ingress"),
                    "ingress", List.of(map("from", List.of(namespace(MonitoringRenderer.NAMESPACE)),
                            "ports", List.of(tcp(EXPORTER_PORT)))))), db));
        }
        return out;
    }

    private static List<Object> instancesIngress(List<Map<String, Object>> peerPorts,
                                                 List<Map<String, Object>> operatorPorts, List<String> clientNamespaces) {
        List<Object> rules = new ArrayList<>(List.of(
                map("from", List.of(map("podSelector", map())), "ports", peerPorts),
                map("from", List.of(namespace(OPERATOR_NAMESPACE)), "ports", operatorPorts)));
        if (!clientNamespaces.isEmpty()) {
            rules.add(map("from", clientNamespaces.stream().map(n -> (Object) namespace(n)).toList(),
                    "ports", List.of(tcp(MARIADB_PORT))));
        }
        return rules;
    }

    private static Map<String, Object> namespace(String name) {
        return map("namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", name)));
    }

    private static Map<String, Object> tcp(int port) {
        return map("protocol", "TCP", "port", port);
    }

    private static HasMetadata labelled(HasMetadata object, MariaDbCluster db) {
        object.getMetadata().setLabels(new java.util.TreeMap<>(Map.of(
                "app.kubernetes.io/name", "mariadb",
                "app.kubernetes.io/instance", db.name().value(),
                "app.kubernetes.io/part-of", db.name().value(),
                "app.kubernetes.io/managed-by", "demo-gitops")));
        return object;
    }
}
