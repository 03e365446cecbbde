package io.koor.gitops.lab;

import io.koor.gitops.generator.render.BarmanCloud;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.NamedPool;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lab starts for a cluster, decided from the model alone: one CRUSH host per storage node
 * with one OSD per drive, the pools Rook would create (named as Rook names them), the filesystems
 * with their MDS, the object stores with their users and claimed buckets, the databases with their
 * backup stores, and what one machine
 * changes (fewer mons, a small MDS count), said in {@link #notes()}.
 */
public record LabShape(String cluster, List<String> hosts, int osdsPerHost, List<String> driveClasses, int mons,
                       List<Pool> pools, List<FilesystemShape> filesystems, List<StoreShape> objectStores,
                       List<DatabaseShape> databases, List<String> notes) {
    /** One mon: on one machine more mons share its fate and only slow every map change down. */
    static final int MONS = 1;
    /**
     * The device class every OSD gets when the drives declare none and no pool names one (memstore
     * and sparse files have none of their own).
     */
    static final String DEFAULT_CLASS = "hdd";

    /** A pool as Rook creates it: its Ceph name, its protection and placement, and the application that uses it. */
    public record Pool(String name, PoolSpec spec, String application) {
        public Pool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(application, "application");
        }
    }

    /** A CephFS: its metadata pool, data pools in order, and the MDS daemons the lab runs. */
    public record FilesystemShape(String name, String metadataPool, List<String> dataPools, int activeMds, int mdsDaemons) {
        public FilesystemShape {
            dataPools = List.copyOf(dataPools);
        }
    }

    /** An object store: one RGW, its users, and the buckets its ObjectBucketClaims ask for (named as claimed). */
    public record StoreShape(String name, List<String> users, List<String> buckets) {
        public StoreShape {
            users = List.copyOf(users);
            buckets = List.copyOf(buckets);
        }
    }

    /**
     * A PostgreSQL database of the definition and, when it is backed up, its Barman Cloud store as the
     * cluster declares it (the lab points it at its own RGW) in the object store that holds the claim.
     */
    public record DatabaseShape(String name, Optional<String> objectStore, Optional<BarmanCloud> barman) {
        public DatabaseShape {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(objectStore, "objectStore");
            Objects.requireNonNull(barman, "barman");
        }
    }

    /** @param driveClasses the CRUSH device class of each drive slot, one per OSD of a host, the same on every host */
    public LabShape {
        hosts = List.copyOf(hosts);
        driveClasses = List.copyOf(driveClasses);
        if (driveClasses.size() != osdsPerHost) {
            throw new IllegalArgumentException(driveClasses.size() + " drive classes for " + osdsPerHost + " OSDs per host");
        }
        databases = List.copyOf(databases);
        pools = List.copyOf(pools);
        filesystems = List.copyOf(filesystems);
        objectStores = List.copyOf(objectStores);
        notes = List.copyOf(notes);
    }

    public int osds() {
        return hosts.size() * osdsPerHost;
    }

    public Optional<Pool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The lab for the cluster's storage nodes and Rook settings. */
    public static LabShape of(Cluster cluster) {
        List<String> notes = new ArrayList<>();
        var rook = cluster.rook();
        int mons = Math.min(MONS, rook.mons());
        if (rook.mons() > mons) {
            notes.add("the definition runs " + rook.mons() + " mons; the lab runs " + mons
                    + " (on one machine more mons share its fate)");
        }
        List<String> classes = new ArrayList<>();
        List<Pool> pools = new ArrayList<>();
        for (BlockPool pool : rook.blockPools()) {
            pool.metadataPool().ifPresent(meta -> pools.add(new Pool(meta.value(),
                    PoolSpec.replicated(3).failureDomain(pool.spec().failureDomain()), "rbd")));
            pools.add(new Pool(pool.name().value(), pool.spec(), "rbd"));
        }
        List<FilesystemShape> filesystems = new ArrayList<>();
        for (Filesystem fs : rook.filesystems()) {
            String name = fs.name().value();
            pools.add(new Pool(name + "-metadata", fs.metadataPool(), "cephfs"));
            List<String> data = new ArrayList<>();
            for (NamedPool pool : fs.dataPools()) {
                data.add(name + "-" + pool.name().value());
                pools.add(new Pool(name + "-" + pool.name().value(), pool.spec(), "cephfs"));
            }
            int daemons = fs.activeMds();
            if (fs.mdsDaemons() > daemons) {
                notes.add("filesystem " + name + " declares " + fs.mdsDaemons() + " MDS daemons; the lab runs the "
                        + daemons + " active, no standby");
            }
            filesystems.add(new FilesystemShape(name, name + "-metadata", data, fs.activeMds(), daemons));
        }
        List<StoreShape> stores = new ArrayList<>();
        for (ObjectStore store : rook.objectStores()) {
            String name = store.name().value();
            // Rook's pools for a store (pkg/operator/ceph/object): the zone's metadata pools, .rgw.root, and the data pool
            for (String suffix : List.of("rgw.control", "rgw.meta", "rgw.log", "rgw.buckets.index", "rgw.buckets.non-ec",
                    "rgw.otp")) {
                pools.add(new Pool(name + "." + suffix, store.metadataPool(), "rgw"));
            }
            if (pools.stream().noneMatch(p -> p.name().equals(".rgw.root"))) {
                pools.add(new Pool(".rgw.root", store.metadataPool(), "rgw"));
            }
            pools.add(new Pool(name + ".rgw.buckets.data", store.dataPool(), "rgw"));
            if (store.gateways() > 1) {
                notes.add("object store " + name + " declares " + store.gateways() + " gateways; the lab runs 1");
            }
            stores.add(new StoreShape(name, store.users().stream().map(u -> u.name().value()).toList(),
                    store.buckets().stream().map(b -> b.name().value()).toList()));
        }
        int drives = cluster.storage().drivesPerNode();
        List<String> declared = rook.devices() instanceof Devices.AttachedVolumes volumes ? volumes.deviceClasses() : List.of();
        List<String> driveClasses;
        if (!declared.isEmpty()) {
            driveClasses = declared; // as the definition gives each drive slot (the model holds one per drive)
        } else {
            pools.forEach(p -> p.spec().deviceClass().filter(c -> !classes.contains(c)).ifPresent(classes::add));
            String deviceClass = classes.isEmpty() ? DEFAULT_CLASS : classes.get(0);
            if (classes.size() > 1) {
                notes.add("pools name device classes " + String.join(", ", classes) + " but the drives declare none,"
                        + " so the lab's OSDs are all " + deviceClass + " and pools of the other classes stay unplaced;"
                        + " declare them with Devices.attachedVolumes().deviceClasses(...)");
            }
            driveClasses = java.util.Collections.nCopies(drives, deviceClass);
        }
        List<DatabaseShape> databases = new ArrayList<>();
        for (PostgresCluster db : cluster.apps().databases()) {
            Optional<String> store = db.backup().flatMap(b -> rook.storeHolding(db.namespace(), b.bucketClaim()))
                    .map(s -> s.name().value());
            databases.add(new DatabaseShape(db.name().value(), store,
                    db.backup().map(b -> BarmanCloud.of(cluster, db))));
        }
        if (databases.size() > 1) {
            notes.add("the definition declares " + databases.size() + " databases; the lab runs one PostgreSQL server,"
                    + " archiving as " + databases.get(0).name() + " does");
        }
        // CRUSH host names as Rook's OSDs report them: the storage nodes' names
        List<String> hosts = cluster.nodes(NodeRole.STORAGE).stream().map(n -> n.name().value()).toList();
        return new LabShape(cluster.name().value(), hosts, drives, driveClasses, mons, pools, filesystems, stores,
                databases, notes);
    }

    /** The CRUSH layout of the lab, for the judge. */
    public CrushLayout crushLayout() {
        List<CrushLayout.Host> hostList = new ArrayList<>();
        hosts.forEach(h -> hostList.add(new CrushLayout.Host(h, driveClasses)));
        return new CrushLayout(hostList, pools.stream().map(p -> new CrushLayout.Pool(p.name(), p.spec())).toList());
    }
}
