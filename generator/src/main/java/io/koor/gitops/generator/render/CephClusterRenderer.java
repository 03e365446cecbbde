package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ceph.CephNetwork;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Node;
import io.koor.gitops.model.cluster.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CephCluster, its block pools and their StorageClasses. Ceph daemons are pinned to the
 * storage nodes by host name, and OSDs are listed per node, so nothing depends on labels that a
 * hand-made node might lack.
 */
public final class CephClusterRenderer {
    public static final String COMPONENT = "ceph-cluster";
    /** Raise it to rotate the daemons' CephX keys again, e.g. together with a Ceph upgrade. */
    static final int DAEMON_KEY_GENERATION = 2;

    private CephClusterRenderer() {
    }

    /** @param dependsOn the operator, and the platform components the cluster's objects need */
    public static Component render(Cluster cluster, Set<String> dependsOn) {
        RookCeph rook = cluster.rook();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(cephCluster(cluster));
        rook.blockPools().forEach(pool -> objects.addAll(BlockPoolRenderer.render(rook, pool)));
        if (rook.snapshotClasses()) {
            objects.add(ToolsRenderer.blockSnapshotClass(rook));
        }
        return Component.ofCeph(COMPONENT, Layer.CONFIGS, dependsOn, true, objects);
    }

    static HasMetadata cephCluster(Cluster cluster) {
        RookCeph rook = cluster.rook();
        Map<String, Object> storage = map(
                "useAllNodes", false,
                "useAllDevices", false);
        if (rook.encryption()) {
            storage.put("config", map("encryptedDevice", "true"));
        }
        storage.put("nodes", cluster.nodes(NodeRole.STORAGE).stream()
                .map(node -> osdNode(node, rook.devices(), cluster.storage().drivesPerNode())).toList());
        return Resources.custom("ceph.rook.io/v1", "CephCluster", rook.namespace().value(), rook.namespace().value(),
                map(
                        "cephVersion", map("image", rook.cephImage().toString(), "allowUnsupported", false),
                        "dataDirHostPath", "/var/lib/rook",
                        "skipUpgradeChecks", false,
                        "security", map("cephx", cephx()),
                        "mon", map("count", rook.mons(), "allowMultiplePerNode", false),
                        // No mgr modules: Rook's examples disable its own "rook" module as not recommended.
                        "mgr", map("count", rook.mgrs(), "allowMultiplePerNode", false),
                        // Behind an Ingress the controller terminates TLS; otherwise the dashboard serves it.
                        "dashboard", map("enabled", true, "ssl", rook.dashboard().isEmpty()),
                        "monitoring", map("enabled", rook.monitoring()),
                        "network", network(rook.network()),
                        "crashCollector", map("disable", false),
                        // Rook keeps PodDisruptionBudgets for OSDs, mons, RGW and MDS, so a node drain (an upgrade,
                        // a reboot) never evicts more daemons than the pools' copies allow (Rook v1.20.6 cluster.yaml)
                        "disruptionManagement", map("managePodBudgets", true, "osdMaintenanceTimeout", 30),
                        "placement", map("all", Placement.storageNodes(cluster)),
                        "resources", map(
                                "mon", ResourcesRenderer.of(rook.daemonResources().mon()),
                                "mgr", ResourcesRenderer.of(rook.daemonResources().mgr()),
                                "osd", ResourcesRenderer.of(rook.daemonResources().osd())),
                        "priorityClassNames", map("mon", "system-node-critical", "osd", "system-node-critical",
                                "mgr", "system-cluster-critical"),
                        "storage", storage));
    }

    /**
     * CVE-2025-30156: rotate the daemon keys once (generation 2), which moves them to AES256K on a
     * fixed Ceph; CSI keys stay AES, since kernel mounts need Linux 7.0 for AES256K (Rook's
     * "CephX Keys and Rotation" guide, and its v1.20.6 cluster.yaml).
     */
    private static Map<String, Object> cephx() {
        return map(
                "daemon", map("keyRotationPolicy", "KeyGeneration", "keyGeneration", DAEMON_KEY_GENERATION),
                "csi", map("keyType", "aes"));
    }

    private static Map<String, Object> network(CephNetwork network) {
        if (network instanceof CephNetwork.HostNetwork) {
            return map("provider", "host");
        }
        if (network instanceof CephNetwork.Multus multus) {
            return map("provider", "multus", "selectors", map("public", multus.publicNetwork(),
                    "cluster", multus.clusterNetwork()));
        }
        return null; // the pod network: Rook's default, nothing to say
    }

    private static Map<String, Object> osdNode(Node node, Devices devices, int drives) {
        if (devices instanceof Devices.AttachedVolumes volumes) {
            // a declared class goes in the device's config (Rook docs, ceph-cluster-crd.md "OSD Configuration
            // Settings": deviceClass, a string), which Rook hands to ceph-volume as the OSD's CRUSH class
            List<String> names = volumes.names(drives);
            return map("name", node.name().value(), "devices", java.util.stream.IntStream.range(0, drives)
                    .mapToObj(i -> volumes.deviceClasses().isEmpty() ? map("name", names.get(i))
                            : map("name", names.get(i), "config", map("deviceClass", volumes.deviceClasses().get(i))))
                    .toList());
        }
        if (devices instanceof Devices.Matching matching) {
            return map("name", node.name().value(), "deviceFilter", matching.regex());
        }
        throw new IllegalStateException("unhandled device selection " + devices);
    }
}
