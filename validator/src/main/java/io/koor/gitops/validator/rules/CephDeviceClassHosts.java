package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pool restricted to a device class ({@code deviceClass: ssd}) places its copies only on OSDs of
 * that class, so with failure domain host it needs that many hosts with such OSDs, not merely that
 * many hosts. The class of an OSD is the {@code config.deviceClass} of its device, node or whole
 * storage section; where none is written Ceph detects it when the OSD starts, so a cluster with
 * any such device is not judged (rook/rook@v1.20.6 Documentation/CRDs/Cluster/ceph-cluster-crd.md
 * "deviceClass"; Documentation/CRDs/Block-Storage/ceph-block-pool-crd.md "deviceClass").
 */
final class CephDeviceClassHosts {
    private CephDeviceClassHosts() {
    }

    static List<Rule> all() {
        return List.of(Rule.tree("ceph-device-class-hosts", ERROR, "A pool on one device class whose copies or chunks need more"
                        + " hosts with OSDs of that class than the cluster has.",
                "give more storage nodes OSDs of that class, lower the size, or drop deviceClass", CephDeviceClassHosts::check));
    }

    private static void check(TreeIndex index, Findings out) {
        for (CephRules.Pool pool : CephRules.pools(index)) {
            String wanted = pool.spec().path("deviceClass").asText("");
            if (wanted.isEmpty() || !pool.spec().path("failureDomain").asText("host").equals("host")) {
                continue;
            }
            int needed = pool.spec().has("erasureCoded")
                    ? pool.spec().path("erasureCoded").path("dataChunks").asInt(0) + pool.spec().path("erasureCoded").path("codingChunks").asInt(0)
                    : pool.spec().path("replicated").path("size").asInt(0);
            Optional<Integer> hosts = CephRules.clusterIn(index, pool.namespace()).flatMap(c -> hostsWithClass(c.spec(), wanted));
            if (needed > 0 && hosts.isPresent() && hosts.get() < needed) {
                out.at(pool.source(), pool.pointer() + "/deviceClass", pool.label() + ": deviceClass " + wanted + " with failure"
                        + " domain host needs " + needed + " hosts with " + wanted + " OSDs, the cluster has " + hosts.get(),
                        "give more storage nodes " + wanted + " devices, or lower the size");
            }
        }
    }

    /** Hosts with at least one OSD of the class; empty when some OSD's class is left to Ceph to detect. */
    static Optional<Integer> hostsWithClass(JsonNode clusterSpec, String wanted) {
        JsonNode storage = clusterSpec.path("storage");
        if (storage.path("useAllNodes").asBoolean(false) || !storage.path("nodes").isArray()) {
            return Optional.empty();
        }
        String clusterClass = storage.path("config").path("deviceClass").asText("");
        int hosts = 0;
        for (JsonNode node : storage.path("nodes")) {
            String nodeClass = node.path("config").path("deviceClass").asText(clusterClass);
            Set<String> classes = new HashSet<>();
            if (node.path("devices").isArray() && !node.path("devices").isEmpty()) {
                for (JsonNode device : node.path("devices")) {
                    classes.add(device.path("config").path("deviceClass").asText(nodeClass));
                }
            } else {
                classes.add(nodeClass);
            }
            if (classes.contains("")) {
                return Optional.empty();
            }
            hosts += classes.contains(wanted) ? 1 : 0;
        }
        return Optional.of(hosts);
    }
}
