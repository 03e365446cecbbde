package io.koor.gitops.validator.rules.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which charts serve which API groups, and which CSI drivers and ingress / Gateway classes they
 * bring, read from each chart's templates upstream. A chart that ships its CRDs under {@code crds/}
 * serves them only when the installer includes that directory (Helm does unless told to skip it;
 * kustomize's helmCharts only with {@code includeCRDs: true}); one that renders them as templates
 * serves them when its values switch them on.
 *
 * <ul>
 *   <li>rook-ceph: templates/resources.yaml behind {@code crds.enabled} (default true): ceph.rook.io and
 *       objectbucket.io; the ceph-csi-operator subchart (csi.ceph.io) behind {@code csi.installCsiOperator}
 *       (v1.20) or {@code csi.rookUseCsiOperator} (v1.19); the CSI drivers {@code <prefix>.rbd|cephfs|nfs.csi.ceph.com}
 *       with the operator's namespace as prefix (pkg/operator/ceph/csi/controller.go in v1.20.6, csi.go and
 *       {@code csi.csiDriverNamePrefix} in v1.19.10). rook/rook@d0c3b9ce, tags v1.19.10 and v1.20.6.</li>
 *       From v1.20 the operator no longer makes the Driver objects behind those names (its
 *       pkg/operator/ceph/csi has no operator_driver.go; PendingReleaseNotes.md: "New installs must configure
 *       the CSI settings with the CSI CRs"): the ceph-csi-drivers chart does, and upgraded clusters need it too
 *       (Documentation/Upgrade/rook-upgrade.md: "must be installed, otherwise the CSI driver will be in a failed
 *       state due to missing service accounts"). The names are still counted as the chart's, so that the rule
 *       rook-csi-drivers-missing reports the one cause once, not every StorageClass.</li>
 *   <li>ceph-csi-drivers (ceph/ceph-csi-operator deploy/charts/ceph-csi-drivers, v1.0.4): no CRD (csi.ceph.io
 *       comes with the operator chart); a Driver per {@code drivers.rbd|cephfs|nfs|nvmeof} whose
 *       {@code enabled} is true (the default for all four), named {@code name} (default
 *       {@code rbd.csi.ceph.com} and so on).</li>
 *   <li>rook-ceph-cluster: no API of its own (it creates ceph.rook.io objects).</li>
 *   <li>snapshot-controller (piraeus): templates/crds.yaml behind {@code installCRDs} (default true), the
 *       external-snapshotter CRDs: snapshot.storage.k8s.io and groupsnapshot.storage.k8s.io.
 *       piraeusdatastore/helm-charts@5d733d8c charts/snapshot-controller 5.2.0.</li>
 *   <li>prometheus-operator-crds: templates of its crds subchart, monitoring.coreos.com; kube-prometheus-stack:
 *       the crds subchart's crds/ directory behind {@code crds.enabled} (default true).
 *       prometheus-community/helm-charts@cf408a29.</li>
 *   <li>cert-manager: templates/crd-*.yaml behind {@code crds.enabled} or the older {@code installCRDs} (both
 *       default false): cert-manager.io and acme.cert-manager.io. cert-manager/cert-manager@0070f0bd
 *       deploy/charts/cert-manager/templates/crd-cert-manager.io_certificates.yaml.</li>
 *   <li>crd.projectcalico.org.v1: templates, crd.projectcalico.org and operator.tigera.io (its README:
 *       "required for the tigera-operator helm chart"); tigera-operator: operator.tigera.io from crds/ before
 *       v3.32, none since. projectcalico/calico@0a54bfd0 charts/crd.projectcalico.org.v1/README.md.</li>
 *   <li>traefik: crds/ with traefik.io and hub.traefik.io (no Gateway API CRDs: those are the traefik-crds
 *       chart's); an IngressClass named {@code ingressClass.name} or the release's full name behind
 *       {@code ingressClass.enabled} (default true, and the default class); GatewayClass {@code traefik} (or
 *       {@code gatewayClass.name}) only with {@code providers.kubernetesGateway.enabled} (default false).
 *       traefik/traefik-helm-chart@a8a66d00 traefik/ 41.3.0.</li>
 *   <li>gateway-helm (Envoy Gateway): crds/ with the Gateway API, gateway.envoyproxy.io and
 *       config.gateway.envoyproxy.io. envoyproxy/gateway@399f3aba charts/gateway-helm/crds/gatewayapi-crds.yaml.</li>
 *   <li>cloudnative-pg: templates/crds/crds.yaml behind {@code crds.create} (default true), postgresql.cnpg.io.
 *       cloudnative-pg/charts@b21ad2da.</li>
 *   <li>mariadb-operator: its mariadb-operator-crds dependency (templates/crds.yaml) behind {@code crds.enabled}
 *       (default false), k8s.mariadb.com; mariadb-operator-crds: those templates, always.
 *       mariadb-operator/mariadb-operator deploy/charts at tags v25.10.3 and v25.10.4.</li>
 *   <li>velero: crds/, velero.io. vmware-tanzu/helm-charts@73466ca9 charts/velero.</li>
 *   <li>prometheus-blackbox-exporter: no CRD (its templates only use monitoring.coreos.com), prometheus-community/helm-charts@cf408a29.</li>
 *   <li>prometheus-pushgateway: no CRD (its templates only use monitoring.coreos.com and Gateway API routes),
 *       prometheus-community/helm-charts@4fa56e1c prometheus-pushgateway-3.8.0.</li>
 *   <li>data-control-center: no CRD (koor-tech/data-control-center@ae39c7f2 charts/data-control-center 0.3.7).
 *       loki: no CRD in the chart; its rollout-operator sub-chart (rollout_operator.enabled, off by default) is not
 *       modelled (grafana-community/helm-charts@3386a115 charts/loki 18.11.0). alloy: monitoring.grafana.com (PodLogs)
 *       from its crds sub-chart when crds.create, true by default (grafana/alloy@66ebea85 operations/helm/charts/alloy
 *       1.11.1). dex: no CRD in the chart; Dex creates its dex.coreos.com CRDs itself when it runs with kubernetes
 *       storage, and nothing in a tree uses them (dexidp/helm-charts@c82afcc2 charts/dex 0.24.0, templates/rbac.yaml).</li>
 *   <li>hcloud-cloud-controller-manager: no API. cilium: no CRD in the chart, its agent creates cilium.io
 *       when it runs, which is when the release is ready.</li>
 * </ul>
 */
final class ChartApis {

    /** What one installed chart brings to the cluster. */
    record Served(Set<String> groups, Set<String> csiDrivers, Set<String> ingressClasses, boolean defaultIngressClass,
                  Set<String> gatewayClasses) {
        static Served of(String... groups) {
            return new Served(Set.of(groups), Set.of(), Set.of(), false, Set.of());
        }

        static final Served NOTHING = of();
    }

    /**
     * One chart as installed: its name and version, the namespace and release name it gets, whether
     * its crds/ directory is applied, and its values ({@code value("crds.enabled")}).
     */
    record Chart(String name, String version, String namespace, String releaseName, boolean crdsDirectory,
                 Function<String, Optional<JsonNode>> value) {
        boolean flag(String path, boolean byDefault) {
            return value.apply(path).filter(v -> !v.isNull()).map(v -> v.asBoolean(byDefault)).orElse(byDefault);
        }

        String text(String path, String byDefault) {
            return value.apply(path).filter(v -> v.isTextual() && !v.asText().isEmpty()).map(JsonNode::asText)
                    .orElse(byDefault);
        }
    }

    private static final Map<String, Function<Chart, Served>> TABLE = Map.ofEntries(
            Map.entry("rook-ceph", ChartApis::rookOperator),
            Map.entry("rook-ceph-cluster", c -> Served.NOTHING),
            Map.entry("ceph-csi-drivers", ChartApis::cephCsiDrivers),
            Map.entry("snapshot-controller", c -> c.flag("installCRDs", true)
                    ? Served.of("snapshot.storage.k8s.io", "groupsnapshot.storage.k8s.io") : Served.NOTHING),
            Map.entry("prometheus-operator-crds", c -> Served.of("monitoring.coreos.com")),
            Map.entry("kube-prometheus-stack", c -> c.crdsDirectory() && c.flag("crds.enabled", true)
                    ? Served.of("monitoring.coreos.com") : Served.NOTHING),
            Map.entry("cert-manager", c -> c.flag("crds.enabled", false) || c.flag("installCRDs", false)
                    ? Served.of("cert-manager.io", "acme.cert-manager.io") : Served.NOTHING),
            Map.entry("crd.projectcalico.org.v1", c -> Served.of("crd.projectcalico.org", "operator.tigera.io")),
            Map.entry("tigera-operator", c -> c.crdsDirectory() && olderThan(c.version(), 3, 32)
                    ? Served.of("operator.tigera.io") : Served.NOTHING),
            Map.entry("traefik", ChartApis::traefik),
            Map.entry("gateway-helm", c -> c.crdsDirectory() ? Served.of("gateway.networking.k8s.io",
                    "gateway.envoyproxy.io", "config.gateway.envoyproxy.io") : Served.NOTHING),
            Map.entry("cloudnative-pg", c -> c.flag("crds.create", true) ? Served.of("postgresql.cnpg.io") : Served.NOTHING),
            Map.entry("mariadb-operator", c -> c.flag("crds.enabled", false) ? Served.of("k8s.mariadb.com") : Served.NOTHING),
            Map.entry("mariadb-operator-crds", c -> Served.of("k8s.mariadb.com")),
            Map.entry("velero", c -> c.crdsDirectory() ? Served.of("velero.io") : Served.NOTHING),
            Map.entry("hcloud-cloud-controller-manager", c -> Served.NOTHING),
            Map.entry("prometheus-blackbox-exporter", c -> Served.NOTHING),
            Map.entry("prometheus-pushgateway", c -> Served.NOTHING),
            Map.entry("data-control-center", c -> Served.NOTHING),
            Map.entry("loki", c -> Served.NOTHING),
            Map.entry("dex", c -> Served.NOTHING),
            Map.entry("alloy", c -> c.flag("crds.create", true) ? Served.of("monitoring.grafana.com") : Served.NOTHING),
            Map.entry("cilium", c -> Served.of("cilium.io")));

    /**
     * Every group some chart of the table can serve (each entry asked with every switch on): for
     * these the table knows who serves them, so a chart it does not know is not taken to.
     */
    private static final Set<String> TABLE_GROUPS = TABLE.values().stream()
            .flatMap(f -> f.apply(new Chart("", "0.0.0", "ns", "release", true,
                    path -> Optional.of(com.fasterxml.jackson.databind.node.BooleanNode.TRUE))).groups().stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private ChartApis() {
    }

    /** Whether the table knows which charts serve the group. */
    static boolean tableKnows(String group) {
        return TABLE_GROUPS.contains(group);
    }

    /** What the chart serves, or empty when the table does not know the chart. */
    static Optional<Served> of(Chart chart) {
        return Optional.ofNullable(TABLE.get(chart.name())).map(f -> f.apply(chart));
    }

    private static Served rookOperator(Chart c) {
        Set<String> groups = new LinkedHashSet<>();
        if (c.flag("crds.enabled", true)) {
            groups.add("ceph.rook.io");
            groups.add("objectbucket.io");
        }
        if (c.flag("csi.installCsiOperator", true) && c.flag("csi.rookUseCsiOperator", true)) {
            groups.add("csi.ceph.io");
        }
        String prefix = c.text("csi.csiDriverNamePrefix", c.namespace());
        Set<String> drivers = Set.of(prefix + ".rbd.csi.ceph.com", prefix + ".cephfs.csi.ceph.com", prefix + ".nfs.csi.ceph.com");
        return new Served(groups, drivers, Set.of(), false, Set.of());
    }

    private static Served cephCsiDrivers(Chart c) {
        Set<String> drivers = new LinkedHashSet<>();
        for (String kind : new String[] {"rbd", "cephfs", "nfs", "nvmeof"}) {
            if (c.flag("drivers." + kind + ".enabled", true)) {
                drivers.add(c.text("drivers." + kind + ".name", kind + ".csi.ceph.com"));
            }
        }
        return new Served(Set.of(), drivers, Set.of(), false, Set.of());
    }

    /**
     * The drivers this ceph-csi-drivers chart makes without a snapshotter: {@code snapshotPolicy: none},
     * the chart's own default for rbd and nvmeof (cephfs and nfs default to volumeSnapshot), which the
     * Driver object carries whatever the OperatorConfig says (ceph-csi-operator v1.0.4 values.yaml,
     * templates/driver.yaml, internal/controller/driver_controller.go: no csi-snapshotter for "none").
     */
    static Set<String> driversWithoutSnapshots(Chart cephCsiDrivers) {
        Set<String> drivers = new LinkedHashSet<>();
        for (String kind : new String[] {"rbd", "cephfs", "nfs", "nvmeof"}) {
            String byDefault = kind.equals("rbd") || kind.equals("nvmeof") ? "none" : "volumeSnapshot";
            if (cephCsiDrivers.flag("drivers." + kind + ".enabled", true)
                    && cephCsiDrivers.text("drivers." + kind + ".snapshotPolicy", byDefault).equals("none")) {
                drivers.add(cephCsiDrivers.text("drivers." + kind + ".name", kind + ".csi.ceph.com"));
            }
        }
        return drivers;
    }

    /** Whether this rook-ceph chart leaves its CSI drivers to the ceph-csi-drivers chart (v1.20 and later). */
    static boolean rookNeedsDriversChart(Chart rookOperator) {
        return rookOperator.version().matches("^v?\\d+\\.\\d+.*") && !olderThan(rookOperator.version(), 1, 20);
    }

    /**
     * The bucket provisioner Rook's operator runs for a CephCluster in {@code clusterNamespace}
     * (pkg/operator/ceph/object/objectstore.go, GetObjectBucketProvisioner, v1.19.10 and v1.20.6):
     * {@code <prefix>.ceph.rook.io/bucket} with {@code obcProvisionerNamePrefix}, else
     * {@code <cluster namespace>.ceph.rook.io/bucket} while {@code enableOBCWatchOperatorNamespace}
     * (default true), else {@code ceph.rook.io/bucket}.
     */
    static String bucketProvisioner(Chart rookOperator, String clusterNamespace) {
        String prefix = rookOperator.text("obcProvisionerNamePrefix", "");
        if (!prefix.isEmpty()) {
            return prefix + ".ceph.rook.io/bucket";
        }
        return rookOperator.flag("enableOBCWatchOperatorNamespace", true) ? clusterNamespace + ".ceph.rook.io/bucket"
                : "ceph.rook.io/bucket";
    }

    private static Served traefik(Chart c) {
        Set<String> groups = c.crdsDirectory() ? Set.of("traefik.io", "hub.traefik.io") : Set.of();
        boolean ingress = c.flag("ingressClass.enabled", true);
        String fullName = c.text("fullnameOverride", c.releaseName().contains(c.text("nameOverride", "traefik"))
                ? c.releaseName() : c.releaseName() + "-" + c.text("nameOverride", "traefik"));
        Set<String> ingressClasses = ingress ? Set.of(c.text("ingressClass.name", fullName)) : Set.of();
        boolean gateway = c.flag("providers.kubernetesGateway.enabled", false) && c.flag("gatewayClass.enabled", true);
        return new Served(groups, Set.of(), ingressClasses, ingress && c.flag("ingressClass.isDefaultClass", true),
                gateway ? Set.of(c.text("gatewayClass.name", "traefik")) : Set.of());
    }

    /** Whether a chart version (v3.31.2, 3.31.2) is below major.minor; unreadable versions count as current. */
    static boolean olderThan(String version, int major, int minor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return false;
        }
        int ma = Integer.parseInt(m.group(1));
        int mi = Integer.parseInt(m.group(2));
        return ma < major || ma == major && mi < minor;
    }
}
