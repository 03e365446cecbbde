package io.koor.gitops.generator.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** The CSI secrets Rook's operator creates, as StorageClasses and snapshot classes refer to them. */
final class Secrets {
    private Secrets() {
    }

    static Map<String, String> rbd(String ns) {
        return csi(ns, "rook-csi-rbd-provisioner", "rook-csi-rbd-node");
    }

    static Map<String, String> cephfs(String ns) {
        return csi(ns, "rook-csi-cephfs-provisioner", "rook-csi-cephfs-node");
    }

    private static Map<String, String> csi(String ns, String provisioner, String node) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("csi.storage.k8s.io/provisioner-secret-name", provisioner);
        p.put("csi.storage.k8s.io/provisioner-secret-namespace", ns);
        p.put("csi.storage.k8s.io/controller-expand-secret-name", provisioner);
        p.put("csi.storage.k8s.io/controller-expand-secret-namespace", ns);
        p.put("csi.storage.k8s.io/node-stage-secret-name", node);
        p.put("csi.storage.k8s.io/node-stage-secret-namespace", ns);
        return p;
    }
}
