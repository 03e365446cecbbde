package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Platform;
import io.koor.gitops.model.monitoring.Monitoring;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Monitoring as the definition asks for it ({@link Monitoring}): kube-prometheus-stack and the
 * blackbox exporter in the controllers layer, and in the configs layer what uses their CRDs: a
 * Probe per public endpoint with its alert, and the Ceph dashboard for Grafana.
 */
public final class MonitoringRenderer {
    /** kube-prometheus-stack, which also brings the monitoring.coreos.com CRDs, and the blackbox exporter. */
    public static final String STACK = "monitoring";
    /** Probes, the uptime alerts and the dashboards. */
    public static final String CONFIG = "monitoring-config";
    static final String NAMESPACE = "monitoring";
    static final String STACK_RELEASE = "kube-prometheus-stack";
    static final String BLACKBOX_RELEASE = "prometheus-blackbox-exporter";
    /** The blackbox exporter's Service: its fullname is the release name when that contains the chart's name. */
    static final String BLACKBOX_ADDRESS = BLACKBOX_RELEASE + "." + NAMESPACE + ".svc:9115";
    /** What Grafana's dashboard sidecar looks for (kube-prometheus-stack's grafana.sidecar.dashboards defaults). */
    static final String DASHBOARD_LABEL = "grafana_dashboard";
    static final String DASHBOARD_LABEL_VALUE = "1";
    static final String PROBE_FAILED_FOR = "5m";

    private MonitoringRenderer() {
    }

    /** The Pushgateway's Service: the chart names it after the release, which is the chart's name here. */
    public static final String PUSHGATEWAY_URL = "http://prometheus-pushgateway." + NAMESPACE + ".svc:9091";

    /** Whether the tree runs its own Pushgateway: for benchmarks, with monitoring on, when no other is named. */
    public static boolean hasPushgateway(Cluster cluster) {
        return cluster.monitoring().enabled() && !cluster.activity().benchmarks().isEmpty()
                && cluster.activity().pushgateway().isEmpty();
    }

    /** The components for a cluster whose definition turns monitoring on; none otherwise. */
    public static List<Component> render(Cluster cluster) {
        Monitoring monitoring = cluster.monitoring();
        if (!monitoring.enabled()) {
            return List.of();
        }
        // NEVER: the cluster brings the monitoring.coreos.com CRDs itself, so the stack must not install them
        boolean crds = cluster.platform().prometheusOperatorCrds() != Platform.Install.NEVER;
        // Privileged: the stack's node exporter runs with hostNetwork, hostPID and the node's root file system
        // mounted (prometheus-node-exporter values.yaml: hostNetwork: true, hostPID: true, hostRootFsMount)
        Part.Manifests namespace = Namespaces.part(cluster, NAMESPACE, PodSecurity.PRIVILEGED);
        boolean pushgateway = hasPushgateway(cluster);
        List<Part> stackParts = new ArrayList<>(List.of(namespace, stackChart(cluster, monitoring, crds), blackboxChart(monitoring)));
        if (pushgateway) {
            stackParts.add(pushgatewayChart());
        }
        Component stack = new Component(STACK, Layer.CONTROLLERS, Set.of(), false, stackParts);
        List<HasMetadata> config = new ArrayList<>();
        if (pushgateway) {
            config.add(pushgatewayMonitor());
        }
        if (cluster.access().signOn().isPresent()) {
            config.add(dexMonitor());
        }
        List<URI> endpoints = PublicEndpoints.of(cluster);
        endpoints.forEach(url -> config.add(probe(url)));
        if (!endpoints.isEmpty()) {
            config.add(uptimeAlerts());
        }
        dashboards(cluster).forEach(d -> config.add(d.configMap(NAMESPACE, DASHBOARD_LABEL, DASHBOARD_LABEL_VALUE)));
        return List.of(stack, Component.ofManifests(CONFIG, Layer.CONFIGS, Set.of(STACK), false, config));
    }

    /**
     * The dashboards provisioned from Git: Ceph's always, the applications' when there is something to show, the
     * benchmarks' when benchmarks push to the tree's own Pushgateway.
     */
    static List<GrafanaDashboard> dashboards(Cluster cluster) {
        List<GrafanaDashboard> all = new ArrayList<>(List.of(CephDashboard.dashboard()));
        if (ApplicationsDashboard.applies(cluster)) {
            all.add(ApplicationsDashboard.dashboard(cluster));
        }
        if (hasPushgateway(cluster) && !cluster.activity().benchmarks().isEmpty()) {
            all.add(BenchmarkDashboard.dashboard());
        }
        return all;
    }

