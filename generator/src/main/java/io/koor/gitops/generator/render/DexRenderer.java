package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.RandomSecretScript;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.access.SingleSignOn;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.PublicGrafana;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sign-in through Dex ({@link SingleSignOn}) from dexidp/helm-charts' dex chart 0.24.0 in its own namespace, in the
 * controllers layer beside the monitoring stack: a published Grafana signs people in with it, and Grafana's pods
 * start only once its client secret exists, so the Job that makes that secret is applied with them (a later layer
 * would wait for a Grafana that waits for it). Dex keeps its state in the API server (storage type kubernetes, the
 * chart's Role and ClusterRole), reads GitHub's OAuth app from a Secret the operator makes, and serves two clients:
 * kubectl (public, any loopback redirect: Dex's server/oauth2.go validateRedirectURI) and Grafana (confidential).
 */
final class DexRenderer {
    static final String COMPONENT = "dex";
    static final String NAMESPACE = "dex";
    /** The release, and so (the chart's fullname: its name when the release has it) its Deployment and Service. */
    static final String RELEASE = "dex";
    /** The chart's HTTP and telemetry ports (templates/deployment.yaml: --web-http-addr, --telemetry-addr). */
    static final int HTTP_PORT = 5556;
    static final int TELEMETRY_PORT = 5558;
    /** The Secret the operator makes with the GitHub OAuth app's client id and secret, as environment variables. */
    static final String GITHUB_SECRET = "dex-github";
    static final String GITHUB_CLIENT_ID = "GITHUB_CLIENT_ID";
    static final String GITHUB_CLIENT_SECRET = "GITHUB_CLIENT_SECRET";
    /** Made by the client-secret Job: Dex's copy of Grafana's client secret, read as an environment variable. */
    static final String CLIENTS_SECRET = "dex-clients";
    static final String GRAFANA_SECRET_ENV = "GRAFANA_CLIENT_SECRET";
    static final String GRAFANA_CLIENT = "grafana";
    /** Grafana's copy, in the monitoring namespace. */
    static final String GRAFANA_OAUTH_SECRET = "grafana-oauth";
    static final String GRAFANA_OAUTH_KEY = "client-secret";
    /** The image's user (Dockerfile: USER 1001:1001), given as a number so runAsNonRoot can be checked. */
    private static final int DEX_USER = 1001;
    private static final String JOB_ACCOUNT = "dex-client-secret";

    private DexRenderer() {
    }

    /** Whether Grafana signs people in through Dex: both are in the tree. */
    static boolean grafanaSignsIn(Cluster cluster) {
        return cluster.access().signOn().isPresent() && cluster.monitoring().grafana().isPresent();
    }

    /** The dex component, when the definition signs people in through Dex; none otherwise. */
    static List<Component> render(Cluster cluster) {
        Optional<SingleSignOn> signOn = cluster.access().signOn();
        if (signOn.isEmpty()) {
            return List.of();
        }
        SingleSignOn dex = signOn.get();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(Namespaces.of(cluster, NAMESPACE, PodSecurity.RESTRICTED));
        objects.addAll(policies(cluster));
        if (grafanaSignsIn(cluster)) {
            objects.addAll(clientSecretJob());
        }
        objects.forEach(o -> {
            if (!"Namespace".equals(o.getKind())) {
                o.getMetadata().setLabels(new TreeMap<>(labels()));
            }
        });
        Part.ChartInstall chart = new Part.ChartInstall("dex", "https://charts.dexidp.io", "dex", dex.chart().text(),
                NAMESPACE, Optional.empty(), Part.CrdPolicy.DEFAULT, values(cluster, dex));
        return List.of(new Component(COMPONENT, Layer.CONTROLLERS, Set.of(), false,
                List.of(new Part.Manifests(objects), chart)));
    }

    /**
     * The chart's values. Dex's configuration holds no secret: the connector's client id and secret are environment
     * variables Dex expands in connector configs (cmd/dex/config.go, feature flag DEX_EXPAND_ENV, on by default), and
     * Grafana's client secret is named by secretEnv (cmd/dex/serve.go). The GitHub Secret is optional so Dex starts
     * before the operator has made it; sign-in with GitHub works once it is there and Dex restarted.
     * The groups are the teams' slugs behind the organisation ({@code koor-tech:demo-guests}), and only members of
     * the teams the definition binds can sign in (connector/github/github.go groupsForOrgs).
     */
    static Map<String, Object> values(Cluster cluster, SingleSignOn dex) {
        Access access = cluster.access();
        List<Object> clients = new ArrayList<>(List.of(map("id", SingleSignOn.KUBERNETES_CLIENT, "name", "kubectl",
                "public", true)));
        List<Object> envFrom = new ArrayList<>(List.of(map("secretRef", map("name", GITHUB_SECRET, "optional", true))));
        cluster.monitoring().grafana().ifPresent(g -> {
            clients.add(map("id", GRAFANA_CLIENT, "name", "Grafana", "secretEnv", GRAFANA_SECRET_ENV,
                    "redirectURIs", List.of(grafanaCallback(g))));
            envFrom.add(map("secretRef", map("name", CLIENTS_SECRET)));
        });
        Map<String, Object> github = map(
                "clientID", "$" + GITHUB_CLIENT_ID,
                "clientSecret", "$" + GITHUB_CLIENT_SECRET,
                "redirectURI", dex.issuerUrl() + "/callback",
                "orgs", List.of(map("name", dex.gitHubOrganisation(), "teams", access.teams())),
                "teamNameField", "slug");
        return map(
                "config", map(
                        "issuer", dex.issuerUrl(),
                        "storage", map("type", "kubernetes", "config", map("inCluster", true)),
                        "oauth2", map("skipApprovalScreen", true),
                        "connectors", List.of(map("type", "github", "id", "github", "name", "GitHub", "config", github)),
                        "staticClients", clients),
                "envFrom", envFrom,
                "podSecurityContext", map("runAsNonRoot", true, "runAsUser", DEX_USER, "runAsGroup", DEX_USER,
                        "seccompProfile", map("type", "RuntimeDefault")),
                "securityContext", SecurityContexts.container(),
                // docker-entrypoint renders the configuration into /tmp before it starts dex (cmd/docker-entrypoint)
                "volumes", List.of(map("name", "tmp", "emptyDir", map())),
                "volumeMounts", List.of(map("name", "tmp", "mountPath", "/tmp")),
                "resources", map("requests", map("cpu", "50m", "memory", "64Mi"), "limits", map("memory", "256Mi")),
                "ingress", map(
                        "enabled", true,
                        "className", PlatformRenderer.ingressClass(cluster),
                        "annotations", map("cert-manager.io/cluster-issuer", dex.issuer().issuerName()),
                        "hosts", List.of(map("host", dex.host(), "paths", List.of(map("path", "/", "pathType", "Prefix")))),
                        "tls", List.of(map("secretName", "dex-tls", "hosts", List.of(dex.host())))));
    }

    /** Where Dex sends people back to Grafana (Grafana's generic OAuth callback under its root URL). */
    static String grafanaCallback(PublicGrafana grafana) {
        return "https://" + grafana.host() + "/login/generic_oauth";
    }

    /**
     * Everything denied, then: the ingress controller to Dex's HTTP port and to cert-manager's HTTP-01 solver (whose
     * pod runs in the Ingress's namespace), Prometheus to the telemetry port, and out: DNS, the API server (Dex's
     * storage; the Job's Secrets) and GitHub on 443 (github.com and api.github.com have no fixed addresses).
     */
    private static List<HasMetadata> policies(Cluster cluster) {
        List<HasMetadata> out = new ArrayList<>(NetworkPolicies.denyAllButDns(NAMESPACE));
        Map<String, Object> dexPods = map("matchLabels", map("app.kubernetes.io/name", RELEASE,
                "app.kubernetes.io/instance", RELEASE));
        Optional<String> ingress = PlatformRenderer.ingressNamespace(cluster);
        out.add(NetworkPolicies.fromIngress(NAMESPACE, "dex-from-ingress", dexPods, List.of(HTTP_PORT), labels(), ingress));
        out.add(NetworkPolicies.fromIngress(NAMESPACE, "dex-acme-solver", map("matchLabels",
                map(CdnRenderer.SOLVER_LABEL, "true")), List.of(CdnRenderer.SOLVER_PORT), labels(), ingress));
        if (cluster.monitoring().enabled()) {
            out.add(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", "dex-from-prometheus", NAMESPACE, map(
                    "podSelector", dexPods,
                    "policyTypes", List.of("Ingress"),
                    "ingress", List.of(map(
                            "from", List.of(map("namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name",
                                    MonitoringRenderer.NAMESPACE)))),
                            "ports", List.of(map("protocol", "TCP", "port", TELEMETRY_PORT)))))));
        }
        out.add(NetworkPolicies.egress("dex-egress", NAMESPACE, Map.of(), List.of(NetworkPolicies.toApiServer(cluster),
                NetworkPolicies.toAnyAddress(List.of(443)))));
        return out;
    }

    /**
     * The Job that makes Grafana's client secret in Dex's namespace and copies it into Grafana's, with the two
     * permissions it needs: Secrets in its own namespace, and the one Secret in monitoring.
     */
    private static List<HasMetadata> clientSecretJob() {
        String monitoring = MonitoringRenderer.NAMESPACE;
        List<HasMetadata> objects = new ArrayList<>(List.of(
                SecretJob.serviceAccount(JOB_ACCOUNT, NAMESPACE),
                SecretJob.role(JOB_ACCOUNT, NAMESPACE, List.of(SecretJob.onSecrets(List.of("create"), List.of()),
                        SecretJob.onSecrets(List.of("get"), List.of(CLIENTS_SECRET)))),
                SecretJob.binding(JOB_ACCOUNT, NAMESPACE, JOB_ACCOUNT, NAMESPACE),
                // named apart from the first: the component's directory has one file per kind and name
                SecretJob.role(JOB_ACCOUNT + "-grafana", monitoring, List.of(
                        SecretJob.onSecrets(List.of("create"), List.of()),
                        SecretJob.onSecrets(List.of("get", "update"), List.of(GRAFANA_OAUTH_SECRET)))),
                SecretJob.binding(JOB_ACCOUNT + "-grafana", monitoring, JOB_ACCOUNT, NAMESPACE)));
        objects.addAll(SecretJob.of(NAMESPACE, JOB_ACCOUNT, "client-secret", RandomSecretScript.FILE,
                RandomSecretScript.text(), List.of(
                        map("name", "SECRET_NAME", "value", CLIENTS_SECRET),
                        map("name", "SECRET_KEY", "value", GRAFANA_SECRET_ENV),
                        map("name", "COPIES", "value", monitoring + "/" + GRAFANA_OAUTH_SECRET + "/" + GRAFANA_OAUTH_KEY),
                        map("name", "PART_OF", "value", COMPONENT)),
                GRAFANA_CLIENT, List.of(NAMESPACE + "/" + CLIENTS_SECRET, monitoring + "/" + GRAFANA_OAUTH_SECRET),
                labels()));
        return objects;
    }

    private static Map<String, String> labels() {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", COMPONENT, "app.kubernetes.io/managed-by", "demo-gitops"));
    }
}
