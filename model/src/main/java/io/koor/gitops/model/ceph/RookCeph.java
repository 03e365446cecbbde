package io.koor.gitops.model.ceph;

import io.koor.gitops.model.Problem;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Rook Ceph on a cluster: the operator chart, the Ceph release, the daemons, and the block, file
 * and object storage it offers. Start from {@link #of(ChartSource, String)}; every other setting has
 * a production default.
 *
 * @param dedicatedStorageNodes storage nodes are tainted so only Ceph runs there
 * @param encryption            OSDs encrypt their drives (dm-crypt) at rest
 * @param monitoring            ServiceMonitors and PrometheusRules (needs the Prometheus operator)
 * @param toolbox               the rook-ceph-tools deployment, for the ceph CLI
 * @param snapshotClasses       VolumeSnapshotClasses for RBD and CephFS (needs the snapshot controller)
 */
public record RookCeph(DnsLabel namespace, ChartSource operatorChart, ImageRef cephImage, int mons, int mgrs,
                       Devices devices, List<BlockPool> blockPools, List<Filesystem> filesystems,
                       List<ObjectStore> objectStores, DaemonResources daemonResources, CephNetwork network,
                       boolean dedicatedStorageNodes, boolean encryption, boolean monitoring, boolean toolbox,
                       Optional<DashboardIngress> dashboard, boolean snapshotClasses) {
    public RookCeph {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(operatorChart, "operatorChart");
        Objects.requireNonNull(cephImage, "cephImage");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(daemonResources, "daemonResources");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(dashboard, "dashboard");
        blockPools = List.copyOf(blockPools);
        filesystems = List.copyOf(filesystems);
        objectStores = List.copyOf(objectStores);
    }

    /**
     * What is wrong with these settings, empty when nothing is. Checked by the cluster that holds
     * them, so a definition reports its Rook problems together with every other problem instead
     * of stopping at the first setting that is wrong.
     */
    public List<Problem> problems() {
        Problems problems = new Problems();
        problems.require(cephImage.isPinned(), "cephImage", "cephImage=" + cephImage + " floats: pin a full"
                + " release tag such as 'quay.io/ceph/ceph:v20.2.4' or a digest, so every daemon runs the same Ceph");
        CephAdvisories.vulnerablePair(operatorChart, cephImage).ifPresent(why -> problems.require(false,
                CephAdvisories.rook(operatorChart).isPresent() ? "operatorChart.version" : "cephImage", why));
        RookCsiDrivers.problem(operatorChart).ifPresent(why -> problems.require(false, "operatorChart.version", why));
        problems.require(mons >= 1 && mons <= 9, "mons", "mons=" + mons + ": Ceph runs 1 to 9 monitors; use 3 (or 5)");
        // an even monitor count works: CephLayout calls it a warning, which the generated tree's validation reports
        problems.require(mgrs >= 1 && mgrs <= 2, "mgrs", "mgrs=" + mgrs + ": run 1 manager, or 2 for a standby");
        Set<String> poolNames = new HashSet<>();
        Set<DnsLabel> classNames = new HashSet<>();
        long defaults = 0;
        for (BlockPool pool : blockPools) {
            String at = "blockPools[" + pool.name() + "]";
            problems.require(poolNames.add(pool.name().value()), at, "two pools are named '" + pool.name() + "'; rename one");
            pool.storageClass().ifPresent(c -> problems.require(classNames.add(c), at + ".storageClass",
                    "two pools use the StorageClass name '" + c + "'; rename one"));
            defaults += pool.defaultStorageClass() ? 1 : 0;
        }
        for (Filesystem fs : filesystems) {
            String at = "filesystems[" + fs.name() + "]";
            problems.require(poolNames.add("fs/" + fs.name()), at, "two filesystems are named '" + fs.name() + "'");
            fs.storageClass().ifPresent(c -> problems.require(classNames.add(c), at + ".storageClass",
                    "the StorageClass name '" + c + "' is used twice; rename one"));
        }
        // A bucket claim is an object of its namespace: two stores claiming one name would fight over it.
        java.util.Map<String, String> claimedBy = new java.util.HashMap<>();
        for (ObjectStore store : objectStores) {
            String at = "objectStores[" + store.name() + "]";
            problems.require(poolNames.add("os/" + store.name()), at, "two object stores are named '" + store.name() + "'");
            store.bucketStorageClass().ifPresent(c -> problems.require(classNames.add(c), at + ".bucketStorageClass",
                    "the StorageClass name '" + c + "' is used twice; rename one"));
            for (ObjectStore.BucketClaim claim : store.buckets()) {
                String id = claim.namespace() + "/" + claim.name();
                String other = claimedBy.putIfAbsent(id, store.name().value());
                problems.require(other == null, at + ".buckets[" + id + "]", "the bucket claim " + id
                        + " is also delivered by object store " + other + "; give one of them another name");
            }
        }
        problems.require(defaults <= 1, "blockPools", defaults + " StorageClasses are marked default;"
                + " Kubernetes picks one at random then: call asDefault() on one pool only");
        return problems.found();
    }

    public static RookCeph of(ChartSource operatorChart, String cephImage) {
        return new RookCeph(DnsLabel.of("rook-ceph"), operatorChart,
                Problems.at("cephImage", () -> ImageRef.parse(cephImage)), 3, 2, Devices.attachedVolumes(), List.of(),
                List.of(), List.of(), DaemonResources.production(), CephNetwork.podNetwork(), false, false, false, true,
                Optional.empty(), true);
    }

    /** The fields as a mutable draft, so each wither changes one thing and re-checks the whole. */
    private static final class Draft {
        DnsLabel namespace;
        ChartSource operatorChart;
        ImageRef cephImage;
        int mons;
        int mgrs;
        Devices devices;
        List<BlockPool> blockPools;
        List<Filesystem> filesystems;
        List<ObjectStore> objectStores;
        DaemonResources daemonResources;
        CephNetwork network;
        boolean dedicatedStorageNodes;
        boolean encryption;
        boolean monitoring;
        boolean toolbox;
        Optional<DashboardIngress> dashboard;
        boolean snapshotClasses;
    }

    private RookCeph with(Consumer<Draft> change) {
        Draft d = new Draft();
        d.namespace = namespace;
        d.operatorChart = operatorChart;
        d.cephImage = cephImage;
        d.mons = mons;
        d.mgrs = mgrs;
        d.devices = devices;
        d.blockPools = new ArrayList<>(blockPools);
        d.filesystems = new ArrayList<>(filesystems);
        d.objectStores = new ArrayList<>(objectStores);
        d.daemonResources = daemonResources;
        d.network = network;
        d.dedicatedStorageNodes = dedicatedStorageNodes;
        d.encryption = encryption;
        d.monitoring = monitoring;
        d.toolbox = toolbox;
        d.dashboard = dashboard;
        d.snapshotClasses = snapshotClasses;
        change.accept(d);
        return new RookCeph(d.namespace, d.operatorChart, d.cephImage, d.mons, d.mgrs, d.devices, d.blockPools,
                d.filesystems, d.objectStores, d.daemonResources, d.network, d.dedicatedStorageNodes, d.encryption,
                d.monitoring, d.toolbox, d.dashboard, d.snapshotClasses);
    }

    public RookCeph mons(int count) {
        return with(d -> d.mons = count);
    }

    public RookCeph mgrs(int count) {
        return with(d -> d.mgrs = count);
    }

    public RookCeph devices(Devices osdDevices) {
        return with(d -> d.devices = osdDevices);
    }

    public RookCeph namespace(String name) {
        DnsLabel label = Problems.at("namespace", () -> DnsLabel.of(name));
        return with(d -> d.namespace = label);
    }

    public RookCeph cephImage(String image) {
        ImageRef ref = Problems.at("cephImage", () -> ImageRef.parse(image));
        return with(d -> d.cephImage = ref);
    }

    public RookCeph operatorChart(ChartSource chart) {
        return with(d -> d.operatorChart = chart);
    }

    public RookCeph blockPool(BlockPool pool) {
        return with(d -> d.blockPools.add(pool));
    }

    public RookCeph filesystem(Filesystem fs) {
        return with(d -> d.filesystems.add(fs));
    }

    public RookCeph objectStore(ObjectStore store) {
        return with(d -> d.objectStores.add(store));
    }

    public RookCeph daemonResources(DaemonResources resources) {
        return with(d -> d.daemonResources = resources);
    }

    public RookCeph network(CephNetwork cephNetwork) {
        return with(d -> d.network = cephNetwork);
    }

    /** Taints the storage nodes so that only Ceph runs there. */
    public RookCeph dedicateStorageNodes() {
        return with(d -> d.dedicatedStorageNodes = true);
    }

    public RookCeph encryptedAtRest() {
        return with(d -> d.encryption = true);
    }

    public RookCeph monitoring(boolean enabled) {
        return with(d -> d.monitoring = enabled);
    }

    public RookCeph toolbox(boolean enabled) {
        return with(d -> d.toolbox = enabled);
    }

    public RookCeph dashboard(DashboardIngress ingress) {
        return with(d -> d.dashboard = Optional.of(ingress));
    }

    public RookCeph snapshotClasses(boolean enabled) {
        return with(d -> d.snapshotClasses = enabled);
    }

    /** The object store holding the bucket claim {@code claim} of {@code namespace}, if one does. */
    public Optional<ObjectStore> storeHolding(DnsLabel namespace, DnsLabel claim) {
        return objectStores.stream()
                .filter(s -> s.buckets().stream().anyMatch(c -> c.namespace().equals(namespace) && c.name().equals(claim)))
                .findFirst();
    }
}
