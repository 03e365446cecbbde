package io.koor.gitops.model.cluster;

import io.koor.gitops.model.values.DnsLabel;

/** One machine of a cluster. Its name is both the Hetzner server name and the Kubernetes node name. */
public record Node(DnsLabel name, NodeRole role, ServerType serverType) {
}
