package io.koor.gitops.model.presets;

/**
 * The releases the patterns pin, in one place. Upgrading Rook or Ceph for every pattern (and the
 * demo) is a change here, reviewed like any other.
 */
public final class Versions {
    public static final String KUBERNETES = "1.32.4";
    /** The Rook chart whose CRDs the validator's schemas describe (v1.20.6). */
    public static final String ROOK = "v1.20.6";
    public static final String CEPH_IMAGE = "quay.io/ceph/ceph:v19.2.3";
    /**
     * The network plugins: installed at bootstrap and then owned by the GitOps tree, with the same
     * release names, charts, versions and values, so that Flux takes the running release over.
     */
    public static final String CILIUM_CHART = "1.17.4";
    public static final String CALICO_CHART = "v3.29.3";
    public static final String MULTUS = "v4.2.2";
    public static final String FLUX = "2.7.5";
    public static final String HELM = "v3.16.4";
    /**
     * Argo CD, when it reconciles: the 3.3 line, whose app-of-apps waves wait for a child that is
     * still missing resources when the Application health check is restored (3.4 changed that).
     */
    public static final String ARGO_CD = "v3.3.14";

    private Versions() {
    }
}
