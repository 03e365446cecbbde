package io.koor.gitops.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Rook Ceph on a cluster: the operator chart, the Ceph release, the daemons and the pools.
 * Start from {@link #of(ChartSource, String)}; every other setting has a production default.
 */
public record RookCeph(DnsLabel namespace, ChartSource operatorChart, ImageRef cephImage, int mons, int mgrs,
                       Devices devices, List<BlockPool> blockPools) {
    public RookCeph {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(operatorChart, "operatorChart");
        Objects.requireNonNull(cephImage, "cephImage");
        Objects.requireNonNull(devices, "devices");
        blockPools = List.copyOf(blockPools);
        Problems problems = new Problems();
        problems.require(cephImage.isPinned(), "cephImage", "cephImage=" + cephImage + " floats: pin a full"
                + " release tag such as 'quay.io/ceph/ceph:v19.2.3' or a digest, so every daemon runs the same Ceph");
        problems.require(mons >= 1 && mons <= 9 && mons % 2 == 1, "mons", "mons=" + mons
                + ": Ceph monitors keep quorum only with an odd count from 1 to 9; use 3 (or 5 on 5+ storage nodes)");
        problems.require(mgrs >= 1 && mgrs <= 2, "mgrs", "mgrs=" + mgrs + ": run 1 manager, or 2 for a standby");
        Set<DnsLabel> poolNames = new HashSet<>();
        Set<DnsLabel> classNames = new HashSet<>();
        long defaults = 0;
        for (BlockPool pool : blockPools) {
            String at = "blockPools[" + pool.name() + "]";
            problems.require(poolNames.add(pool.name()), at, "two pools are named '" + pool.name() + "'; rename one");
            pool.storageClass().ifPresent(c -> problems.require(classNames.add(c), at + ".storageClass",
                    "two pools use the StorageClass name '" + c + "'; rename one"));
            defaults += pool.defaultStorageClass() ? 1 : 0;
        }
        problems.require(defaults <= 1, "blockPools", defaults + " StorageClasses are marked default;"
                + " Kubernetes picks one at random then: call asDefault() on one pool only");
        problems.throwIfAny();
    }

    public static RookCeph of(ChartSource operatorChart, String cephImage) {
        return new RookCeph(DnsLabel.of("rook-ceph"), operatorChart,
                Problems.at("cephImage", () -> ImageRef.parse(cephImage)), 3, 2, Devices.attachedVolumes(), List.of());
    }

    public RookCeph mons(int count) {
        return new RookCeph(namespace, operatorChart, cephImage, count, mgrs, devices, blockPools);
    }

    public RookCeph mgrs(int count) {
        return new RookCeph(namespace, operatorChart, cephImage, mons, count, devices, blockPools);
    }

    public RookCeph devices(Devices osdDevices) {
        return new RookCeph(namespace, operatorChart, cephImage, mons, mgrs, osdDevices, blockPools);
    }

    public RookCeph namespace(String name) {
        return new RookCeph(Problems.at("namespace", () -> DnsLabel.of(name)), operatorChart, cephImage, mons, mgrs,
                devices, blockPools);
    }

    public RookCeph blockPool(BlockPool pool) {
        List<BlockPool> pools = new ArrayList<>(blockPools);
        pools.add(pool);
        return new RookCeph(namespace, operatorChart, cephImage, mons, mgrs, devices, pools);
    }
}
