package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;
import static io.koor.gitops.validator.finding.Severity.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.model.ceph.CephLayout;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Ceph layouts that cannot place their data, read from CephClusters and pools, whether written as
 * manifests or as values of Rook's cluster chart. Neither Rook nor Ceph refuses them; writes hang.
 */
final class CephRules {
    /** The layout rules' severities are CephLayout's, so the model and the validator cannot disagree. */
    private static Severity layout(String ruleId) {
        return CephLayout.refuses(ruleId) ? Severity.ERROR : Severity.WARNING;
    }

    private static final Pattern PINNED_TAG = Pattern.compile(".*:v?\\d+\\.\\d+\\.\\d+([-.][A-Za-z0-9.]+)*$|.*@sha256:[a-f0-9]{64}$");

    /** A CephCluster as the rules need it: where it is declared, its spec, and its namespace. */
    record CephClusterSpec(SourceObject source, String pointer, String namespace, JsonNode spec) {
        /** Hosts with OSDs when the spec lists them; empty when Rook decides (useAllNodes). */
        OptionalInt osdHosts() {
            JsonNode storage = spec.path("storage");
            if (storage.path("useAllNodes").asBoolean(false) || !storage.path("nodes").isArray()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(storage.path("nodes").size());
        }

        /** Nodes a daemon ("mon", "mgr") may run on, when its placement (or "all") pins them by host name. */
        OptionalInt nodesFor(String daemon) {
            for (String part : List.of(daemon, "all")) {
                JsonNode terms = spec.path("placement").path(part).path("nodeAffinity")
                        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
                for (JsonNode term : terms) {
                    for (JsonNode expr : term.path("matchExpressions")) {
                        if (expr.path("key").asText().equals("kubernetes.io/hostname")
                                && expr.path("operator").asText().equals("In")) {
                            return OptionalInt.of(expr.path("values").size());
                        }
                    }
                }
            }
            return OptionalInt.empty();
        }
    }

    /** A pool (block, filesystem metadata or data, object store) with where it is declared. */
    record Pool(SourceObject source, String pointer, String namespace, String label, JsonNode spec, boolean metadata) {
    }

