package io.koor.gitops.model;

/** One machine of a cluster. Its name is both the Hetzner server name and the Kubernetes node name. */
public record Node(DnsLabel name, NodeRole role, ServerType serverType) {
}
