package io.koor.gitops.model.cluster;

/** The CNI plugin installed at bootstrap and then owned by the GitOps tree. */
public enum NetworkPlugin {
    CALICO,
    CILIUM
}
