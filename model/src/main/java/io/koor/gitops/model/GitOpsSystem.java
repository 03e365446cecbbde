package io.koor.gitops.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything one GitOps repository describes: its clusters, each rendered under {@code clusters/<name>/}. */
public record GitOpsSystem(List<Cluster> clusters) {
    public GitOpsSystem {
        clusters = List.copyOf(clusters);
        Problems problems = new Problems();
        problems.require(!clusters.isEmpty(), "clusters", "the system has no cluster; add one with Cluster.named(...)");
        Set<DnsLabel> names = new HashSet<>();
        for (Cluster cluster : clusters) {
            problems.require(names.add(cluster.name()), "clusters[" + cluster.name() + "]",
                    "two clusters are named '" + cluster.name() + "'; cluster names must be unique");
        }
        problems.throwIfAny();
    }

    public static GitOpsSystem of(Cluster... clusters) {
        return new GitOpsSystem(List.of(clusters));
    }
}
