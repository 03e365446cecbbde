package io.koor.gitops.model;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.values.DnsLabel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one GitOps repository describes: its clusters, each rendered under
 * {@code clusters/<name>/}, and what reconciles them (Flux unless told otherwise).
 */
public record GitOpsSystem(List<Cluster> clusters, Reconciler reconciler) {
    public GitOpsSystem {
        clusters = List.copyOf(clusters);
        java.util.Objects.requireNonNull(reconciler, "reconciler");
        Problems problems = new Problems();
        problems.require(!clusters.isEmpty(), "clusters", "the system has no cluster; add one with Cluster.named(...)");
        Set<DnsLabel> names = new HashSet<>();
        for (Cluster cluster : clusters) {
            problems.require(names.add(cluster.name()), "clusters[" + cluster.name() + "]",
                    "two clusters are named '" + cluster.name() + "'; cluster names must be unique");
            // its session secrets reach the chart through Flux's valuesFrom, which Argo CD's Helm source lacks
            problems.require(!(reconciler instanceof Reconciler.ArgoCd) || cluster.apps().dataControlCenter().isEmpty(),
                    "clusters[" + cluster.name() + "].apps.dataControlCenter", "Argo CD cannot give a chart values"
                            + " from a Secret made in the cluster, which is how the Data Control Center gets its session"
                            + " secrets without them in Git; reconcile this system with Flux (Reconciler.flux(...)), or"
                            + " leave the Data Control Center out");
        }
        problems.throwIfAny();
    }

    public static GitOpsSystem of(Cluster... clusters) {
        return new GitOpsSystem(List.of(clusters), Reconciler.flux());
    }

    /** The same clusters, reconciled by something else: {@code .reconciledBy(Reconciler.argoCd(url, "main"))}. */
    public GitOpsSystem reconciledBy(Reconciler other) {
        return new GitOpsSystem(clusters, other);
    }

    /** The cluster a command acts on (the {@code cluster} setting): the one named, or the only one when none is. */
    public Cluster select(String name) {
        String names = String.join("|", clusters.stream().map(c -> c.name().value()).toList());
        if (name == null || name.isBlank()) {
            if (clusters.size() == 1) {
                return clusters.get(0);
            }
            throw new ConfigurationException("cluster", "(none)", "the definition has several clusters; choose one of "
                    + names);
        }
        return clusters.stream().filter(c -> c.name().value().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigurationException("cluster", name, "the definition has no such cluster; choose"
                        + " one of " + names));
    }
}