    private CephRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.tree(CephLayout.POOL_SIZE, layout(CephLayout.POOL_SIZE), "A replicated pool with more copies than hosts (or OSDs) in its failure domain: writes hang.", "add storage nodes, or lower the size or the failure domain",
                        CephRules::replicatedSize),
                Rule.tree(CephLayout.EC_HOSTS, layout(CephLayout.EC_HOSTS), "An erasure-coded pool whose k+m chunks exceed the hosts of its failure domain: writes hang.", "add storage nodes, or choose fewer data or coding chunks",
                        (index, out) -> erasureCoded(index, out, 0)),
                Rule.tree(CephLayout.EC_SPARE, layout(CephLayout.EC_SPARE), "An erasure-coded pool with no host beyond k+m, so a lost host cannot be recovered onto another.", "add a storage node beyond k+m, or choose fewer chunks",
                        (index, out) -> erasureCoded(index, out, 1)),
                Rule.object("ceph-pool-size-one", WARNING, "A pool that keeps a single copy: any failed drive loses data.", "keep 3 copies (replicated.size: 3) for data you care about",
                        CephRules::sizeOne),
                Rule.object("ceph-size-one-requires-unsafe", ERROR, "A size-1 pool with requireSafeReplicaSize: true, which Rook refuses to create.", "set replicated.requireSafeReplicaSize: false, or raise the size",
                        CephRules::sizeOneRefused),
                Rule.object("ceph-metadata-pool-erasure-coded", ERROR, "A filesystem or object store metadata pool that is erasure coded; Ceph needs it replicated.", "make the metadata pool replicated; keep erasure coding for data pools",
                        CephRules::metadataErasureCoded),
                Rule.object(CephLayout.MON_EVEN, layout(CephLayout.MON_EVEN), "An even number of monitors tolerates no more failures than one fewer.", "use an odd count: 3 or 5",
                        CephRules::monEven),
                Rule.object(CephLayout.MON_NODES, layout(CephLayout.MON_NODES), "More monitors than nodes they may run on, one per node: the extra monitors never start.", "lower mon.count, or add nodes the monitors may run on",
                        (index, out) -> daemonNodes(index, out, "mon", 3, CephLayout::monsFitNodes)),
                Rule.object(CephLayout.MGR_NODES, layout(CephLayout.MGR_NODES), "More managers than nodes they may run on, one per node: the extra managers never start.", "lower mgr.count, or add nodes the managers may run on",
                        // no count means Rook's single manager, which always fits
                        (index, out) -> daemonNodes(index, out, "mgr", 1, CephLayout::mgrsFitNodes)),
                Rule.object("ceph-allow-unsupported", WARNING, "cephVersion.allowUnsupported: true runs an untested Ceph release.", "pin a supported Ceph release and set allowUnsupported: false",
                        CephRules::allowUnsupported),
                Rule.object("ceph-image-floating", WARNING, "A Ceph image that is not pinned to an X.Y.Z release or a digest.", "pin the image to a release such as quay.io/ceph/ceph:v19.2.3, or a digest",
                        CephRules::cephImage),
                Rule.tree("ceph-few-storage-nodes", WARNING, "Fewer than 4 hosts with OSDs: a host failure leaves no room to heal to full redundancy.", "run at least 4 storage nodes",
                        CephRules::fewNodes),
                Rule.tree(CephLayout.DRIVES, layout(CephLayout.DRIVES), "Storage nodes with different numbers of OSD devices, or fewer than 2: data placement becomes uneven.", "give every storage node the same number of drives, at least 2",
                        CephRules::drives),
                Rule.object("ceph-mds-no-standby", WARNING, "A CephFilesystem without a standby MDS: a daemon failure stops the filesystem.", "set metadataServer.activeStandby: true",
                        CephRules::mdsStandby),
                Rule.object("ceph-rgw-single-gateway", WARNING, "A CephObjectStore with one gateway: a restart stops object storage.", "set gateway.instances to 2 or more",
                        CephRules::gateways),
                Rule.tree("storageclass-pool-missing", ERROR, "A Ceph StorageClass naming a pool or cluster the tree does not define.", "define the pool and cluster, or name the ones the tree defines",
                        CephRules::storageClassPools));
    }

    static List<CephClusterSpec> clusters(TreeIndex index) {
        List<CephClusterSpec> specs = new ArrayList<>();
        for (SourceObject c : index.ofKind("ceph.rook.io", "CephCluster")) {
            specs.add(new CephClusterSpec(c, "/spec", c.namespace(), c.spec()));
        }
        for (ChartKnowledge.Install r : rookClusterCharts(index)) {
            specs.add(new CephClusterSpec(r.source(), r.valuesPointer() + "/cephClusterSpec", r.namespace(),
                    r.values().path("cephClusterSpec")));
        }
        return specs;
    }

    private static List<ChartKnowledge.Install> rookClusterCharts(TreeIndex index) {
        return ChartKnowledge.installs(index).stream().filter(i -> i.chart().equals(ChartKnowledge.ROOK_CLUSTER)).toList();
    }

    static Optional<CephClusterSpec> clusterIn(TreeIndex index, String namespace) {
        return clusters(index).stream().filter(c -> c.namespace().equals(namespace)).findFirst();
    }

    static List<Pool> pools(TreeIndex index) {
        List<Pool> pools = new ArrayList<>();
        for (SourceObject p : index.ofKind("ceph.rook.io", "CephBlockPool")) {
            pools.add(new Pool(p, "/spec", p.namespace(), "CephBlockPool " + p.name(), p.spec(), false));
        }
        for (SourceObject fs : index.ofKind("ceph.rook.io", "CephFilesystem")) {
            addFilesystem(pools, fs, "/spec", fs.namespace(), fs.name(), fs.spec());
        }
        for (SourceObject store : index.ofKind("ceph.rook.io", "CephObjectStore")) {
            addObjectStore(pools, store, "/spec", store.namespace(), store.name(), store.spec());
        }
        for (ChartKnowledge.Install chart : rookClusterCharts(index)) {
            SourceObject r = chart.source();
            String ns = chart.namespace();
            JsonNode values = chart.values();
            String at = chart.valuesPointer();
            int i = 0;
            for (JsonNode p : values.path("cephBlockPools")) {
                pools.add(new Pool(r, at + "/cephBlockPools/" + i + "/spec", ns, "pool " + p.path("name").asText(),
                        p.path("spec"), false));
                i++;
            }
            i = 0;
            for (JsonNode fs : values.path("cephFileSystems")) {
                addFilesystem(pools, r, at + "/cephFileSystems/" + i + "/spec", ns, fs.path("name").asText(), fs.path("spec"));
                i++;
            }
            i = 0;
            for (JsonNode store : values.path("cephObjectStores")) {
                addObjectStore(pools, r, at + "/cephObjectStores/" + i + "/spec", ns, store.path("name").asText(),
                        store.path("spec"));
                i++;
            }
        }
        return pools;
    }

    private static void addFilesystem(List<Pool> pools, SourceObject src, String at, String ns, String name, JsonNode spec) {
        pools.add(new Pool(src, at + "/metadataPool", ns, "filesystem " + name + " metadata pool", spec.path("metadataPool"), true));
        int i = 0;
        for (JsonNode data : spec.path("dataPools")) {
            pools.add(new Pool(src, at + "/dataPools/" + i, ns, "filesystem " + name + " data pool "
                    + data.path("name").asText(String.valueOf(i)), data, false));
            i++;
        }
    }

    private static void addObjectStore(List<Pool> pools, SourceObject src, String at, String ns, String name, JsonNode spec) {
        pools.add(new Pool(src, at + "/metadataPool", ns, "object store " + name + " metadata pool", spec.path("metadataPool"), true));
        pools.add(new Pool(src, at + "/dataPool", ns, "object store " + name + " data pool", spec.path("dataPool"), false));
    }

    /** Failure domains available to a pool: hosts with OSDs for 'host', otherwise unknown. */
    private static OptionalInt domains(TreeIndex index, Pool pool) {
        String domain = pool.spec().path("failureDomain").asText("host");
        if (!domain.equals("host")) {
            return OptionalInt.empty();
        }
        return clusterIn(index, pool.namespace()).map(CephClusterSpec::osdHosts).orElse(OptionalInt.empty());
    }

    private static FailureDomain domainOf(Pool pool) {
        return pool.spec().path("failureDomain").asText("host").equals("osd") ? FailureDomain.OSD : FailureDomain.HOST;
    }

    private static void replicatedSize(TreeIndex index, Findings out) {
        for (Pool pool : pools(index)) {
            int size = pool.spec().path("replicated").path("size").asInt(0);
            OptionalInt hosts = domains(index, pool);
            if (size > 0 && hosts.isPresent()) {
                CephLayout.replicatedFits(pool.label(), size, domainOf(pool), hosts.getAsInt())
                        .ifPresent(f -> out.at(pool.source(), pool.pointer() + "/replicated/size", f.message(), f.hint()));
            }
        }
    }

    private static void erasureCoded(TreeIndex index, Findings out, int spare) {
        for (Pool pool : pools(index)) {
            JsonNode ec = pool.spec().path("erasureCoded");
            int k = ec.path("dataChunks").asInt(0);
            int m = ec.path("codingChunks").asInt(0);
            OptionalInt hosts = domains(index, pool);
            if (k + m == 0 || hosts.isEmpty()) {
                continue;
            }
            (spare == 0 ? CephLayout.erasureFits(pool.label(), k, m, hosts.getAsInt())
                    : CephLayout.erasureSpare(pool.label(), k, m, hosts.getAsInt()))
                    .ifPresent(f -> out.at(pool.source(), pool.pointer() + "/erasureCoded", f.message(), f.hint()));
        }
    }

    private static void sizeOne(TreeIndex index, Findings out) {
        for (Pool pool : pools(index)) {
            if (pool.spec().path("replicated").path("size").asInt(0) == 1) {
                out.at(pool.source(), pool.pointer() + "/replicated/size", pool.label() + " keeps a single copy",
                        "use size 3 for data anyone wants back; size 1 only for throw-away test clusters");
            }
        }
    }

    /**
     * Rook refuses a size-1 pool only when requireSafeReplicaSize is true; the field is a plain bool
     * with omitempty and no CRD default, so it is false unless set (rook/rook@d0c3b9ce,
     * pkg/apis/ceph.rook.io/v1/types.go ReplicatedSpec and pkg/operator/ceph/pool/validate.go).
     */
    private static void sizeOneRefused(TreeIndex index, Findings out) {
        for (Pool pool : pools(index)) {
            JsonNode replicated = pool.spec().path("replicated");
            if (replicated.path("size").asInt(0) == 1 && replicated.path("requireSafeReplicaSize").asBoolean(false)) {
                out.at(pool.source(), pool.pointer() + "/replicated", pool.label() + ": Rook refuses size 1 while"
                        + " requireSafeReplicaSize is true", "set requireSafeReplicaSize: false, or size 3");
            }
        }
    }

    private static void metadataErasureCoded(TreeIndex index, Findings out) {
        for (Pool pool : pools(index)) {
            if (pool.metadata() && pool.spec().has("erasureCoded")) {
                out.at(pool.source(), pool.pointer() + "/erasureCoded", pool.label() + " is erasure coded",
                        "make the metadata pool replicated (size 3); use erasure coding only for data pools");
            }
        }
    }

    private static void monEven(TreeIndex index, Findings out) {
        for (CephClusterSpec c : clusters(index)) {
            CephLayout.monCountEven(c.spec().path("mon").path("count").asInt(3))
                    .ifPresent(f -> out.at(c.source(), c.pointer() + "/mon/count", f.message(), f.hint()));
        }
    }

    /** Monitors and managers run one per node unless allowMultiplePerNode: their count against the nodes pinned for them. */
    private static void daemonNodes(TreeIndex index, Findings out, String daemon, int defaultCount,
                                    java.util.function.BiFunction<Integer, Integer, Optional<CephLayout.Finding>> fits) {
        for (CephClusterSpec c : clusters(index)) {
            JsonNode spec = c.spec().path(daemon);
            OptionalInt nodes = c.nodesFor(daemon);
            if (!spec.path("allowMultiplePerNode").asBoolean(false) && nodes.isPresent()) {
                fits.apply(spec.path("count").asInt(defaultCount), nodes.getAsInt())
                        .ifPresent(f -> out.at(c.source(), c.pointer() + "/" + daemon + "/count", f.message(), f.hint()));
            }
        }
    }

    private static void allowUnsupported(TreeIndex index, Findings out) {
        for (CephClusterSpec c : clusters(index)) {
            if (c.spec().path("cephVersion").path("allowUnsupported").asBoolean(false)) {
                out.at(c.source(), c.pointer() + "/cephVersion/allowUnsupported", "allowUnsupported is true",
                        "set it to false in production and run a Ceph release Rook supports");
            }
        }
    }

    private static void cephImage(TreeIndex index, Findings out) {
        for (CephClusterSpec c : clusters(index)) {
            String image = c.spec().path("cephVersion").path("image").asText("");
            if (!image.isEmpty() && !PINNED_TAG.matcher(image).matches()) {
                out.at(c.source(), c.pointer() + "/cephVersion/image", "Ceph image " + image + " floats",
                        "pin a full release such as quay.io/ceph/ceph:v19.2.3, so every daemon runs the same Ceph");
            }
        }
    }

    private static void fewNodes(TreeIndex index, Findings out) {
        for (CephClusterSpec c : clusters(index)) {
            OptionalInt hosts = c.osdHosts();
            if (hosts.isPresent() && hosts.getAsInt() < 4) {
                out.at(c.source(), c.pointer() + "/storage/nodes", hosts.getAsInt() + " host(s) with OSDs",
                        "a production cluster has 4 or more storage nodes");
            }
        }
    }

    private static void drives(TreeIndex index, Findings out) {
        for (CephClusterSpec c : clusters(index)) {
            java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
            for (JsonNode node : c.spec().path("storage").path("nodes")) {
                if (node.path("devices").isArray()) {
                    counts.put(node.path("name").asText("?"), node.path("devices").size());
                }
            }
            if (!counts.isEmpty()) { // device filters or all devices: the counts are only known on the nodes
                CephLayout.drives(counts)
                        .ifPresent(f -> out.at(c.source(), c.pointer() + "/storage/nodes", f.message(), f.hint()));
            }
        }
    }

    private static void mdsStandby(TreeIndex index, Findings out) {
        for (SourceObject fs : index.ofKind("ceph.rook.io", "CephFilesystem")) {
            if (!fs.spec().path("metadataServer").path("activeStandby").asBoolean(false)) {
                out.at(fs, "/spec/metadataServer", "filesystem " + fs.name() + " has no standby MDS",
                        "set metadataServer.activeStandby: true");
            }
        }
    }

    private static void gateways(TreeIndex index, Findings out) {
        for (SourceObject store : index.ofKind("ceph.rook.io", "CephObjectStore")) {
            if (store.spec().path("gateway").path("instances").asInt(1) < 2) {
                out.at(store, "/spec/gateway", "object store " + store.name() + " runs "
                        + store.spec().path("gateway").path("instances").asInt(1) + " gateway", "run 2 or more RGW instances");
            }
        }
    }

    private static void storageClassPools(TreeIndex index, Findings out) {
        for (SourceObject sc : index.ofKind("storage.k8s.io", "StorageClass")) {
            String provisioner = sc.node().path("provisioner").asText("");
            if (!provisioner.endsWith(".rbd.csi.ceph.com") && !provisioner.endsWith(".cephfs.csi.ceph.com")) {
                continue;
            }
            JsonNode params = sc.node().path("parameters");
            String ns = params.path("clusterID").asText("");
            if (clusterIn(index, ns).isEmpty()) {
                out.at(sc, "/parameters/clusterID", "no CephCluster in namespace '" + ns + "'",
                        "clusterID is the namespace of the CephCluster");
                continue;
            }
            String pool = params.path(provisioner.contains(".rbd.") ? "pool" : "fsName").asText("");
            boolean found = provisioner.contains(".rbd.")
                    ? pools(index).stream().anyMatch(p -> p.namespace().equals(ns) && !p.metadata()
                            && (p.label().equals("CephBlockPool " + pool) || p.label().equals("pool " + pool)))
                    : pools(index).stream().anyMatch(p -> p.namespace().equals(ns) && p.label().startsWith("filesystem " + pool + " "));
            if (!found) {
                out.at(sc, "/parameters", (provisioner.contains(".rbd.") ? "pool '" : "filesystem '") + pool
                        + "' is not defined in namespace " + ns, "define it, or fix the StorageClass parameters");
            }
        }
    }
}
