package io.koor.gitops.hetzner;

import java.util.Objects;

/**
 * What the first control-plane node needs to hand the cluster to its reconciler: the Git
 * repository it reconciles from, and whether that is Flux or Argo CD. It holds no secret: the
 * other nodes join later, over SSH, with secrets made for that moment ({@link ClusterJoin}).
 */
public record Bootstrap(String gitUrl, String gitBranch, boolean argoCd) {
    public Bootstrap {
        Objects.requireNonNull(gitUrl, "gitUrl");
        Objects.requireNonNull(gitBranch, "gitBranch");
    }

    /** For Flux, reconciling from {@code gitUrl} at {@code gitBranch}. */
    public static Bootstrap flux(String gitUrl, String gitBranch) {
        return new Bootstrap(gitUrl, gitBranch, false);
    }

    /** Argo CD following the repository and revision its Applications name. */
    public Bootstrap withArgoCd() {
        return new Bootstrap(gitUrl, gitBranch, true);
    }
}
