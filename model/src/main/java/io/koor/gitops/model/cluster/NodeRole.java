package io.koor.gitops.model.cluster;

/** What a node is for. The name is used in node names and Hetzner labels. */
public enum NodeRole {
    CONTROL_PLANE("control-plane"),
    STORAGE("storage"),
    WORKER("worker");

    private final String label;

    NodeRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
