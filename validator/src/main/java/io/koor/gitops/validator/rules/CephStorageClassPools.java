package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pools a Ceph StorageClass names besides its main one: an RBD class's erasure-coded
 * {@code dataPool}, and a CephFS class's {@code pool}, which is a data pool of the filesystem as
 * Rook names it in Ceph: {@code <fs>-<name>} ({@code <name>} alone with
 * {@code preservePoolNames}), or {@code <fs>-data<i>} for an unnamed one (rook/rook@v1.20.6
 * 4e1b7a62 pkg/operator/ceph/file/filesystem.go generateDataPoolNames; deploy/examples/csi/cephfs/
 * storageclass.yaml uses myfs-replicated for data pool replicated of myfs). A class naming a pool
 * Ceph does not have provisions nothing: every claim on it stays Pending.
 */
final class CephStorageClassPools {
    private CephStorageClassPools() {
    }

    static List<Rule> all() {
        return List.of(Rule.tree("storageclass-data-pool-missing", ERROR, "A Ceph StorageClass whose data pool (RBD dataPool,"
                        + " CephFS pool) is not a pool of its cluster as Rook names it.",
                "name a pool the cluster defines; a CephFS data pool is <filesystem>-<data pool name>", CephStorageClassPools::check));
    }

    private static void check(TreeIndex index, Findings out) {
        for (SourceObject sc : index.ofKind("storage.k8s.io", "StorageClass")) {
            String provisioner = sc.node().path("provisioner").asText("");
            JsonNode params = sc.node().path("parameters");
            String ns = params.path("clusterID").asText("");
            if (CephRules.clusterIn(index, ns).isEmpty()) {
                continue; // storageclass-pool-missing says the cluster is missing
            }
            if (provisioner.endsWith(".rbd.csi.ceph.com") && params.has("dataPool")) {
                String pool = params.path("dataPool").asText("");
                if (!blockPools(index, ns).contains(pool)) {
                    out.at(sc, "/parameters/dataPool", "data pool '" + pool + "' is not a CephBlockPool of namespace " + ns,
                            "name the erasure-coded CephBlockPool, or define it");
                }
            } else if (provisioner.endsWith(".cephfs.csi.ceph.com") && params.has("pool")) {
                String fs = params.path("fsName").asText("");
                Set<String> names = dataPools(index, ns, fs);
                String pool = params.path("pool").asText("");
                if (!names.isEmpty() && !names.contains(pool)) {
                    out.at(sc, "/parameters/pool", "pool '" + pool + "' is not a data pool of filesystem " + fs
                            + " (Rook names them " + String.join(", ", new java.util.TreeSet<>(names)) + ")",
                            "use one of those names");
                }
            }
        }
    }

    /** Ceph pool names of the block pools of a cluster: spec.name when set, else the object's (or chart entry's) name. */
    private static Set<String> blockPools(TreeIndex index, String ns) {
        Set<String> names = new HashSet<>();
        index.ofKind("ceph.rook.io", "CephBlockPool").stream().filter(p -> p.namespace().equals(ns))
                .forEach(p -> names.add(p.spec().path("name").asText(p.name())));
        ChartKnowledge.installs(index).stream().filter(i -> i.chart().equals(ChartKnowledge.ROOK_CLUSTER) && i.namespace().equals(ns))
                .forEach(i -> i.values().path("cephBlockPools").forEach(p -> names.add(p.path("spec").path("name")
                        .asText(p.path("name").asText("")))));
        return names;
    }

    /** The data pools of filesystem {@code fs} in a cluster, as Rook names them; empty when the tree does not define it. */
    private static Set<String> dataPools(TreeIndex index, String ns, String fs) {
        Set<String> names = new HashSet<>();
        index.ofKind("ceph.rook.io", "CephFilesystem").stream().filter(f -> f.namespace().equals(ns) && f.name().equals(fs))
                .forEach(f -> names.addAll(poolNames(fs, f.spec())));
        ChartKnowledge.installs(index).stream().filter(i -> i.chart().equals(ChartKnowledge.ROOK_CLUSTER) && i.namespace().equals(ns))
                .forEach(i -> i.values().path("cephFileSystems").forEach(f -> {
                    if (f.path("name").asText("").equals(fs)) {
                        names.addAll(poolNames(fs, f.path("spec")));
                    }
                }));
        return names;
    }

    static List<String> poolNames(String fs, JsonNode spec) {
        List<String> names = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode pool : spec.path("dataPools")) {
            String name = pool.path("name").asText("");
            names.add(name.isEmpty() ? fs + "-data" + i : spec.path("preservePoolNames").asBoolean(false) ? name : fs + "-" + name);
            i++;
        }
        return names;
    }
}
