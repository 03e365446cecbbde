package io.koor.gitops.model;

/**
 * The releases the patterns pin, in one place. Upgrading Rook or Ceph for every pattern (and the
 * demo) is a change here, reviewed like any other.
 */
public final class Versions {
    public static final String KUBERNETES = "1.32.4";
    /** The Rook chart whose CRDs the validator's schemas describe (v1.20.6). */
    public static final String ROOK = "v1.20.6";
    public static final String CEPH_IMAGE = "quay.io/ceph/ceph:v19.2.3";

    private Versions() {
    }
}
