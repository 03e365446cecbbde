package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.cdn.CdnServerConfig;
import io.koor.gitops.generator.apps.cdn.StaticSite;
import io.koor.gitops.model.apps.StaticSiteCdn;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The static-site CDN in the apps layer: the site and its upload script as ConfigMaps, the Job that uploads
 * it to the claim's bucket, the caching nginx as a StatefulSet (each replica's cache on its own block volume:
 * nginx's cache manager assumes it alone owns its directory), its Service, the Ingress with a certificate
 * from cert-manager, and NetworkPolicies. The workloads are plain objects here until the typed-workload API
 * renders them.
 */
public final class CdnRenderer {
    public static final String COMPONENT = "cdn";
    /** nginx-unprivileged's user and port (nginxinc/docker-nginx-unprivileged Dockerfiles: UID 101, listen 8080). */
    static final int SERVER_UID = 101;
    static final int SERVER_PORT = 8080;
    /** Any non-root user: the AWS CLI image runs as root by default and needs only a writable HOME. */
    static final int UPLOAD_UID = 1000;
    /** cert-manager's HTTP-01 solver pods: their label and port (cert-manager docs, acme/http01 and its NetworkPolicy note). */
    static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    static final int SOLVER_PORT = 8089;
    /**
     * The cache volume's mount, and nginx's cache directory one level below it, which nginx creates: a fresh ext4
     * volume holds a root-only lost+found that nginx's cache loader must not walk.
     */
    private static final String CACHE_VOLUME = "/var/cache/nginx";
    private static final String CACHE_DIR = CACHE_VOLUME + "/site";
    private static final String CONFIG_DIR = "/etc/nginx/site";

    private CdnRenderer() {
    }

    /**
     * @param needs           the bucket claims, the Ceph cluster (block volumes), and the ingress and issuers when
     *                        the tree installs them
     * @param ingressNamespace where the tree runs the ingress controller, if it does
     */
    static Component render(Cluster cluster, StaticSiteCdn cdn, Set<String> needs, Optional<String> ingressNamespace) {
        String ns = cdn.namespace().value();
        String name = cdn.name().value();
        StaticSite site = StaticSite.koorDemo();
        String script = StaticSite.uploadScript();
        String upload = ContentHash.of(site.fingerprint() + script + cdn.uploadImage());
        String conf = serverConfig(cluster, cdn).render();
        ObjectStore store = storeOf(cluster, cdn);
        String confHash = ContentHash.of(conf);

        TreeMap<String, String> text = new TreeMap<>();
        TreeMap<String, String> binary = new TreeMap<>();
        site.files().forEach((file, bytes) -> {
            if (file.endsWith(".png") || file.endsWith(".ttf") || file.endsWith(".webp") || file.endsWith(".woff2")) {
                binary.put(file, Base64.getEncoder().encodeToString(bytes));
            } else {
                text.put(file, new String(bytes, StandardCharsets.UTF_8));
            }
        });
        // Named by content and immutable: a new site is a new ConfigMap and a new Job (a Job's template cannot change).
        HasMetadata siteFiles = labelled(new ConfigMapBuilder().withNewMetadata().withName(name + "-site-" + upload)
                .withNamespace(ns).endMetadata().withImmutable(true).withData(text).withBinaryData(binary).build(), cdn);
        HasMetadata scriptFiles = labelled(new ConfigMapBuilder().withNewMetadata().withName(name + "-upload-" + upload)
                .withNamespace(ns).endMetadata().withImmutable(true).withData(Map.of("upload-site.sh", script)).build(), cdn);
        HasMetadata serverFiles = labelled(new ConfigMapBuilder().withNewMetadata().withName(name + "-server-" + confHash)
                .withNamespace(ns).endMetadata().withImmutable(true).withData(Map.of("nginx.conf", conf)).build(), cdn);

        List<HasMetadata> objects = List.of(siteFiles, scriptFiles, serverFiles,
                uploadJob(cdn, name + "-upload-" + upload, siteFiles.getMetadata().getName(),
                        scriptFiles.getMetadata().getName()),
                server(cdn, serverFiles.getMetadata().getName()),
                service(cdn),
                ingress(cdn),
                labelled(Resources.custom("networking.k8s.io/v1", "NetworkPolicy", "default-deny-ingress", ns, map(
                        "podSelector", map(),
                        "policyTypes", List.of("Ingress"))), cdn),
                NetworkPolicies.fromIngress(ns, name + "-from-ingress", map("matchLabels", map("app.kubernetes.io/name",
                        name)), List.of(SERVER_PORT), labels(cdn), ingressNamespace),
                NetworkPolicies.fromIngress(ns, name + "-acme-solver", map("matchLabels", map(SOLVER_LABEL, "true")),
                        List.of(SOLVER_PORT), labels(cdn), ingressNamespace),
                // The namespace is the bucket claim's, which denies all but DNS (ObjectStoreRenderer): the
                // upload Job writes to the gateways and the cache fetches from them; nothing else leaves.
                labelled(NetworkPolicies.egress(name + "-upload-to-object-store", ns,
                        map("app.kubernetes.io/name", name + "-upload"), List.of(NetworkPolicies.toGateways(cluster, store))), cdn),
                labelled(NetworkPolicies.egress(name + "-to-object-store", ns,
                        map("app.kubernetes.io/name", name), List.of(NetworkPolicies.toGateways(cluster, store))), cdn));
        return Component.ofManifests(COMPONENT, Layer.APPS, needs, false, objects);
    }

