package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NodeRole;
import java.util.List;
import java.util.Map;

/**
 * Where Ceph daemons may run: on the storage nodes, by host name (which every node has, however it
 * was made), and, when those nodes are dedicated to Ceph, tolerating their taint.
 */
final class Placement {
    private Placement() {
    }

    static Map<String, Object> storageNodes(Cluster cluster) {
        List<String> hosts = cluster.nodes(NodeRole.STORAGE).stream().map(n -> n.name().value()).toList();
        Map<String, Object> placement = map("nodeAffinity", map(
                "requiredDuringSchedulingIgnoredDuringExecution", map("nodeSelectorTerms", List.of(
                        map("matchExpressions", List.of(map(
                                "key", "kubernetes.io/hostname",
                                "operator", "In",
                                "values", hosts)))))));
        if (cluster.rook().dedicatedStorageNodes()) {
            placement.put("tolerations", List.of(map("key", Cluster.STORAGE_TAINT_KEY, "operator", "Exists",
                    "effect", "NoSchedule")));
        }
        return placement;
    }
}
