package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.WARNING;

import io.koor.gitops.validator.load.SourceObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims on Ceph storage applied by a Flux Kustomization that does not wait for the one creating
 * the Ceph cluster. A warning, not an error: the API server accepts a claim whose StorageClass
 * does not exist yet, and the PersistentVolume controller keeps retrying it, so it binds once Rook
 * has created the class; until then the claim is Pending and its pods wait (a Kustomization with
 * {@code wait: true} reports that as not ready).
 */
final class CephClaimOrdering {
    private CephClaimOrdering() {
    }

    static List<Rule> all() {
        return List.of(Rule.tree("ceph-claim-missing-dependson", WARNING, "Claims on Ceph storage applied without waiting for the"
                        + " Ceph cluster: they stay Pending until Rook creates their StorageClass.",
                "add dependsOn on the Kustomization that creates the Ceph cluster", CephClaimOrdering::check));
    }

    private static void check(TreeIndex index, Findings out) {
        Map<String, SourceObject> fluxById = new java.util.HashMap<>();
        index.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization").forEach(k -> fluxById.putIfAbsent(TreeIndex.fluxId(k), k));
        Set<String> cephClasses = RookRules.cephStorageClasses(index);
        for (Map.Entry<String, Map<String, Set<String>>> cluster : index.applyGraph().entrySet()) {
            String clusterKs = null;
            for (Map.Entry<String, Set<String>> ks : cluster.getValue().entrySet()) {
                for (String file : ks.getValue()) {
                    if (TreeIndex.isFluxApplier(ks.getKey())
                            && index.inFile(file).stream().anyMatch(o -> RookRules.definesCephCluster(index, o))) {
                        clusterKs = ks.getKey();
                    }
                }
            }
            if (clusterKs == null) {
                continue;
            }
            for (Map.Entry<String, Set<String>> ks : cluster.getValue().entrySet()) {
                if (!TreeIndex.isFluxApplier(ks.getKey()) || ks.getKey().equals(clusterKs)
                        || RookRules.dependsOn(fluxById, ks.getKey(), clusterKs)) {
                    continue;
                }
                for (String file : ks.getValue()) {
                    for (SourceObject o : index.inFile(file)) {
                        if (RookRules.claimedClasses(o).stream().anyMatch(cephClasses::contains)
                                && !RookRules.releaseWaitsFor(index, o, r -> RookRules.definesCephCluster(index, r))) {
                            out.at(o, "", o.id() + " claims Ceph storage but Flux Kustomization " + ks.getKey()
                                    + " does not depend on " + clusterKs + ", which creates the Ceph cluster: on a new"
                                    + " cluster it stays Pending until the StorageClass exists",
                                    "add dependsOn: [{name: " + clusterKs.substring(clusterKs.indexOf('/') + 1) + "}] to "
                                            + ks.getKey());
                        }
                    }
                }
            }
        }
    }
}