    /** The cluster's nginx.conf: the store's gateway Service path-style, the cache on the replica's volume. */
    static CdnServerConfig serverConfig(Cluster cluster, StaticSiteCdn cdn) {
        ObjectStore store = storeOf(cluster, cdn);
        // the plain-HTTP port: the cache talks to the gateway inside the cluster, as the claim's BUCKET_PORT says
        String gateway = ObjectStoreRenderer.gatewayAddress(cluster, store, false);
        // the claim names its bucket after itself (ObjectStoreRenderer.bucketClaims)
        return new CdnServerConfig(String.valueOf(SERVER_PORT), gateway, cdn.bucketClaim().value(), CACHE_DIR,
                cacheMaxSize(cdn), "/tmp", "/dev/stdout");
    }

    /** The object store holding the CDN's bucket claim (Cluster checks there is one). */
    private static ObjectStore storeOf(Cluster cluster, StaticSiteCdn cdn) {
        return cluster.rook().storeHolding(cdn.namespace(), cdn.bucketClaim()).orElseThrow();
    }

    /** nginx's max_size: 90% of the volume, leaving room for the filesystem and files being written. */
    static String cacheMaxSize(StaticSiteCdn cdn) {
        return cdn.cacheSizeGi() * 1024 * 9 / 10 + "m";
    }

