package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.DekorateApplication;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Every component a cluster's definition asks for, rendered. The single list renderers are added to. */
public final class ClusterComponents {
    public static final String FILESYSTEMS = "ceph-filesystems";
    public static final String OBJECT_STORES = "ceph-object-stores";
    public static final String TOOLS = "ceph-tools";
    public static final String BUCKETS = "ceph-buckets";

    private ClusterComponents() {
    }

    public static List<Component> of(Cluster cluster) {
        RookCeph rook = cluster.rook();
        Set<String> operator = Set.of(RookOperatorRenderer.COMPONENT);
        List<Component> components = new ArrayList<>();
        components.add(NetworkPluginRenderer.render(cluster));
        components.add(RookOperatorRenderer.render(cluster));
        RookOperatorRenderer.csiDrivers(cluster).ifPresent(components::add);
        List<Component> platform = PlatformRenderer.render(cluster);
        components.addAll(platform);
        List<Component> monitoringStack = MonitoringRenderer.render(cluster);
        components.addAll(monitoringStack);
        components.addAll(AccessRenderer.render(cluster));
        components.addAll(DexRenderer.render(cluster));
        Set<String> installed = union(platform.stream().map(Component::name).collect(Collectors.toSet()),
                monitoringStack.stream().map(Component::name).collect(Collectors.toSet()));
        // What each config needs besides the operator, when the tree installs it.
        Set<String> snapshots = neededIf(PlatformRenderer.needsSnapshots(rook), PlatformRenderer.SNAPSHOT_CONTROLLER,
                installed);
        Set<String> monitoring = neededIf(PlatformRenderer.needsPrometheusCrds(rook), prometheusCrds(cluster), installed);
        // the dashboard's Ingress, among the tools
        Set<String> ingress = union(
                neededIf(rook.dashboard().isPresent(), PlatformRenderer.INGRESS_CONTROLLER, installed),
                neededIf(rook.dashboard().flatMap(d -> d.issuer()).isPresent(), PlatformRenderer.CERT_ISSUERS, installed));
        components.add(CephClusterRenderer.render(cluster, union(operator, snapshots, monitoring)));
        if (!rook.filesystems().isEmpty()) {
            List<HasMetadata> objects = new ArrayList<>();
            rook.filesystems().forEach(fs -> objects.addAll(FilesystemRenderer.render(cluster, fs)));
            if (rook.snapshotClasses()) {
                objects.add(ToolsRenderer.filesystemSnapshotClass(rook));
            }
            components.add(Component.ofCeph(FILESYSTEMS, Layer.CONFIGS, union(operator, snapshots), true, objects));
        }
        if (!rook.objectStores().isEmpty()) {
            components.add(Component.ofCeph(OBJECT_STORES, Layer.CONFIGS, operator, true, rook.objectStores()
                    .stream().flatMap(store -> ObjectStoreRenderer.render(cluster, store).stream()).toList()));
        }
        var tools = ToolsRenderer.render(rook);
        if (!tools.isEmpty()) {
            components.add(Component.ofManifests(TOOLS, Layer.CONFIGS, union(operator, monitoring, ingress), false, tools));
        }
        var claims = ObjectStoreRenderer.bucketClaims(cluster);
        if (!claims.isEmpty()) {
            // Deleting a claim deletes its bucket with everything in it (Rook v1.20.6 deleteBucket in
            // pkg/operator/ceph/object/bucket/rgw-handlers.go: "delete bucket with purge option"), and so does
            // deleting its namespace: the claims and their namespaces are retained, as the Ceph cluster is.
            List<HasMetadata> held = claims.stream()
                    .filter(o -> o.getKind().equals("ObjectBucketClaim") || o.getKind().equals("Namespace")).toList();
            List<HasMetadata> rest = claims.stream().filter(o -> !held.contains(o)).toList();
            components.add(new Component(BUCKETS, Layer.APPS, Set.of(OBJECT_STORES), false, rest.isEmpty()
                    ? List.of(new Part.Manifests(held, true))
                    : List.of(new Part.Manifests(held, true), new Part.Manifests(rest))));
        }
        components.addAll(databases(cluster, installed, !claims.isEmpty()));
        components.addAll(applications(cluster, installed));
        cluster.apps().velero().ifPresent(velero -> components.add(VeleroRenderer.render(cluster, velero, union(
                Set.of(BUCKETS, CephClusterRenderer.COMPONENT),
                neededIf(true, PlatformRenderer.SNAPSHOT_CONTROLLER, installed)))));
        // the stream's namespace comes with its bucket claim; its Ingress needs the controller and, for an
        // ACME certificate, the issuers, when the tree installs them
        cluster.apps().streaming().ifPresent(stream -> components.add(StreamingRenderer.render(cluster, stream, union(
                Set.of(BUCKETS),
                neededIf(true, PlatformRenderer.INGRESS_CONTROLLER, installed),
                neededIf(stream.issuer().isPresent(), PlatformRenderer.CERT_ISSUERS, installed)),
                installed.contains(PlatformRenderer.INGRESS_CONTROLLER)
                        ? Optional.of(PlatformRenderer.INGRESS_NAMESPACE) : Optional.empty())));
        // after its bucket, the Ceph cluster (the cache's block volumes), and the ingress and issuers the tree runs
        cluster.apps().cdn().ifPresent(cdn -> components.add(CdnRenderer.render(cluster, cdn, union(
                Set.of(BUCKETS, CephClusterRenderer.COMPONENT),
                neededIf(true, PlatformRenderer.INGRESS_CONTROLLER, installed),
                neededIf(true, PlatformRenderer.CERT_ISSUERS, installed)), PlatformRenderer.ingressNamespace(cluster))));
        // Loki after its bucket claim (its keys) and the stack (its namespace, Grafana), then Alloy
        cluster.monitoring().logs().ifPresent(logs -> components.add(LogsRenderer.render(cluster, logs,
                Set.of(BUCKETS, MonitoringRenderer.STACK))));
        // the session Job once Rook's namespace is there; the console after the Ceph cluster (its post-install Job
        // talks to the mons) and, for its Ingress, the controller and issuers the tree runs
        cluster.apps().dataControlCenter().ifPresent(dcc -> components.addAll(DataControlCenterRenderer.render(cluster,
                dcc, operator, union(Set.of(CephClusterRenderer.COMPONENT),
                        neededIf(dcc.host().isPresent(), PlatformRenderer.INGRESS_CONTROLLER, installed),
                        neededIf(dcc.host().isPresent(), PlatformRenderer.CERT_ISSUERS, installed)))));
        components.addAll(ActivityRenderer.render(cluster,
                components.stream().map(Component::name).collect(Collectors.toSet())));
        return components;
    }

