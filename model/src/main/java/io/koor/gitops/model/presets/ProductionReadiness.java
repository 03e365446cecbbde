package io.koor.gitops.model.presets;

import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.DaemonResources;
import io.koor.gitops.model.ceph.Protection;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a cluster is not fit for data anyone wants back, derived from its definition rather than from
 * a flag someone may forget: single-copy pools, a single monitor, too few storage nodes, test-sized
 * daemons. Empty for a production-grade definition.
 */
public final class ProductionReadiness {
    private ProductionReadiness() {
    }

    public static List<String> issues(Cluster cluster) {
        List<String> issues = new ArrayList<>();
        RookCeph rook = cluster.rook();
        for (BlockPool pool : rook.blockPools()) {
            if (pool.spec().protection() instanceof Protection.Replicated r && r.size() < 2) {
                issues.add("pool " + pool.name() + " keeps a single copy, so any failed drive loses its data");
            }
        }
        if (rook.mons() < 3) {
            issues.add("one monitor: losing it stops the whole cluster");
        }
        if (cluster.storage().count() < 4) {
            int n = cluster.storage().count();
            issues.add(n + (n == 1 ? " storage node" : " storage nodes") + ": a failed host leaves no room to heal");
        }
        if (rook.daemonResources().equals(DaemonResources.testing())) {
            issues.add("Ceph daemons run with test-sized resources");
        }
        return issues;
    }
}
