package io.koor.gitops.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A replicated RBD pool and, optionally, the StorageClass that provisions volumes from it.
 * Build with {@link #replicated(String, int)}; a single-copy pool must be asked for by name,
 * {@link #singleCopyForTesting(String)}, because it loses data with any drive.
 */
public record BlockPool(DnsLabel name, int replicas, FailureDomain failureDomain, boolean requireSafeReplicaSize,
                        Optional<DnsLabel> storageClass, boolean defaultStorageClass) {
    public BlockPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(failureDomain, "failureDomain");
        Objects.requireNonNull(storageClass, "storageClass");
        Problems problems = new Problems();
        problems.require(replicas >= 1 && replicas <= 7, "replicas",
                "replicas=" + replicas + ": a replicated pool keeps 1 to 7 copies; 3 is the production choice");
        problems.require(replicas != 1 || !requireSafeReplicaSize, "replicas",
                "replicas=1 keeps a single copy and loses data with any drive; use 3, or"
                        + " BlockPool.singleCopyForTesting(\"" + name + "\") for a throw-away test cluster");
        problems.require(!defaultStorageClass || storageClass.isPresent(), "defaultStorageClass",
                "the pool has no StorageClass to make the default; call storageClass(\"ceph-block\") first");
        problems.throwIfAny();
    }

    /** A pool of {@code replicas} copies, one per host. */
    public static BlockPool replicated(String name, int replicas) {
        return new BlockPool(Problems.at("name", () -> DnsLabel.of(name)), replicas, FailureDomain.HOST, true,
                Optional.empty(), false);
    }

    /** One copy, spread over drives: Rook's test setting. Never for data anyone wants back. */
    public static BlockPool singleCopyForTesting(String name) {
        return new BlockPool(Problems.at("name", () -> DnsLabel.of(name)), 1, FailureDomain.OSD, false,
                Optional.empty(), false);
    }

    public BlockPool failureDomain(FailureDomain domain) {
        return new BlockPool(name, replicas, domain, requireSafeReplicaSize, storageClass, defaultStorageClass);
    }

    /** Provisions volumes from this pool through a StorageClass of that name. */
    public BlockPool storageClass(String className) {
        return new BlockPool(name, replicas, failureDomain, requireSafeReplicaSize,
                Optional.of(Problems.at("storageClass", () -> DnsLabel.of(className))), defaultStorageClass);
    }

    /** Makes this pool's StorageClass the cluster default, used by claims that name no class. */
    public BlockPool asDefault() {
        return new BlockPool(name, replicas, failureDomain, requireSafeReplicaSize, storageClass, true);
    }
}
