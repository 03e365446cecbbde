package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.WebRoute;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Platform;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster-wide components the tree's own objects need (see {@link Platform}), each a pinned
 * chart in the controllers layer, so the configs that use their CRDs apply after them.
 */
public final class PlatformRenderer {
    public static final String SNAPSHOT_CONTROLLER = "snapshot-controller";
    public static final String PROMETHEUS_OPERATOR_CRDS = "prometheus-operator-crds";
    public static final String INGRESS_CONTROLLER = "ingress-controller";
    public static final String CERT_MANAGER = "cert-manager";
    /** The ACME ClusterIssuers, in the configs layer: they need cert-manager's CRDs and webhook running. */
    public static final String CERT_ISSUERS = "cert-manager-issuers";
    public static final String CLOUD_CONTROLLER_MANAGER = "cloud-controller-manager";
    /** The IngressClass Traefik registers when nothing in the definition names one. */
    static final String DEFAULT_INGRESS_CLASS = "traefik";
    /** Where the ingress controller's pods run: what applications' NetworkPolicies let in. */
    public static final String INGRESS_NAMESPACE = "traefik";

    private PlatformRenderer() {
    }

    /** Whether the definition emits VolumeSnapshotClasses, which need the snapshot CRDs and controller. */
    static boolean needsSnapshots(RookCeph rook) {
        return rook.snapshotClasses();
    }

    /** Whether the tree (PrometheusRule) or Rook (ServiceMonitors, for monitoring.enabled) creates monitoring.coreos.com objects. */
    static boolean needsPrometheusCrds(RookCeph rook) {
        return rook.monitoring();
    }

    /** Whether an Ingress of the tree needs a controller: the dashboard's, a route's, the stream's, the CDN's, the DCC's. */
    static boolean needsIngress(Cluster cluster) {
        return cluster.rook().dashboard().isPresent() || !routes(cluster).isEmpty() || cluster.apps().streaming().isPresent()
                || cluster.apps().cdn().isPresent()
                || cluster.apps().dataControlCenter().flatMap(d -> d.host()).isPresent()
                || cluster.monitoring().grafana().isPresent()
                || cluster.access().signOn().isPresent()
                || cluster.apps().dekorate().stream().anyMatch(DekorateRenderer::hasIngress);
    }

    /** Whether something asks cert-manager for a certificate (the dashboard, a route, the stream, the CDN, the DCC, Grafana, Dex). */
    static boolean needsCertManager(Cluster cluster) {
        return cluster.rook().dashboard().flatMap(DashboardIngress::issuer).isPresent()
                || routes(cluster).stream().anyMatch(r -> r.issuer().isPresent())
                || cluster.apps().streaming().flatMap(s -> s.issuer()).isPresent()
                || cluster.apps().cdn().isPresent()
                || cluster.apps().dataControlCenter().flatMap(d -> d.host()).isPresent()
                || cluster.monitoring().grafana().isPresent()
                || cluster.access().signOn().isPresent();
    }

    private static List<WebRoute> routes(Cluster cluster) {
        return cluster.apps().applications().stream().flatMap(a -> a.routes().stream()).toList();
    }

    /** The IngressClass the tree's Ingresses name: the dashboard's, else the stream's, the CDN's, else Traefik's own. */
    static String ingressClass(Cluster cluster) {
        return cluster.rook().dashboard().map(DashboardIngress::ingressClass).map(c -> c.value())
                .or(() -> cluster.apps().streaming().map(s -> s.ingressClass().value()))
                .or(() -> cluster.apps().cdn().map(c -> c.ingressClass().value()))
                .orElse(DEFAULT_INGRESS_CLASS);
    }

    /** Where the tree runs its ingress controller, if it does. */
    static java.util.Optional<String> ingressNamespace(Cluster cluster) {
        return cluster.platform().ingressController().installs(needsIngress(cluster))
                ? java.util.Optional.of(INGRESS_NAMESPACE) : java.util.Optional.empty();
    }