    /** CloudNativePG and mariadb-operator, and their databases, when the definition has any. */
    private static List<Component> databases(Cluster cluster, Set<String> installed, boolean claims) {
        List<PostgresCluster> databases = cluster.apps().databases();
        List<Component> out = new ArrayList<>();
        // A namespace is made once: by the bucket claims when one is there, else by its first database.
        Set<String> namespaces = cluster.rook().objectStores().stream().flatMap(s -> s.buckets().stream())
                .map(c -> c.namespace().value()).collect(Collectors.toCollection(TreeSet::new));
        // PodMonitors only when the tree brings their CRDs, and then after them
        Set<String> podMonitorCrds = neededIf(true, prometheusCrds(cluster), installed);
        if (!databases.isEmpty()) {
            out.add(PostgresRenderer.operator(cluster));
        }
        if (!cluster.apps().mariadbs().isEmpty()) {
            out.add(MariaDbRenderer.operator(cluster));
        }
        // mariadb-operator creates the exporter's ServiceMonitor itself: only with the tree's Prometheus
        Set<String> prometheus = neededIf(cluster.monitoring().enabled(), MonitoringRenderer.STACK, installed);
        for (MariaDbCluster db : cluster.apps().mariadbs()) {
            Set<String> needs = new TreeSet<>(Set.of(CephClusterRenderer.COMPONENT));
            if (db.backup().isPresent() && claims) {
                needs.add(BUCKETS);
            }
            needs.addAll(prometheus);
            out.add(MariaDbRenderer.database(cluster, db, needs, !prometheus.isEmpty(), namespaces.add(db.namespace().value())));
        }
        for (PostgresCluster db : databases) {
            Set<String> needs = new TreeSet<>(Set.of(CephClusterRenderer.COMPONENT));
            if (db.backup().isPresent() && claims) {
                needs.add(BUCKETS);
            }
            needs.addAll(podMonitorCrds);
            out.add(PostgresRenderer.database(cluster, db, needs, !podMonitorCrds.isEmpty(),
                    namespaces.add(db.namespace().value())));
        }
        return out;
    }

