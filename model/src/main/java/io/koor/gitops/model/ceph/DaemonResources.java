package io.koor.gitops.model.ceph;

import io.koor.gitops.model.values.Resources;
import java.util.Objects;

/** Resources of the Ceph daemons Rook runs on every storage node. */
public record DaemonResources(Resources mon, Resources mgr, Resources osd) {
    public DaemonResources {
        Objects.requireNonNull(mon, "mon");
        Objects.requireNonNull(mgr, "mgr");
        Objects.requireNonNull(osd, "osd");
    }

    /** Rook's production defaults (its cluster chart): OSDs want 4 GiB each. */
    public static DaemonResources production() {
        return new DaemonResources(Resources.of(1000, 1024, 2048), Resources.of(500, 512, 1024),
                Resources.of(1000, 4096, 4096));
    }

    /** Small enough for a single throw-away node; not for data anyone wants back. */
    public static DaemonResources testing() {
        return new DaemonResources(Resources.of(100, 256, 1024), Resources.of(100, 256, 1024),
                Resources.of(250, 1024, 2048));
    }
}