    /**
     * Prometheus picks up every ServiceMonitor, PodMonitor, Probe and PrometheusRule of the cluster, not
     * only the chart's own (the *SelectorNilUsesHelmValues values, true by default, select the release's
     * label). Its data stays on the node (no storageSpec): Rook's monitoring guide advises against keeping
     * Prometheus on the Ceph it watches, which would silence it when Ceph fails. Grafana's admin password is
     * the random one the Grafana chart generates into a Secret, so none is in Git. The CRDs sit in the
     * chart's crds/ directory: Helm never deletes those on uninstall, and CreateReplace upgrades them;
     * keepCrds also keeps Argo CD, which applies them like templates, from deleting them with the Application.
     */
    private static Part.ChartInstall stackChart(Cluster cluster, Monitoring monitoring, boolean crds) {
        return new Part.ChartInstall("prometheus-community", "https://prometheus-community.github.io/helm-charts",
                "kube-prometheus-stack", monitoring.stackChart().text(), NAMESPACE, Optional.empty(),
                Part.CrdPolicy.CREATE_REPLACE, map(
                        "crds", map("enabled", crds),
                        "prometheus", map("prometheusSpec", map(
                                "serviceMonitorSelectorNilUsesHelmValues", false,
                                "podMonitorSelectorNilUsesHelmValues", false,
                                "probeSelectorNilUsesHelmValues", false,
                                "ruleSelectorNilUsesHelmValues", false)),
                        "grafana", grafana(cluster, monitoring)), true);
    }

    /**
     * The Pushgateway, its ServiceMonitor off: the chart would apply it in the layer whose stack brings the CRD
     * (templates/servicemonitor.yaml), so {@link #pushgatewayMonitor()} is in the configs instead.
     */
    private static Part.ChartInstall pushgatewayChart() {
        return new Part.ChartInstall("prometheus-community", "https://prometheus-community.github.io/helm-charts",
                "prometheus-pushgateway", io.koor.gitops.model.presets.Versions.PUSHGATEWAY_CHART, NAMESPACE,
                Optional.empty(), Part.CrdPolicy.DEFAULT, map(
                        "resources", map("requests", map("cpu", "50m", "memory", "32Mi"), "limits", map("memory", "128Mi"))));
    }

    /**
     * What the chart's own ServiceMonitor would say (3.8.0 templates/servicemonitor.yaml): the Service's port
     * {@code http}, {@code /metrics}, honorLabels so the pushed job and instance labels stay; its selector labels.
     */
    private static HasMetadata pushgatewayMonitor() {
        return chartMonitor("prometheus-pushgateway", NAMESPACE, map("port", "http", "path", "/metrics", "honorLabels", true));
    }

    /**
     * A ServiceMonitor in the monitoring namespace for the Service of a chart release named like its chart in
     * {@code namespace}, selected by the labels such charts give it (app.kubernetes.io/name and instance).
     */
    private static HasMetadata chartMonitor(String release, String namespace, Map<String, Object> endpoint) {
        return Resources.custom("monitoring.coreos.com/v1", "ServiceMonitor", release, NAMESPACE, map(
                "endpoints", List.of(endpoint),
                "namespaceSelector", map("matchNames", List.of(namespace)),
                "selector", map("matchLabels", map("app.kubernetes.io/name", release, "app.kubernetes.io/instance", release))));
    }

    /**
     * Grafana's sidecar loads every dashboard ConfigMap of the cluster; with logs, Loki is a data source; published,
     * an Ingress through the tree's class with cert-manager's certificate (the grafana chart's ingress values), its
     * root URL, and for guests anonymous access as Viewer (grafana.ini auth.anonymous: enabled, org_role).
     */
    private static Map<String, Object> grafana(Cluster cluster, Monitoring monitoring) {
        Map<String, Object> grafana = map("sidecar", map("dashboards", map(
                "enabled", true,
                "label", DASHBOARD_LABEL,
                "labelValue", DASHBOARD_LABEL_VALUE,
                "searchNamespace", "ALL")));
        monitoring.logs().ifPresent(l -> grafana.put("additionalDataSources", List.of(LogsRenderer.grafanaDataSource())));
        monitoring.grafana().ifPresent(g -> {
            grafana.put("ingress", map(
                    "enabled", true,
                    "ingressClassName", PlatformRenderer.ingressClass(cluster),
                    "annotations", map("cert-manager.io/cluster-issuer", g.issuer().issuerName()),
                    "hosts", List.of(g.host()),
                    "tls", List.of(map("secretName", "grafana-tls", "hosts", List.of(g.host())))));
            Map<String, Object> ini = map("server", map("root_url", "https://" + g.host() + "/"));
            if (g.guestsMayLook()) {
                ini.put("auth.anonymous", map("enabled", true, "org_role", "Viewer"));
            }
            cluster.access().signOn().ifPresent(dex -> {
                ini.put("auth.generic_oauth", signOn(cluster.access(), dex));
                // the secret is not in grafana.ini: Grafana reads GF_<SECTION>_<KEY> over the file
                grafana.put("envValueFrom", map("GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET", map("secretKeyRef", map(
                        "name", DexRenderer.GRAFANA_OAUTH_SECRET, "key", DexRenderer.GRAFANA_OAUTH_KEY))));
            });
            grafana.put("grafana.ini", ini);
        });
        return grafana;
    }

