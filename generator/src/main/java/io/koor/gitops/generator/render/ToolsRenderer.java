package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.ceph.RookCeph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What operators of the cluster use: the toolbox, the dashboard's Ingress, alerts, snapshot classes. */
final class ToolsRenderer {
    /**
     * Writes ceph.conf and the keyring from what the operator publishes (mon endpoints in a ConfigMap,
     * the admin key in a Secret), then idles. Restart the toolbox when the monitors move.
     */
    static final String TOOLBOX_SCRIPT = String.join("\n",
            "set -eu",
            "endpoints=$(sed 's/[a-z0-9_-]*=//g' /etc/rook/mon-endpoints)",
            "user=$(cat /etc/rook-secret/ceph-username)",
            "printf '[global]\\nmon_host = %s\\n\\n[%s]\\nkeyring = /etc/ceph/keyring\\n' \"$endpoints\" \"$user\" > /etc/ceph/ceph.conf",
            "printf '[%s]\\nkey = %s\\n' \"$user\" \"$(cat /etc/rook-secret/ceph-secret)\" > /etc/ceph/keyring",
            "exec sleep infinity");
    /** The toolbox's script up to its idling: ceph.conf and the keyring, for a container that then runs a Ceph client. */
    static final String CEPH_CONFIG_SCRIPT = TOOLBOX_SCRIPT.substring(0, TOOLBOX_SCRIPT.lastIndexOf('\n'));

    /** The port Rook's dashboard Service serves when dashboard.ssl is false. */
    static final int DASHBOARD_HTTP_PORT = 7000;

    private ToolsRenderer() {
    }

    static List<HasMetadata> render(RookCeph rook) {
        String ns = rook.namespace().value();
        List<HasMetadata> out = new ArrayList<>();
        if (rook.toolbox()) {
            out.add(toolbox(rook, ns));
        }
        rook.dashboard().ifPresent(d -> out.add(dashboard(d, ns)));
        if (rook.monitoring()) {
            out.add(CephRules.prometheusRule(ns));
        }
        return out;
    }

    private static HasMetadata toolbox(RookCeph rook, String ns) {
        Map<String, Object> labels = map("app", "rook-ceph-tools");
        var deployment = Resources.custom("apps/v1", "Deployment", "rook-ceph-tools", ns, map(
                "replicas", 1,
                "selector", map("matchLabels", labels),
                "template", map(
                        "metadata", map("labels", labels),
                        "spec", map(
                                "securityContext", map("runAsNonRoot", true, "runAsUser", 2016, "runAsGroup", 2016),
                                "containers", List.of(map(
                                        "name", "rook-ceph-tools",
                                        "image", rook.cephImage().toString(),
                                        "command", List.of("/bin/bash", "-c", TOOLBOX_SCRIPT),
                                        "resources", map("requests", map("cpu", "100m", "memory", "128Mi"),
                                                "limits", map("memory", "512Mi")),
                                        "securityContext", map("allowPrivilegeEscalation", false),
                                        "volumeMounts", cephCredentialMounts())),
                                "volumes", cephCredentialVolumes()))));
        deployment.getMetadata().setLabels(Map.of("app", "rook-ceph-tools"));
        return deployment;
    }

    /** Where a Ceph client container finds what {@link #CEPH_CONFIG_SCRIPT} reads and writes. */
    static List<Object> cephCredentialMounts() {
        return List.of(
                map("name", "ceph-config", "mountPath", "/etc/ceph"),
                map("name", "mon-endpoints", "mountPath", "/etc/rook"),
                map("name", "admin-secret", "mountPath", "/etc/rook-secret", "readOnly", true));
    }

    /** The operator's mon endpoints and admin key, and an empty directory for ceph.conf (pods in Rook's namespace). */
    static List<Object> cephCredentialVolumes() {
        return List.of(
                map("name", "ceph-config", "emptyDir", map()),
                map("name", "mon-endpoints", "configMap", map("name", "rook-ceph-mon-endpoints",
                        "items", List.of(map("key", "data", "path", "mon-endpoints")))),
                map("name", "admin-secret", "secret", map("secretName", "rook-ceph-mon",
                        "items", List.of(map("key", "ceph-username", "path", "ceph-username"),
                                map("key", "ceph-secret", "path", "ceph-secret")))));
    }

    private static HasMetadata dashboard(DashboardIngress d, String ns) {
        Map<String, Object> spec = map("ingressClassName", d.ingressClass().value());
        d.tlsSecretName().ifPresent(secret -> spec.put("tls", List.of(map("hosts", List.of(d.host()),
                "secretName", secret))));
        spec.put("rules", List.of(map("host", d.host(), "http", map("paths", List.of(map(
                "path", "/",
                "pathType", "Prefix",
                "backend", map("service", map("name", "rook-ceph-mgr-dashboard", "port", map("number", DASHBOARD_HTTP_PORT)))))))));
        // Any controller can serve it: TLS ends at the controller, the dashboard behind it speaks plain HTTP
        // (dashboard.ssl: false), so no controller-specific backend annotation is needed.
        var ingress = Resources.custom("networking.k8s.io/v1", "Ingress", "rook-ceph-mgr-dashboard", ns, spec);
        // cert-manager's ingress-shim requests the certificate for the TLS hosts into the named Secret
        d.issuer().ifPresent(acme -> ingress.getMetadata().setAnnotations(
                Map.of("cert-manager.io/cluster-issuer", acme.issuerName())));
        return ingress;
    }

    static HasMetadata blockSnapshotClass(RookCeph rook) {
        String ns = rook.namespace().value();
        return snapshotClass("ceph-block-snapshots", ns + ".rbd.csi.ceph.com", ns, "rook-csi-rbd-provisioner");
    }

    static HasMetadata filesystemSnapshotClass(RookCeph rook) {
        String ns = rook.namespace().value();
        return snapshotClass("ceph-filesystem-snapshots", ns + ".cephfs.csi.ceph.com", ns, "rook-csi-cephfs-provisioner");
    }

    /**
     * Labelled {@code velero.io/csi-volumesnapshot-class: "true"}: Velero, when the tree runs it, takes the
     * volumes of this class's driver with it (Velero's site/content/docs/v1.17/csi.md).
     */
    private static HasMetadata snapshotClass(String name, String driver, String ns, String secret) {
        HasMetadata snapshotClass = Resources.customWithoutSpec("snapshot.storage.k8s.io/v1", "VolumeSnapshotClass", name,
                null, map(
                "driver", driver,
                "parameters", map("clusterID", ns,
                        "csi.storage.k8s.io/snapshotter-secret-name", secret,
                        "csi.storage.k8s.io/snapshotter-secret-namespace", ns),
                "deletionPolicy", "Delete"));
        snapshotClass.getMetadata().setLabels(new java.util.TreeMap<>(Map.of("velero.io/csi-volumesnapshot-class", "true")));
        return snapshotClass;
    }
}
