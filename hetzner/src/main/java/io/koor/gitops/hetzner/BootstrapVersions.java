package io.koor.gitops.hetzner;

import io.koor.gitops.model.presets.Versions;

/**
 * What the first control-plane node installs besides Kubernetes itself (whose version comes from
 * the definition). The network plugin versions are the GitOps tree's ({@link Versions}), so that
 * Flux takes over exactly what bootstrap installed.
 */
public final class BootstrapVersions {
    public static final String CALICO = Versions.CALICO_CHART;
    public static final String CILIUM = Versions.CILIUM_CHART;
    public static final String MULTUS = Versions.MULTUS;
    public static final String FLUX = Versions.FLUX;
    public static final String HELM = Versions.HELM;
    public static final String ARGO_CD = Versions.ARGO_CD;

    private BootstrapVersions() {
    }
}
