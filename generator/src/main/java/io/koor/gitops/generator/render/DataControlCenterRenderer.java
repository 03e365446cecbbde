package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.SessionSecretScript;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.koor.DataControlCenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Koor Data Control Center from koor-tech/data-control-center's chart 0.3.7, in Rook's namespace (its chart
 * README installs it there: its post-install Job reads Rook's rook-ceph-mon Secret and mon endpoints from the
 * release's namespace). Two components, as Flux's guide to Jobs lays out (fluxcd.io/flux/use-cases/running-jobs):
 * in the configs layer a Job that makes the session Secret once (the chart's cookie and JWT secrets default to
 * placeholders), which the configs Kustomization waits for; in the apps layer the HelmRelease reading that
 * Secret through valuesFrom.
 */
final class DataControlCenterRenderer {
    static final String COMPONENT = "data-control-center";
    static final String SESSION_COMPONENT = "data-control-center-session";
    /** The session Secret's name, which the HelmRelease and the cluster README name. */
    static final String SESSION_SECRET = "data-control-center-session";
    /** The chart's container port and Service port (values.yaml service.port, templates/deployment.yaml). */
    static final int PORT = 8282;
    /** The image's user (its Dockerfile: USER nobody), given as a number so runAsNonRoot can be checked. */
    private static final int NOBODY = 65534;
    private static final String SESSION_ACCOUNT = "data-control-center-session";

    private DataControlCenterRenderer() {
    }

    /**
     * @param sessionNeeds what the session Job needs (Rook's operator, whose component makes the namespace)
     * @param needs        what the console needs besides its session component: the Ceph cluster, and the
     *                     ingress controller and issuers for its Ingress when the tree runs them
     */
    static List<Component> render(Cluster cluster, DataControlCenter dcc, Set<String> sessionNeeds, Set<String> needs) {
        String ns = cluster.rook().namespace().value();
        Set<String> all = new java.util.TreeSet<>(needs);
        all.add(SESSION_COMPONENT);
        Part.ChartInstall chart = new Part.ChartInstall("koor-data-control-center",
                "https://koor-tech.github.io/data-control-center", "data-control-center", dcc.chart().text(), ns,
                Optional.empty(), Part.CrdPolicy.DEFAULT, values(cluster, dcc))
                .withSecretValues(List.of(new Part.SecretValues(SESSION_SECRET, SessionSecretScript.VALUES_KEY)));
        HasMetadata policy = ingressPolicy(ns, dcc, PlatformRenderer.ingressNamespace(cluster));
        return List.of(
                Component.ofManifests(SESSION_COMPONENT, Layer.CONFIGS, sessionNeeds, false, session(ns, dcc)),
                new Component(COMPONENT, Layer.APPS, all, false, List.of(chart, new Part.Manifests(List.of(policy)))));
    }

    /**
     * The chart's values: the pinned image, restricted security contexts, requests and limits, the dashboard API
     * as this cluster serves it, read-only mode, no update check (it would call api.github.com), the post-install
     * Job on the cluster's own Ceph image instead of the chart's v17.2.7, and the Ingress. The session secrets and
     * the login are not here: they come from the session Secret (merged first; these do not touch those keys).
     */
    static Map<String, Object> values(Cluster cluster, DataControlCenter dcc) {
        var ceph = cluster.rook().cephImage();
        Map<String, Object> values = map(
                "image", map("repository", dcc.image().repository(), "tag", dcc.image().tag().orElseThrow()),
                "podSecurityContext", map("runAsNonRoot", true, "runAsUser", NOBODY, "runAsGroup", NOBODY,
                        "seccompProfile", map("type", "RuntimeDefault")),
                "securityContext", map("allowPrivilegeEscalation", false, "capabilities", map("drop", List.of("ALL"))),
                "resources", map("requests", map("cpu", "100m", "memory", "128Mi"), "limits", map("memory", "512Mi")),
                "postInstallJob", map("enabled", true, "image", map("repository", ceph.repository(),
                        "tag", ceph.tag().orElseThrow())),
                "config", map(
                        "readOnly", dcc.readOnly(),
                        "http", map("sessions", map("domain", dcc.host().orElse("localhost"))),
                        "ceph", map("api", map("url", dashboardApi(cluster))),
                        "updateCheck", map("enabled", false)));
        dcc.host().ifPresent(host -> values.put("ingress", map(
                "enabled", true,
                "className", dcc.ingressClass().value(),
                "annotations", map("cert-manager.io/cluster-issuer", dcc.issuer().issuerName()),
                "hosts", List.of(map("host", host, "paths", List.of(map("path", "/", "pathType", "Prefix")))),
                "tls", List.of(map("secretName", COMPONENT + "-tls", "hosts", List.of(host))))));
        return values;
    }

    /**
     * Rook's dashboard Service in its namespace: HTTPS on 8443 when the dashboard serves TLS itself, plain on 7000
     * when an Ingress terminates it (CephClusterRenderer sets dashboard.ssl so; the DCC docs, configuration.md).
     */
    static String dashboardApi(Cluster cluster) {
        return cluster.rook().dashboard().isEmpty() ? "https://rook-ceph-mgr-dashboard:8443/api"
                : "http://rook-ceph-mgr-dashboard:" + ToolsRenderer.DASHBOARD_HTTP_PORT + "/api";
    }

    /** The session Job with its script, and the one permission it needs: creating Secrets in Rook's namespace. */
    private static List<HasMetadata> session(String ns, DataControlCenter dcc) {
        Map<String, String> labels = labels("session");
        List<HasMetadata> objects = new ArrayList<>(List.of(
                SecretJob.serviceAccount(SESSION_ACCOUNT, ns),
                SecretJob.role(SESSION_ACCOUNT, ns, List.of(SecretJob.onSecrets(List.of("create"), List.of()))),
                SecretJob.binding(SESSION_ACCOUNT, ns, SESSION_ACCOUNT, ns)));
        objects.addAll(SecretJob.of(ns, SESSION_ACCOUNT, "session-secret", SessionSecretScript.FILE,
                SessionSecretScript.text(), List.of(map("name", "SECRET_NAME", "value", SESSION_SECRET),
                        map("name", "ADMIN_USER", "value", dcc.adminUser().value())),
                dcc.adminUser().value(), List.of(ns + "/" + SESSION_SECRET), labels));
        objects.forEach(o -> o.getMetadata().setLabels(new TreeMap<>(labels)));
        return objects;
    }

    /**
     * The console's pods take connections only from the ingress controller on its port (from the namespace the
     * tree runs it in, else from any), and none when it has no Ingress (kubectl port-forward is not subject to
     * NetworkPolicy). Selected by the chart's selector labels (templates/_helpers.tpl: name and instance, both
     * data-control-center here).
     */
    private static HasMetadata ingressPolicy(String ns, DataControlCenter dcc, Optional<String> ingressNamespace) {
        Map<String, Object> console = map("matchLabels", map("app.kubernetes.io/name", COMPONENT,
                "app.kubernetes.io/instance", COMPONENT));
        return dcc.host().isPresent()
                ? NetworkPolicies.fromIngress(ns, COMPONENT + "-ingress", console, List.of(PORT), labels("console"), ingressNamespace)
                : NetworkPolicies.noIngress(ns, COMPONENT + "-ingress", console, labels("console"));
    }

    private static Map<String, String> labels(String component) {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", COMPONENT, "app.kubernetes.io/component", component,
                "app.kubernetes.io/managed-by", "demo-gitops"));
    }
}
