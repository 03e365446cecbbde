package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.ceph.RookCsiDrivers;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Rook operator, installed from its pinned Helm chart into its own Namespace, and from Rook v1.20
 * on the CSI drivers beside it (see {@link RookCsiDrivers}).
 */
public final class RookOperatorRenderer {
    public static final String COMPONENT = "rook-ceph-operator";
    public static final String CSI_DRIVERS = "ceph-csi-drivers";

    private RookOperatorRenderer() {
    }

    public static Component render(Cluster cluster) {
        RookCeph rook = cluster.rook();
        String namespace = rook.namespace().value();
        ChartSource chart = rook.operatorChart();
        // Deleting the namespace would delete the Ceph cluster and everything in it: retained. Privileged:
        // Rook runs the OSDs privileged (pkg/operator/ceph/cluster/osd/spec.go at v1.20.6,
        // PrivilegedContext(true)) and the CSI node plugins with host networking and hostPath.
        Part.Manifests ns = new Part.Manifests(List.of(Namespaces.of(cluster, namespace, PodSecurity.PRIVILEGED)), true);
        Part.ChartInstall operator = new Part.ChartInstall(chart.repositoryName().value(), chart.url().toString(),
                chart.chart().value(), chart.version().text(), namespace, Optional.empty(),
                // CRDs come with the chart and must follow chart upgrades, or new fields are dropped.
                Part.CrdPolicy.CREATE_REPLACE,
                map(
                        "crds", map("enabled", true),
                        // RBAC for the operator to create the ServiceMonitors of spec.monitoring.enabled
                        // (deploy/charts/rook-ceph/templates/cluster-rbac.yaml, v1.19.10 and v1.20.6)
                        "monitoring", rook.monitoring() ? map("enabled", true) : null,
                        "resources", map(
                                "requests", map("cpu", "200m", "memory", "128Mi"),
                                "limits", map("memory", "512Mi"))));
        return new Component(COMPONENT, Layer.CONTROLLERS, Set.of(), false, List.of(ns, operator));
    }

    /**
     * The drivers chart with Rook's values (deploy/charts/ceph-csi-drivers/values.yaml at v1.20.6, its
     * namespace and driver-name prefix the operator's, as its header asks), after the operator, whose
     * ceph-csi-operator subchart brings the csi.ceph.io CRDs and whose chart makes the image-set ConfigMap
     * (templates/configmap.yaml). The chart's own default snapshotPolicy for RBD is "none", which deploys
     * no snapshotter (ceph-csi-operator v1.0.4 values.yaml, internal/controller/driver_controller.go): with
     * snapshot classes both drivers take volumeSnapshot, as Rook's own Helm test installer sets.
     */
    public static Optional<Component> csiDrivers(Cluster cluster) {
        RookCeph rook = cluster.rook();
        return RookCsiDrivers.chartFor(rook.operatorChart()).map(chart -> {
            String namespace = rook.namespace().value();
            String snapshots = rook.snapshotClasses() ? "volumeSnapshot" : "none";
            Part.ChartInstall drivers = new Part.ChartInstall(chart.repositoryName().value(), chart.url().toString(),
                    chart.chart().value(), chart.version().text(), namespace, Optional.empty(), Part.CrdPolicy.DEFAULT,
                    map(
                            "operatorConfig", map(
                                    "namespace", namespace,
                                    "driverSpecDefaults", map(
                                            "imageSet", map("name", "rook-csi-operator-image-set-configmap"),
                                            "snapshotPolicy", snapshots,
                                            "nodePlugin", map("priorityClassName", "system-node-critical"),
                                            "controllerPlugin", map("priorityClassName", "system-cluster-critical"))),
                            "drivers", map(
                                    "rbd", driver(namespace, "rbd", true, snapshots),
                                    "cephfs", driver(namespace, "cephfs", true, snapshots),
                                    "nfs", driver(namespace, "nfs", false, null),
                                    "nvmeof", driver(namespace, "nvmeof", false, null))));
            // among the configs, so that Flux applies it once the operator's layer is ready: Driver objects need the
            // CRDs the operator's release brings; applications wait for it, as for any storage
            return new Component(CSI_DRIVERS, Layer.CONFIGS, Set.of(COMPONENT), true, List.of(drivers));
        });
    }

    private static Map<String, Object> driver(String namespace, String kind, boolean enabled, String snapshots) {
        return map("enabled", enabled, "name", namespace + "." + kind + ".csi.ceph.com", "snapshotPolicy", snapshots);
    }
}
