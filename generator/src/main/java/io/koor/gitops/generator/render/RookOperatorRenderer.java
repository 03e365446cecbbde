package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The Rook operator, installed from its pinned Helm chart into its own Namespace. */
public final class RookOperatorRenderer {
    public static final String COMPONENT = "rook-ceph-operator";

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
}
