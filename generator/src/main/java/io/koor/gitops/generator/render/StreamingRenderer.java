package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.StreamFiles;
import io.koor.gitops.model.apps.Streaming;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The live stream, in the apps layer after the bucket claims: one encoder pod (ffmpeg and the
 * uploader, sharing the stream's files through emptyDirs; one replica, replaced not rolled, so two
 * encoders never write the same bucket), a read-only nginx in front of the bucket (two replicas,
 * one per node), its Service and a TLS Ingress, and NetworkPolicies that let only the ingress
 * controller in. Plain objects: the typed-workload API is not on main yet.
 */
public final class StreamingRenderer {
    public static final String COMPONENT = "streaming";
    static final int WEB_PORT = 8080;
    static final int ACME_SOLVER_PORT = 8089;
    private static final String LIVE = "/stream/live";
    private static final String RECORDINGS = "/stream/recordings";
    private static final String FILES = "/etc/stream";

    private StreamingRenderer() {
    }

    /** @param ingressNamespace the ingress controller's namespace when the tree installs it */
    static Component render(Cluster cluster, Streaming stream, Set<String> needs, Optional<String> ingressNamespace) {
        String ns = stream.namespace().value();
        String name = stream.name().value();
        ObjectStore store = cluster.rook().storeHolding(stream.namespace(), stream.bucketClaim()).orElseThrow();
        boolean tls = store.tlsSecret().isPresent();
        String gateway = ObjectStoreRenderer.gatewayUrl(cluster, store);
        StreamFiles files = StreamFiles.of(stream);
        // Rook names the bucket after the claim (ObjectStoreRenderer sets bucketName)
        String bucket = stream.bucketClaim().value();
        List<HasMetadata> objects = new ArrayList<>();
        Map<String, String> fileData = new TreeMap<>(files.config(bucket));
        fileData.put(StreamFiles.UPLOAD_SCRIPT, files.uploadScript());
        objects.add(labelled(new ConfigMapBuilder().withNewMetadata().withName(name + "-files").withNamespace(ns)
                .endMetadata().addToData(fileData).build(), stream, "files"));
        objects.add(labelled(new ConfigMapBuilder().withNewMetadata().withName(name + "-web").withNamespace(ns)
                .endMetadata().addToData("default.conf", files.webServer(WEB_PORT, gateway, bucket)).build(), stream, "web"));
        objects.add(encoder(stream, files, tls));
        objects.add(web(stream));
        objects.add(labelled(Resources.custom("v1", "Service", name + "-web", ns, map(
                "selector", selector(stream, "web"),
                "ports", List.of(map("name", "http", "port", 80, "targetPort", "http")))), stream, "web"));
        objects.add(ingress(stream));
        // The namespace is the bucket claim's, which denies all traffic but DNS (ObjectStoreRenderer):
        // the encoder uploads to the gateways and the web server proxies them; nothing else leaves.
        for (String part : List.of("encoder", "web")) {
            objects.add(labelled(NetworkPolicies.egress(name + "-" + part + "-to-object-store", ns, selector(stream, part),
                    List.of(NetworkPolicies.toGateways(cluster, store))), stream, "policy"));
        }
        objects.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name + "-web-from-ingress", ns, map(
                "podSelector", map("matchLabels", selector(stream, "web")),
                "policyTypes", List.of("Ingress"),
                "ingress", List.of(from(ingressNamespace, WEB_PORT)))), stream, "policy"));
        // cert-manager answers the HTTP-01 challenge from solver pods it starts beside the Ingress, on 8089
        // (labelled acme.cert-manager.io/http01-solver: "true")
        stream.issuer().ifPresent(acme -> objects.add(labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy",
                name + "-acme-solver-from-ingress", ns, map(
                        "podSelector", map("matchLabels", map("acme.cert-manager.io/http01-solver", "true")),
                        "policyTypes", List.of("Ingress"),
                        "ingress", List.of(from(ingressNamespace, ACME_SOLVER_PORT)))), stream, "policy")));
        return Component.ofManifests(COMPONENT, Layer.APPS, needs, false, objects);
    }

    /** From the ingress controller's namespace to a port; from anywhere when the controller is not the tree's. */
    private static Map<String, Object> from(Optional<String> ingressNamespace, int port) {
        Map<String, Object> rule = map("ports", List.of(map("protocol", "TCP", "port", port)));
        ingressNamespace.ifPresent(n -> rule.put("from", List.of(map(
                "namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", n))))));
        return rule;
    }

    private static HasMetadata encoder(Streaming stream, StreamFiles files, boolean tls) {
        String claim = stream.bucketClaim().value();
        Map<String, Object> encoder = map(
                "name", "encoder",
                "image", stream.images().encoder().toString(),
                "args", files.encoderArguments(LIVE, RECORDINGS, Optional.empty()),
                // recordings are named by the encoder's clock, in UTC; fontconfig caches under HOME
                "env", List.of(map("name", "TZ", "value", "UTC"), map("name", "HOME", "value", "/tmp")),
                "resources", map("requests", map("cpu", "1", "memory", "256Mi"), "limits", map("memory", "512Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(mount("live", LIVE), mount("recordings", RECORDINGS), mount("tmp", "/tmp")));
        Map<String, Object> uploader = map(
                "name", "uploader",
                "image", stream.images().uploader().toString(),
                "command", List.of("sh", FILES + "/" + StreamFiles.UPLOAD_SCRIPT),
                // BUCKET_HOST, BUCKET_PORT, BUCKET_NAME and the keys, from what Rook makes for the claim
                "envFrom", List.of(map("configMapRef", map("name", claim)), map("secretRef", map("name", claim))),
                "env", List.of(
                        map("name", "S3_SCHEME", "value", tls ? "https" : "http"),
                        map("name", "LIVE_DIR", "value", LIVE),
                        map("name", "RECORDINGS_DIR", "value", RECORDINGS),
                        map("name", "CONFIG_DIR", "value", FILES),
                        map("name", "WORK_DIR", "value", "/work")),
                "resources", map("requests", map("cpu", "50m", "memory", "32Mi"), "limits", map("memory", "128Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(readOnly(mount("live", LIVE)), mount("recordings", RECORDINGS),
                        readOnly(mount("files", FILES)), mount("work", "/work")));
        Map<String, Object> pod = map(
                "securityContext", SecurityContexts.pod(1000),
                // the uploader's last pass, on SIGTERM, puts what ffmpeg finished into the bucket
                "terminationGracePeriodSeconds", 30,
                "containers", List.of(encoder, uploader),
                "volumes", List.of(
                        // a minute of live segments, and the recording being written (10 min is ~200 MB at 2.6 Mbit/s)
                        emptyDir("live", "512Mi"),
                        emptyDir("recordings", (stream.recordingMinutes() * 60 * (stream.source().videoKbps() + 128) / 8 / 1024 * 3
                                + 64) + "Mi"),
                        emptyDir("tmp", "64Mi"),
                        emptyDir("work", "16Mi"),
                        map("name", "files", "configMap", map("name", stream.name().value() + "-files"))));
        return labelled(Resources.custom("apps/v1", "Deployment", stream.name().value() + "-encoder",
                stream.namespace().value(), map(
                        "replicas", 1,
                        "strategy", map("type", "Recreate"),
                        "selector", map("matchLabels", selector(stream, "encoder")),
                        "template", map("metadata", map("labels", labels(stream, "encoder")), "spec", pod))), stream, "encoder");
    }

    private static HasMetadata web(Streaming stream) {
        Map<String, Object> nginx = map(
                "name", "nginx",
                "image", stream.images().web().toString(),
                "ports", List.of(map("name", "http", "containerPort", WEB_PORT, "protocol", "TCP")),
                "readinessProbe", map("httpGet", map("path", "/index.html", "port", "http"), "periodSeconds", 10),
                "livenessProbe", map("tcpSocket", map("port", "http"), "periodSeconds", 20),
                "resources", map("requests", map("cpu", "50m", "memory", "32Mi"), "limits", map("memory", "128Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(readOnly(mount("conf", "/etc/nginx/conf.d")), mount("tmp", "/tmp"),
                        mount("cache", "/var/cache/nginx")));
        Map<String, Object> pod = map(
                // nginx-unprivileged's own user
                "securityContext", SecurityContexts.pod(101),
                "topologySpreadConstraints", List.of(map("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
                        "whenUnsatisfiable", "DoNotSchedule", "labelSelector", map("matchLabels", selector(stream, "web")))),
                "containers", List.of(nginx),
                "volumes", List.of(
                        map("name", "conf", "configMap", map("name", stream.name().value() + "-web")),
                        emptyDir("tmp", "64Mi"),
                        emptyDir("cache", "64Mi")));
        return labelled(Resources.custom("apps/v1", "Deployment", stream.name().value() + "-web",
                stream.namespace().value(), map(
                        "replicas", 2,
                        "selector", map("matchLabels", selector(stream, "web")),
                        "template", map("metadata", map("labels", labels(stream, "web")), "spec", pod))), stream, "web");
    }

    private static HasMetadata ingress(Streaming stream) {
        String name = stream.name().value();
        HasMetadata ingress = labelled(Resources.custom("networking.k8s.io/v1", "Ingress", name, stream.namespace().value(),
                map(
                        "ingressClassName", stream.ingressClass().value(),
                        "tls", List.of(map("hosts", List.of(stream.host()), "secretName", stream.tlsSecret().value())),
                        "rules", List.of(map("host", stream.host(), "http", map("paths", List.of(map(
                                "path", "/",
                                "pathType", "Prefix",
                                "backend", map("service", map("name", name + "-web", "port", map("name", "http")))))))))),
                stream, "web");
        // cert-manager's ingress-shim requests the certificate for the TLS host into the named Secret
        stream.issuer().ifPresent(acme -> ingress.getMetadata().setAnnotations(
                Map.of("cert-manager.io/cluster-issuer", acme.issuerName())));
        return ingress;
    }

    private static Map<String, Object> mount(String volume, String path) {
        return map("name", volume, "mountPath", path);
    }

    private static Map<String, Object> readOnly(Map<String, Object> mount) {
        mount.put("readOnly", true);
        return mount;
    }

    private static Map<String, Object> emptyDir(String name, String size) {
        return map("name", name, "emptyDir", map("sizeLimit", size));
    }

    private static Map<String, Object> selector(Streaming stream, String part) {
        return map("app.kubernetes.io/name", "stream-" + part, "app.kubernetes.io/instance", stream.name().value());
    }

    private static Map<String, String> labels(Streaming stream, String part) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/name", "stream-" + part);
        labels.put("app.kubernetes.io/instance", stream.name().value());
        labels.put("app.kubernetes.io/part-of", stream.name().value());
        labels.put("app.kubernetes.io/managed-by", "demo-gitops");
        return labels;
    }

    private static HasMetadata labelled(HasMetadata object, Streaming stream, String part) {
        object.getMetadata().setLabels(labels(stream, part));
        return object;
    }
}
