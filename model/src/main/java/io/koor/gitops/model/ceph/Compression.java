package io.koor.gitops.model.ceph;

import java.util.Locale;

/** BlueStore compression of a pool, as Ceph names the modes. */
public enum Compression {
    NONE, PASSIVE, AGGRESSIVE, FORCE;

    public String cephName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