    public static List<Component> render(Cluster cluster) {
        Platform platform = cluster.platform();
        RookCeph rook = cluster.rook();
        List<Component> out = new ArrayList<>();
        if (platform.snapshotController().installs(needsSnapshots(rook))) {
            out.add(snapshotController());
        }
        // kube-prometheus-stack brings the same CRDs when monitoring is on (MonitoringRenderer)
        if (!cluster.monitoring().enabled() && platform.prometheusOperatorCrds().installs(needsPrometheusCrds(rook))) {
            out.add(prometheusOperatorCrds(cluster));
        }
        boolean ingress = platform.ingressController().installs(needsIngress(cluster));
        if (ingress) {
            out.add(ingressController(cluster, ingressClass(cluster)));
        }
        if (platform.certManager().installs(needsCertManager(cluster))) {
            out.add(certManager(cluster));
            out.add(certIssuers(ingressClass(cluster), ingress));
        }
        if (platform.runsCloudControllerManager()) {
            out.add(cloudControllerManager(cluster));
        }
        return out;
    }

    /**
     * external-snapshotter's CRDs and snapshot-controller, where Rook's snapshot guide installs them
     * (kube-system). The chart renders the CRDs as templates, so they follow chart upgrades; it has no value
     * to keep them on uninstall (values.yaml at 5.2.0), so the tree keeps them: without the CRDs every
     * VolumeSnapshot, and the backups they are, would be deleted.
     */
    private static Component snapshotController() {
        Part.ChartInstall chart = new Part.ChartInstall("piraeus-charts", "https://piraeus.io/helm-charts/",
                "snapshot-controller", Versions.SNAPSHOT_CONTROLLER_CHART, "kube-system", Optional.empty(),
                Part.CrdPolicy.CREATE_REPLACE, map("installCRDs", true), true);
        return new Component(SNAPSHOT_CONTROLLER, Layer.CONTROLLERS, Set.of(), false, List.of(chart));
    }

    /**
     * Only the monitoring.coreos.com CRDs, so ServiceMonitors and PrometheusRules apply; the Prometheus
     * that reads them is the cluster's own choice. Kept on uninstall: Helm would otherwise delete
     * the CRDs, and with them every ServiceMonitor and rule in the cluster. No pod runs in the
     * namespace, so it is restricted.
     */
    private static Component prometheusOperatorCrds(Cluster cluster) {
        String namespace = "monitoring";
        Part.ChartInstall chart = new Part.ChartInstall("prometheus-community",
                "https://prometheus-community.github.io/helm-charts", "prometheus-operator-crds",
                Versions.PROMETHEUS_OPERATOR_CRDS_CHART, namespace, Optional.empty(), Part.CrdPolicy.CREATE_REPLACE,
                map("crds", map("annotations", map("helm.sh/resource-policy", "keep"))));
        return new Component(PROMETHEUS_OPERATOR_CRDS, Layer.CONTROLLERS, Set.of(), false,
                List.of(Namespaces.part(cluster, namespace, PodSecurity.RESTRICTED), chart));
    }

    /**
     * Traefik, which serves Kubernetes Ingresses (and Gateway API routes) and is maintained, unlike
     * the retired ingress-nginx. It registers the IngressClass the dashboard names, not as the
     * cluster default. Its Service is a NodePort: without a cloud controller manager a LoadBalancer
     * Service never gets an address and the release would never become ready; put a Hetzner load
     * balancer in front of the node ports, {@value #HTTP_NODE_PORT} and {@value #HTTPS_NODE_PORT}. Its own CRDs live in the chart's crds/ directory, which
     * Helm leaves alone on upgrade unless told to replace them. Restricted: the chart runs Traefik as
     * 65532 with no privilege escalation, all capabilities dropped and RuntimeDefault seccomp
     * (traefik/values.yaml at v41.3.0, securityContext and podSecurityContext).
     */
    /** The node ports a load balancer in front of the ingress controller targets: HTTP (ACME's HTTP-01 too) and HTTPS. */
    public static final int HTTP_NODE_PORT = 30080;
    public static final int HTTPS_NODE_PORT = 30443;

