package io.koor.gitops.model.ceph;

import java.util.Map;
import java.util.Optional;

/**
 * The Ceph layout rules, once: whether copies, chunks, monitors and daemons fit the nodes, and how
 * bad each finding is ({@link #refuses}). The model refuses a definition with the findings that
 * will not work; the validator reports all of them on YAML (the generated tree too), with the same
 * rule ids, messages and severities, because both call these functions.
 */
public final class CephLayout {
    public static final String POOL_SIZE = "ceph-pool-size-exceeds-hosts";
    public static final String EC_HOSTS = "ceph-ec-exceeds-hosts";
    public static final String EC_SPARE = "ceph-ec-no-spare-host";
    public static final String MON_EVEN = "ceph-mon-count-even";
    public static final String MON_NODES = "ceph-mon-count-exceeds-nodes";
    public static final String MGR_NODES = "ceph-mgr-count-exceeds-nodes";
    public static final String DRIVES = "ceph-drives-unequal";
    public static final String MEMORY = "ceph-daemons-exceed-memory";
    /** Memory the operating system, kubelet and CRI-O keep on every node. */
    public static final int SYSTEM_RESERVED_MIB = 1024;

    /** The rules whose findings will not work (errors); the others work but are risky (warnings). */
    private static final java.util.Set<String> REFUSED = java.util.Set.of(POOL_SIZE, EC_HOSTS, MON_NODES, MGR_NODES,
            MEMORY);

    /**
     * Whether a layout rule's findings are errors: the model refuses those, and leaves the warnings
     * to the validation of the tree it generates (an even monitor count works, with no more
     * tolerance than one fewer). The validator's catalogue takes these severities from here.
     */
    public static boolean refuses(String ruleId) {
        return REFUSED.contains(ruleId);
    }

    /** A rule's finding: its id, what is wrong, and how to fix it. */
    public record Finding(String ruleId, String message, String hint) {
        /** As a model problem shows it: {@code [rule-id] message; hint}. */
        public String text() {
            return "[" + ruleId + "] " + message + "; " + hint;
        }
    }

    private CephLayout() {
    }

    /** A replicated pool's copies against the failure domains that can hold them. */
    public static Optional<Finding> replicatedFits(String pool, int size, FailureDomain domain, int domains) {
        if (size <= domains) {
            return Optional.empty();
        }
        String unit = domain == FailureDomain.HOST ? "hosts with OSDs" : "OSDs";
        return Optional.of(new Finding(POOL_SIZE, pool + ": size " + size + " with failure domain " + domain.crushName()
                + " needs " + size + " " + unit + ", the cluster has " + domains, "add storage nodes or lower the size"));
    }

    /** An erasure-coded pool's k+m chunks against the failure domains. */
    public static Optional<Finding> erasureFits(String pool, int k, int m, int domains) {
        if (k + m <= domains) {
            return Optional.empty();
        }
        return Optional.of(new Finding(EC_HOSTS, pool + ": erasure coding " + k + "+" + m + " needs " + (k + m)
                + " hosts with OSDs, the cluster has " + domains,
                "add storage nodes or choose fewer chunks (e.g. 2+1 on 3 hosts)"));
    }

    /** k+m+1 hosts, so that a failed host's chunks can be rebuilt elsewhere. */
    public static Optional<Finding> erasureSpare(String pool, int k, int m, int domains) {
        if (k + m > domains || k + m + 1 <= domains) {
            return Optional.empty();
        }
        return Optional.of(new Finding(EC_SPARE, pool + ": erasure coding " + k + "+" + m + " needs " + (k + m + 1)
                + " hosts with OSDs, the cluster has " + domains,
                "add a storage node so a failed host's chunks have somewhere to go"));
    }

    /** Any pool protection against the failure domains: copies or chunks. */
    public static Optional<Finding> fits(String pool, PoolSpec spec, int domains) {
        if (spec.protection() instanceof Protection.Replicated r) {
            return replicatedFits(pool, r.size(), spec.failureDomain(), domains);
        }
        Protection.ErasureCoded ec = (Protection.ErasureCoded) spec.protection();
        return erasureFits(pool, ec.dataChunks(), ec.codingChunks(), domains);
    }

    public static Optional<Finding> monCountEven(int count) {
        return count % 2 != 0 ? Optional.empty() : Optional.of(new Finding(MON_EVEN, "mon count " + count + " is even",
                "use " + Math.max(1, count - 1) + " or " + (count + 1) + " monitors"));
    }

    public static Optional<Finding> monsFitNodes(int count, int nodes) {
        return onePerNode(MON_NODES, "mons", count, nodes, "lower the mon count or allow more nodes");
    }

    /**
     * Rook spreads managers one per node too; a manager without a node stays Pending, and with it the
     * standby that failover needs.
     */
    public static Optional<Finding> mgrsFitNodes(int count, int nodes) {
        return onePerNode(MGR_NODES, "mgrs", count, nodes, "lower the mgr count (2 gives a standby) or allow more nodes");
    }

    private static Optional<Finding> onePerNode(String rule, String daemons, int count, int nodes, String hint) {
        return count <= nodes ? Optional.empty() : Optional.of(new Finding(rule, "cannot start " + count + " " + daemons
                + " on " + nodes + " node(s) when allowMultiplePerNode is false", hint));
    }

    /** OSD devices per storage node: equal everywhere, and at least 2. */
    public static Optional<Finding> drives(Map<String, Integer> devicesPerNode) {
        boolean unequal = devicesPerNode.values().stream().distinct().count() > 1;
        boolean few = devicesPerNode.values().stream().anyMatch(n -> n < 2);
        return !unequal && !few ? Optional.empty() : Optional.of(new Finding(DRIVES, "OSD devices per node: "
                + devicesPerNode, "give every storage node the same drives, at least 2 each"));
    }

    /** The memory the Ceph daemons on one storage node request, against what its server type has. */
    public static Optional<Finding> memoryFits(String node, int requestedMiB, int capacityMiB, String breakdown) {
        int available = capacityMiB - SYSTEM_RESERVED_MIB;
        return requestedMiB <= available ? Optional.empty() : Optional.of(new Finding(MEMORY, node + ": the Ceph daemons"
                + " request " + requestedMiB + " MiB (" + breakdown + ") but the server has " + available
                + " MiB after " + SYSTEM_RESERVED_MIB + " MiB for the system",
                "choose a server type with more memory, fewer drives per node, or smaller daemon requests"));
    }
}
