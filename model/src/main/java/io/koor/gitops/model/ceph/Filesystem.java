package io.koor.gitops.model.ceph;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A CephFS filesystem: a replicated metadata pool, named data pools (the first replicated, as
 * Ceph keeps backtraces there), active MDS daemons with standbys, and a StorageClass.
 */
public record Filesystem(DnsLabel name, PoolSpec metadataPool, List<NamedPool> dataPools, int activeMds,
                         boolean standby, Resources mdsResources, Optional<DnsLabel> storageClass) {
    public Filesystem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadataPool, "metadataPool");
        Objects.requireNonNull(mdsResources, "mdsResources");
        Objects.requireNonNull(storageClass, "storageClass");
        dataPools = List.copyOf(dataPools);
        Problems problems = new Problems();
        problems.require(metadataPool.isReplicated(), "metadataPool", "[ceph-metadata-pool-erasure-coded]"
                + " the metadata pool must be replicated; use erasure coding for data pools only");
        problems.require(!dataPools.isEmpty(), "dataPools", "a filesystem needs at least one data pool");
        problems.require(dataPools.isEmpty() || dataPools.get(0).spec().isReplicated(), "dataPools[0]",
                "the first data pool holds CephFS backtraces and must be replicated; add the erasure-coded pool second");
        problems.require(activeMds >= 1 && activeMds <= 50, "activeMds", "activeMds=" + activeMds + ": use 1 to 50");
        Set<DnsLabel> names = new HashSet<>();
        dataPools.forEach(p -> problems.require(names.add(p.name()), "dataPools[" + p.name() + "]",
                "two data pools are named '" + p.name() + "'"));
        problems.throwIfAny();
    }

    /** A filesystem with 3-copy metadata and data pools, one active MDS with a standby, StorageClass ceph-filesystem. */
    public static Filesystem named(String name) {
        return new Filesystem(Problems.at("name", () -> DnsLabel.of(name)), PoolSpec.replicated(3),
                List.of(NamedPool.of("data0", PoolSpec.replicated(3))), 1, true, Resources.of(1000, 4096, 4096),
                Optional.of(DnsLabel.of("ceph-filesystem")));
    }

    public Filesystem dataPool(String poolName, PoolSpec spec) {
        List<NamedPool> pools = new ArrayList<>(dataPools);
        pools.add(NamedPool.of(poolName, spec));
        return new Filesystem(name, metadataPool, pools, activeMds, standby, mdsResources, storageClass);
    }

    public Filesystem metadataPool(PoolSpec spec) {
        return new Filesystem(name, spec, dataPools, activeMds, standby, mdsResources, storageClass);
    }

    public Filesystem activeMds(int count, boolean withStandby) {
        return new Filesystem(name, metadataPool, dataPools, count, withStandby, mdsResources, storageClass);
    }

    public Filesystem mdsResources(Resources resources) {
        return new Filesystem(name, metadataPool, dataPools, activeMds, standby, resources, storageClass);
    }

    public Filesystem storageClass(String className) {
        return new Filesystem(name, metadataPool, dataPools, activeMds, standby, mdsResources,
                Optional.of(Problems.at("storageClass", () -> DnsLabel.of(className))));
    }

    /** MDS daemons Rook starts: the active ones, and as many standbys. */
    public int mdsDaemons() {
        return activeMds * (standby ? 2 : 1);
    }
}
