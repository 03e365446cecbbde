package io.koor.gitops.hetzner;

import java.util.Objects;

/**
 * What the first control-plane node needs to hand the cluster to its reconciler: the Git
 * repository it reconciles from, whether that is Flux or Argo CD, and whether the tree holds Flux's
 * own manifests ({@code clusters/<cluster>/flux-system/}, see {@code FluxBootstrap}), in which case
 * bootstrap installs the same controllers the tree's release artifact holds. It holds no secret: the
 * other nodes join later, over SSH, with secrets made for that moment ({@link ClusterJoin}).
 */
public record Bootstrap(String gitUrl, String gitBranch, boolean argoCd, boolean fluxInGit) {
    public Bootstrap {
        Objects.requireNonNull(gitUrl, "gitUrl");
        Objects.requireNonNull(gitBranch, "gitBranch");
    }

    /** For Flux, reconciling from {@code gitUrl} at {@code gitBranch}. */
    public static Bootstrap flux(String gitUrl, String gitBranch) {
        return new Bootstrap(gitUrl, gitBranch, false, false);
    }

    /** Flux whose controllers the tree also declares (the system names its repository). */
    public Bootstrap withFluxInGit() {
        return new Bootstrap(gitUrl, gitBranch, argoCd, true);
    }

    /** Argo CD following the repository and revision its Applications name. */
    public Bootstrap withArgoCd() {
        return new Bootstrap(gitUrl, gitBranch, true, fluxInGit);
    }
}
