package io.koor.gitops.hetzner;

import io.koor.gitops.model.presets.Versions;
import java.util.Map;

/**
 * What the first control-plane node installs besides Kubernetes itself (whose version comes from
 * the definition). The network plugin versions are the GitOps tree's ({@link Versions}), so that
 * Flux takes over exactly what bootstrap installed. Every binary is downloaded at a pinned version
 * and checked against the SHA-256 its project published, per Debian architecture (Hetzner sells
 * x86 and Arm servers); a pin changes together with its version.
 */
public final class BootstrapVersions {
    public static final String CALICO = Versions.CALICO_CHART;
    public static final String CILIUM = Versions.CILIUM_CHART;
    public static final String MULTUS = Versions.MULTUS;
    public static final String FLUX = Versions.FLUX;
    public static final String HELM = Versions.HELM;
    public static final String ARGO_CD = Versions.ARGO_CD;

    /** helm-v3.16.4-linux-{amd64,arm64}.tar.gz, as get.helm.sh's .sha256sum files give them. */
    static final Map<String, String> HELM_SHA256 = Map.of(
            "amd64", "fc307327959aa38ed8f9f7e66d45492bb022a66c3e5da6063958254b9767d179",
            "arm64", "d3f8f15b3d9ec8c8678fbf3280c3e5902efabe5912e2f9fcf29107efbc8ead69");
    /** flux_2.9.5_linux_{amd64,arm64}.tar.gz, as the release's flux_2.9.5_checksums.txt gives them. */
    static final Map<String, String> FLUX_SHA256 = Map.of(
            "amd64", "b853df82adfd7736f580692f9f734473d571606307139f8fd20c2a80dd1ff473",
            "arm64", "f3e159af616ec0b9bd0a405c2185cf09d06b74652c1de3c7f377e8166826651a");

    private BootstrapVersions() {
    }
}
