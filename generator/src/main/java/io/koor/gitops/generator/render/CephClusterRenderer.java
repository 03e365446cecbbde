package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.Devices;
import io.koor.gitops.model.Node;
import io.koor.gitops.model.NodeRole;
import io.koor.gitops.model.RookCeph;
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

    private CephClusterRenderer() {
    }

    public static Component render(Cluster cluster) {
        RookCeph rook = cluster.rook();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(cephCluster(cluster));
        rook.blockPools().forEach(pool -> {
            objects.add(BlockPoolRenderer.pool(rook, pool));
            BlockPoolRenderer.storageClass(rook, pool).ifPresent(objects::add);
        });
        return new Component(COMPONENT, Layer.CONFIGS, Set.of(RookOperatorRenderer.COMPONENT), true, objects);
    }

    static HasMetadata cephCluster(Cluster cluster) {
        RookCeph rook = cluster.rook();
        List<Node> storageNodes = cluster.nodes(NodeRole.STORAGE);
        return Resources.custom("ceph.rook.io/v1", "CephCluster", rook.namespace().value(), rook.namespace().value(),
                map(
                        "cephVersion", map("image", rook.cephImage().toString(), "allowUnsupported", false),
                        "dataDirHostPath", "/var/lib/rook",
                        "skipUpgradeChecks", false,
                        "mon", map("count", rook.mons(), "allowMultiplePerNode", false),
                        "mgr", map("count", rook.mgrs(), "allowMultiplePerNode", false,
                                "modules", List.of(map("name", "rook", "enabled", true))),
                        "dashboard", map("enabled", true, "ssl", true),
                        "crashCollector", map("disable", false),
                        "placement", map("all", map("nodeAffinity", map(
                                "requiredDuringSchedulingIgnoredDuringExecution", map("nodeSelectorTerms", List.of(
                                        map("matchExpressions", List.of(map(
                                                "key", "kubernetes.io/hostname",
                                                "operator", "In",
                                                "values", storageNodes.stream().map(n -> n.name().value()).toList())))))))),
                        "storage", map(
                                "useAllNodes", false,
                                "useAllDevices", false,
                                "nodes", storageNodes.stream()
                                        .map(node -> osdNode(node, rook.devices(), cluster.storage().drivesPerNode()))
                                        .toList())));
    }

    private static Map<String, Object> osdNode(Node node, Devices devices, int drives) {
        if (devices instanceof Devices.AttachedVolumes volumes) {
            return map("name", node.name().value(),
                    "devices", volumes.names(drives).stream().map(name -> map("name", name)).toList());
        }
        if (devices instanceof Devices.Matching matching) {
            return map("name", node.name().value(), "deviceFilter", matching.regex());
        }
        throw new IllegalStateException("unhandled device selection " + devices);
    }
}