    /**
     * Runs the upload script with the bucket's coordinates from the claim's ConfigMap (BUCKET_HOST, BUCKET_PORT,
     * BUCKET_NAME) and its keys from the claim's Secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), both named
     * after the claim (rook.io docs, Storage-Configuration/Object-Storage-RGW/ceph-object-bucket-claim).
     */
    private static HasMetadata uploadJob(StaticSiteCdn cdn, String jobName, String siteConfigMap, String scriptConfigMap) {
        String claim = cdn.bucketClaim().value();
        Map<String, Object> container = map(
                "name", "upload",
                "image", cdn.uploadImage().toString(),
                "command", List.of("/bin/sh", "/scripts/upload-site.sh"),
                "env", List.of(map("name", "SITE_DIR", "value", "/site"), map("name", "HOME", "value", "/tmp")),
                "envFrom", List.of(map("configMapRef", map("name", claim)), map("secretRef", map("name", claim))),
                "resources", map("requests", map("cpu", "50m", "memory", "128Mi"), "limits", map("memory", "256Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(
                        map("name", "site", "mountPath", "/site", "readOnly", true),
                        map("name", "scripts", "mountPath", "/scripts", "readOnly", true),
                        map("name", "tmp", "mountPath", "/tmp")));
        Map<String, Object> pod = map(
                "restartPolicy", "OnFailure",
                "securityContext", SecurityContexts.pod(UPLOAD_UID),
                "containers", List.of(container),
                "volumes", List.of(
                        map("name", "site", "configMap", map("name", siteConfigMap)),
                        map("name", "scripts", "configMap", map("name", scriptConfigMap)),
                        map("name", "tmp", "emptyDir", map())));
        return labelled(Resources.custom("batch/v1", "Job", jobName, cdn.namespace().value(), map(
                "backoffLimit", 6,
                "template", map("metadata", map("labels", map("app.kubernetes.io/name", cdn.name().value() + "-upload")),
                        "spec", pod))), cdn);
    }

    private static HasMetadata server(StaticSiteCdn cdn, String configMap) {
        String name = cdn.name().value();
        Map<String, Object> selector = map("app.kubernetes.io/name", name);
        Map<String, Object> probe = map("httpGet", map("path", "/healthz", "port", "http"), "periodSeconds", 10);
        Map<String, Object> container = map(
                "name", "nginx",
                "image", cdn.serverImage().toString(),
                // nginx itself, not the image's entrypoint script, which would edit files under /etc/nginx
                "command", List.of("nginx", "-c", CONFIG_DIR + "/nginx.conf"),
                "ports", List.of(map("name", "http", "containerPort", SERVER_PORT, "protocol", "TCP")),
                "readinessProbe", probe,
                "livenessProbe", probe,
                "resources", map("requests", map("cpu", "50m", "memory", "64Mi"), "limits", map("memory", "256Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(
                        map("name", "config", "mountPath", CONFIG_DIR, "readOnly", true),
                        map("name", "cache", "mountPath", CACHE_VOLUME),
                        map("name", "tmp", "mountPath", "/tmp")));
        Map<String, Object> pod = map(
                "securityContext", SecurityContexts.pod(SERVER_UID),
                "topologySpreadConstraints", List.of(map("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
                        "whenUnsatisfiable", "ScheduleAnyway", "labelSelector", map("matchLabels", selector))),
                "containers", List.of(container),
                "volumes", List.of(
                        map("name", "config", "configMap", map("name", configMap)),
                        map("name", "tmp", "emptyDir", map())));
        return labelled(Resources.custom("apps/v1", "StatefulSet", name, cdn.namespace().value(), map(
                "serviceName", name,
                "replicas", cdn.replicas(),
                "selector", map("matchLabels", selector),
                "template", map("metadata", map("labels", selector), "spec", pod),
                "volumeClaimTemplates", List.of(map(
                        "metadata", map("name", "cache"),
                        "spec", map("accessModes", List.of("ReadWriteOnce"),
                                "storageClassName", cdn.storageClass().value(),
                                "resources", map("requests", map("storage", cdn.cacheSizeGi() + "Gi"))))),
                // the cache is disposable: its volumes go with the replicas
                "persistentVolumeClaimRetentionPolicy", map("whenDeleted", "Delete", "whenScaled", "Delete"))), cdn);
    }

    private static HasMetadata service(StaticSiteCdn cdn) {
        String name = cdn.name().value();
        return labelled(Resources.custom("v1", "Service", name, cdn.namespace().value(), map(
                "selector", map("app.kubernetes.io/name", name),
                "ports", List.of(map("name", "http", "port", 80, "targetPort", "http", "protocol", "TCP")))), cdn);
    }

    /** TLS at the ingress controller; cert-manager's ingress-shim requests the host's certificate into the Secret. */
    private static HasMetadata ingress(StaticSiteCdn cdn) {
        String name = cdn.name().value();
        HasMetadata ingress = labelled(Resources.custom("networking.k8s.io/v1", "Ingress", name, cdn.namespace().value(), map(
                "ingressClassName", cdn.ingressClass().value(),
                "tls", List.of(map("hosts", List.of(cdn.host()), "secretName", name + "-tls")),
                "rules", List.of(map("host", cdn.host(), "http", map("paths", List.of(map(
                        "path", "/",
                        "pathType", "Prefix",
                        "backend", map("service", map("name", name, "port", map("number", 80)))))))))), cdn);
        ingress.getMetadata().setAnnotations(new TreeMap<>(Map.of("cert-manager.io/cluster-issuer", cdn.issuer().issuerName())));
        return ingress;
    }

    private static HasMetadata labelled(HasMetadata object, StaticSiteCdn cdn) {
        object.getMetadata().setLabels(labels(cdn));
        return object;
    }

    private static Map<String, String> labels(StaticSiteCdn cdn) {
        return new TreeMap<>(Map.of(
                "app.kubernetes.io/part-of", cdn.name().value(),
                "app.kubernetes.io/component", "cdn",
                "app.kubernetes.io/managed-by", "demo-gitops"));
    }

}
