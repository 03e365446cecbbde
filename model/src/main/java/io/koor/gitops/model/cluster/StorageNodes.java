package io.koor.gitops.model.cluster;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.ceph.CephLayout;
import java.util.Objects;

/**
 * The storage node group. Every storage node carries the same drives (Hetzner volumes handed to
 * Ceph as raw devices), so that data placement stays even and any node can replace any other.
 */
public record StorageNodes(int count, ServerType serverType, int drivesPerNode, int driveSizeGb) {
    /** Hetzner attaches at most 16 volumes to one server; a volume holds 10 GB to 10 TB. */
    static final int MAX_DRIVES = 16;
    static final int MIN_DRIVE_GB = 10;
    static final int MAX_DRIVE_GB = 10_240;

    public StorageNodes {
        Objects.requireNonNull(serverType, "serverType");
        Problems problems = new Problems();
        problems.require(count >= 1, "count", "count=" + count + ": Ceph needs at least one storage node;"
                + " a production cluster has 4 or more");
        CephLayout.drives(java.util.Map.of("every storage node", drivesPerNode))
                .ifPresent(f -> problems.require(false, "drivesPerNode", f.text()));
        problems.require(drivesPerNode <= MAX_DRIVES, "drivesPerNode", "drivesPerNode=" + drivesPerNode
                + ": Hetzner attaches at most " + MAX_DRIVES + " volumes to a server");
        problems.require(driveSizeGb >= MIN_DRIVE_GB && driveSizeGb <= MAX_DRIVE_GB, "driveSizeGb",
                "driveSizeGb=" + driveSizeGb + ": a Hetzner volume holds " + MIN_DRIVE_GB + " to " + MAX_DRIVE_GB
                        + " GB; pick a size in that range");
        problems.throwIfAny();
    }

    public static StorageNodes of(int count, String serverType, int drivesPerNode, int driveSizeGb) {
        return new StorageNodes(count, Problems.at("serverType", () -> ServerType.of(serverType)), drivesPerNode,
                driveSizeGb);
    }

    public long rawCapacityGb() {
        return (long) count * drivesPerNode * driveSizeGb;
    }
}
