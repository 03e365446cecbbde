package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;

/** How Ceph daemons talk: over the pod network (default), the hosts' network, or Multus networks. */
public sealed interface CephNetwork permits CephNetwork.PodNetwork, CephNetwork.HostNetwork, CephNetwork.Multus {

    static CephNetwork podNetwork() {
        return new PodNetwork();
    }

    /** The hosts' network: Hetzner's private network, without the overlay's overhead. */
    static CephNetwork hostNetwork() {
        return new HostNetwork();
    }

    /** Multus: {@code namespace/name} of the NetworkAttachmentDefinitions for public and cluster traffic. */
    static CephNetwork multus(String publicNetwork, String clusterNetwork) {
        for (String nad : new String[] {publicNetwork, clusterNetwork}) {
            String[] parts = nad == null ? new String[0] : nad.split("/");
            if (parts.length != 2) {
                throw ModelException.of("network", "'" + nad + "': name a NetworkAttachmentDefinition as namespace/name");
            }
            Problems.at("network", () -> DnsLabel.of(parts[0]));
            Problems.at("network", () -> DnsLabel.of(parts[1]));
        }
        return new Multus(publicNetwork, clusterNetwork);
    }

    record PodNetwork() implements CephNetwork {
    }

    record HostNetwork() implements CephNetwork {
    }

    record Multus(String publicNetwork, String clusterNetwork) implements CephNetwork {
    }
}
