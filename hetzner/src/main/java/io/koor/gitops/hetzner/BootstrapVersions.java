package io.koor.gitops.hetzner;

/**
 * What the first control-plane node installs besides Kubernetes itself (whose version comes from
 * the definition), pinned in one place. Once Flux reconciles, the GitOps tree owns these.
 */
public final class BootstrapVersions {
    public static final String CALICO = "v3.29.3";
    public static final String CILIUM = "1.17.4";
    public static final String CILIUM_CLI = "v0.18.3";
    public static final String MULTUS = "v4.2.2";
    public static final String FLUX = "2.7.5";

    private BootstrapVersions() {
    }
}