    private static Component ingressController(Cluster cluster, String ingressClass) {
        String namespace = INGRESS_NAMESPACE;
        Part.ChartInstall chart = new Part.ChartInstall("traefik", "https://traefik.github.io/charts", "traefik",
                Versions.TRAEFIK_CHART, namespace, Optional.empty(), Part.CrdPolicy.CREATE_REPLACE, map(
                        "ingressClass", map("enabled", true, "isDefaultClass", false, "name", ingressClass),
                        "service", map("spec", map("type", "NodePort")),
                        // fixed, so that the load balancer in front has stable targets (the chart leaves them to
                        // Kubernetes' random choice otherwise: values.yaml ports.web/websecure.nodePort at v41.3.0)
                        "ports", map("web", map("nodePort", HTTP_NODE_PORT), "websecure", map("nodePort", HTTPS_NODE_PORT))));
        return new Component(INGRESS_CONTROLLER, Layer.CONTROLLERS, Set.of(), false,
                List.of(Namespaces.part(cluster, namespace, PodSecurity.RESTRICTED), chart));
    }

    /**
     * cert-manager from Jetstack's chart. Its CRDs are chart templates, turned on by {@code crds.enabled}
     * and upgraded with the chart; {@code crds.keep} leaves them (and with them every Certificate) in
     * place if the release is ever uninstalled (values.yaml at v1.21.1). Restricted: the chart's
     * securityContext (runAsNonRoot, RuntimeDefault seccomp) and containerSecurityContext (no privilege
     * escalation, capabilities dropped) meet it for the controller, webhook and cainjector.
     */
    private static Component certManager(Cluster cluster) {
        String namespace = "cert-manager";
        Part.ChartInstall chart = new Part.ChartInstall("jetstack", "https://charts.jetstack.io", "cert-manager",
                Versions.CERT_MANAGER_CHART, namespace, Optional.empty(), Part.CrdPolicy.DEFAULT,
                map("crds", map("enabled", true, "keep", true)));
        return new Component(CERT_MANAGER, Layer.CONTROLLERS, Set.of(), false, List.of(Namespaces.part(cluster, namespace, PodSecurity.RESTRICTED), chart));
    }

    /**
     * Let's Encrypt's staging and production ACME servers as ClusterIssuers, both solving HTTP-01
     * through the cluster's ingress class: a definition names one per certificate, staging first while
     * the challenge does not work yet (production's rate limits are strict). No e-mail: Let's Encrypt
     * no longer sends expiry mail, and cert-manager renews on its own.
     */
    private static Component certIssuers(String ingressClass, boolean treeIngress) {
        List<HasMetadata> issuers = new ArrayList<>();
        for (AcmeIssuer acme : AcmeIssuer.values()) {
            issuers.add(Resources.custom("cert-manager.io/v1", "ClusterIssuer", acme.issuerName(), null, map(
                    "acme", map(
                            "server", acme.server(),
                            "privateKeySecretRef", map("name", acme.issuerName() + "-account"),
                            "solvers", List.of(map("http01", map("ingress", map("ingressClassName", ingressClass))))))));
        }
        Set<String> needs = treeIngress ? Set.of(CERT_MANAGER, INGRESS_CONTROLLER) : Set.of(CERT_MANAGER);
        return Component.ofManifests(CERT_ISSUERS, Layer.CONFIGS, needs, false, issuers);
    }

    /**
     * Hetzner's cloud controller manager as bootstrap installed it (see {@link BootstrapRelease}): the
     * kubelets run with {@code --cloud-provider=external}, so until it runs no Node is initialised and
     * only pods that tolerate that taint schedule.
     */
    private static Component cloudControllerManager(Cluster cluster) {
        return new Component(CLOUD_CONTROLLER_MANAGER, Layer.CONTROLLERS, Set.of(), false,
                List.of(Part.ChartInstall.takenOver(BootstrapRelease.cloudControllerManager(cluster), false)));
    }
}