    /**
     * The typed applications, each after what it uses: the components with the StorageClasses its claims
     * name, the bucket claims, the ingress controller and the certificate issuers its routes need.
     */
    private static List<Component> applications(Cluster cluster, Set<String> installed) {
        RookCeph rook = cluster.rook();
        Set<String> claimNamespaces = rook.objectStores().stream().flatMap(s -> s.buckets().stream())
                .map(c -> c.namespace().value()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> blockClasses = rook.blockPools().stream().flatMap(p -> p.storageClass().stream())
                .map(c -> c.value()).collect(Collectors.toSet());
        List<Component> out = new ArrayList<>();
        for (Application app : cluster.apps().applications()) {
            Set<String> needs = new TreeSet<>();
            for (Workload w : app.workloads()) {
                w.claims().forEach(c -> needs.add(blockClasses.contains(c.storageClass().value())
                        ? CephClusterRenderer.COMPONENT : FILESYSTEMS));
                if (!w.buckets().isEmpty()) {
                    needs.add(BUCKETS);
                }
            }
            if (!app.routes().isEmpty()) {
                needs.addAll(neededIf(true, PlatformRenderer.INGRESS_CONTROLLER, installed));
            }
            if (app.routes().stream().anyMatch(r -> r.issuer().isPresent())) {
                needs.addAll(neededIf(true, PlatformRenderer.CERT_ISSUERS, installed));
            }
            List<Application> callers = cluster.apps().applications().stream()
                    .filter(a -> a.talksTo().contains(app.name())).toList();
            out.add(ApplicationRenderer.render(cluster, app, needs, !claimNamespaces.contains(app.namespace().value()),
                    callers));
        }
        for (DekorateApplication app : cluster.apps().dekorate()) {
            Set<String> needs = new TreeSet<>();
            if (!rook.blockPools().isEmpty()) {
                needs.add(CephClusterRenderer.COMPONENT); // its claims, if any, name the cluster's StorageClasses
            }
            if (DekorateRenderer.hasIngress(app)) {
                needs.addAll(neededIf(true, PlatformRenderer.INGRESS_CONTROLLER, installed));
            }
            out.add(DekorateRenderer.render(cluster, app, needs, !claimNamespaces.contains(app.namespace().value())));
        }
        return out;
    }

    /** The component that brings the monitoring.coreos.com CRDs: the stack when monitoring is on, else their own chart. */
    private static String prometheusCrds(Cluster cluster) {
        return cluster.monitoring().enabled() ? MonitoringRenderer.STACK : PlatformRenderer.PROMETHEUS_OPERATOR_CRDS;
    }

    private static Set<String> neededIf(boolean needed, String component, Set<String> installed) {
        return needed && installed.contains(component) ? Set.of(component) : Set.of();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