    /**
     * Sign-in through Dex (Grafana's generic OAuth: grafana.com/docs/grafana/latest/setup-grafana/configure-security/
     * configure-authentication/generic-oauth): the authorisation code flow with PKCE against Dex's endpoints, the
     * role from the token's groups claim, platform admins as Admin and guests as Viewer; role_attribute_strict turns
     * away anyone whose groups map to no role. The client secret comes from the environment (see the caller).
     */
    private static Map<String, Object> signOn(io.koor.gitops.model.access.Access access,
                                              io.koor.gitops.model.access.SingleSignOn dex) {
        List<String> roles = new ArrayList<>();
        access.platformAdmins().forEach(group -> roles.add("contains(groups[*], '" + group + "') && 'Admin'"));
        access.guests().forEach(group -> roles.add("contains(groups[*], '" + group + "') && 'Viewer'"));
        return map(
                "enabled", true,
                "name", "GitHub",
                "client_id", DexRenderer.GRAFANA_CLIENT,
                "scopes", "openid email profile groups",
                "auth_url", dex.issuerUrl() + "/auth",
                "token_url", dex.issuerUrl() + "/token",
                "api_url", dex.issuerUrl() + "/userinfo",
                "use_pkce", true,
                "allow_sign_up", true,
                "login_attribute_path", "preferred_username",
                "email_attribute_path", "email",
                "groups_attribute_path", "groups",
                "role_attribute_path", String.join(" || ", roles),
                "role_attribute_strict", true);
    }

    /**
     * What the dex chart's own ServiceMonitor would say (0.24.0 templates/servicemonitor.yaml): the Service's
     * telemetry port, {@code /metrics}; its selector labels. Here, in the configs, because the chart would apply it
     * in the layer that brings the CRD.
     */
    private static HasMetadata dexMonitor() {
        return chartMonitor(DexRenderer.RELEASE, DexRenderer.NAMESPACE, map("port", "telemetry", "path", "/metrics"));
    }

    /** The exporter with its default http_2xx module, which the Probes name. */
    private static Part.ChartInstall blackboxChart(Monitoring monitoring) {
        return new Part.ChartInstall("prometheus-community", "https://prometheus-community.github.io/helm-charts",
                "prometheus-blackbox-exporter", monitoring.blackboxChart().text(), NAMESPACE, Optional.empty(),
                Part.CrdPolicy.DEFAULT, map());
    }

    /** Probe names: the host, made a DNS label. */
    static String probeName(URI url) {
        String name = (url.getHost() + (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                ? "" : "-" + url.getPath())).toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-$", "") : name;
    }

    private static HasMetadata probe(URI url) {
        return Resources.custom("monitoring.coreos.com/v1", "Probe", probeName(url), NAMESPACE, map(
                "interval", "60s",
                "module", "http_2xx",
                "prober", map("url", BLACKBOX_ADDRESS),
                "targets", map("staticConfig", map("static", List.of(url.toString())))));
    }

    /** One alert for every probe: an endpoint that has failed for five minutes is down, not flapping. */
    private static HasMetadata uptimeAlerts() {
        Map<String, Object> alert = map(
                "alert", "EndpointDown",
                "expr", "probe_success == 0",
                "for", PROBE_FAILED_FOR,
                "labels", map("severity", "critical"),
                "annotations", map("summary", "{{ $labels.instance }} has failed its uptime probe for 5 minutes"));
        return Resources.custom("monitoring.coreos.com/v1", "PrometheusRule", "uptime-alerts", NAMESPACE, map(
                "groups", List.of(map("name", "uptime", "rules", List.of(alert)))));
    }
}
