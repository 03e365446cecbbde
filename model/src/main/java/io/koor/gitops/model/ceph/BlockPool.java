package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.Optional;

/**
 * An RBD pool and, optionally, the StorageClass that provisions volumes from it. Build with
 * {@link #replicated(String, int)} or {@link #erasureCoded(String, int, int)}; a single-copy pool must
 * be asked for by name, {@link #singleCopyForTesting(String)}, because it loses data with any drive.
 * An erasure-coded pool gets a small replicated companion pool for RBD's metadata, as RBD requires.
 */
public record BlockPool(DnsLabel name, PoolSpec spec, Optional<DnsLabel> storageClass, boolean defaultStorageClass) {
    public BlockPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(storageClass, "storageClass");
        if (defaultStorageClass && storageClass.isEmpty()) {
            throw ModelException.of("defaultStorageClass",
                    "the pool has no StorageClass to make the default; call storageClass(\"ceph-block\") first");
        }
    }

    /** A pool of {@code copies} copies, one per host. */
    public static BlockPool replicated(String name, int copies) {
        return new BlockPool(Problems.at("name", () -> DnsLabel.of(name)),
                Problems.at("", () -> PoolSpec.replicated(copies)), Optional.empty(), false);
    }

    /** Data in {@code k} data and {@code m} coding chunks, one chunk per host: 1.5x raw for 4+2. */
    public static BlockPool erasureCoded(String name, int dataChunks, int codingChunks) {
        return new BlockPool(Problems.at("name", () -> DnsLabel.of(name)),
                Problems.at("", () -> PoolSpec.erasureCoded(dataChunks, codingChunks)), Optional.empty(), false);
    }

    /** One copy, spread over drives: Rook's test setting. Never for data anyone wants back. */
    public static BlockPool singleCopyForTesting(String name) {
        return new BlockPool(Problems.at("name", () -> DnsLabel.of(name)),
                new PoolSpec(new Protection.Replicated(1, false), FailureDomain.OSD, Optional.empty(), Compression.NONE),
                Optional.empty(), false);
    }

    public BlockPool failureDomain(FailureDomain domain) {
        return new BlockPool(name, spec.failureDomain(domain), storageClass, defaultStorageClass);
    }

    /** Places the pool on one CRUSH device class only (e.g. {@code nvme} for a database). */
    public BlockPool deviceClass(String deviceClass) {
        return new BlockPool(name, Problems.at("deviceClass", () -> spec.deviceClass(deviceClass)), storageClass,
                defaultStorageClass);
    }

    public BlockPool compression(Compression mode) {
        return new BlockPool(name, spec.compression(mode), storageClass, defaultStorageClass);
    }

    /** Provisions volumes from this pool through a StorageClass of that name. */
    public BlockPool storageClass(String className) {
        return new BlockPool(name, spec, Optional.of(Problems.at("storageClass", () -> DnsLabel.of(className))),
                defaultStorageClass);
    }

    /** Makes this pool's StorageClass the cluster default, used by claims that name no class. */
    public BlockPool asDefault() {
        return new BlockPool(name, spec, storageClass, true);
    }

    /** The replicated pool holding RBD metadata for an erasure-coded pool. */
    public Optional<DnsLabel> metadataPool() {
        return spec.isReplicated() ? Optional.empty() : Optional.of(DnsLabel.of(name.value() + "-metadata"));
    }
}
