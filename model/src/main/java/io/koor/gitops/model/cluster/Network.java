package io.koor.gitops.model.cluster;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.Cidr;
import java.util.Objects;

/**
 * The cluster's networks: the Hetzner private network the nodes talk over, and the pod and
 * service ranges. The three must not overlap, or traffic is routed to the wrong place.
 */
public record Network(NetworkPlugin plugin, boolean multus, Cidr nodeCidr, Cidr podCidr, Cidr serviceCidr) {
    public Network {
        Objects.requireNonNull(plugin, "plugin");
        Problems problems = new Problems();
        problems.require(!nodeCidr.overlaps(podCidr), "podCidr",
                "podCidr=" + podCidr + " overlaps nodeCidr=" + nodeCidr + "; choose disjoint ranges");
        problems.require(!nodeCidr.overlaps(serviceCidr), "serviceCidr",
                "serviceCidr=" + serviceCidr + " overlaps nodeCidr=" + nodeCidr + "; choose disjoint ranges");
        problems.require(!podCidr.overlaps(serviceCidr), "serviceCidr",
                "serviceCidr=" + serviceCidr + " overlaps podCidr=" + podCidr + "; choose disjoint ranges");
        problems.throwIfAny();
    }

    private static Network defaults(NetworkPlugin plugin) {
        return new Network(plugin, false, Cidr.parse("10.0.0.0/16"), Cidr.parse("10.244.0.0/16"),
                Cidr.parse("10.96.0.0/12"));
    }

    public static Network calico() {
        return defaults(NetworkPlugin.CALICO);
    }

    public static Network cilium() {
        return defaults(NetworkPlugin.CILIUM);
    }

    /** Adds Multus so that pods (Ceph's, for instance) can join a second network. */
    public Network withMultus() {
        return new Network(plugin, true, nodeCidr, podCidr, serviceCidr);
    }

    public Network withNodeCidr(String cidr) {
        return new Network(plugin, multus, Problems.at("nodeCidr", () -> Cidr.parse(cidr)), podCidr, serviceCidr);
    }

    public Network withPodCidr(String cidr) {
        return new Network(plugin, multus, nodeCidr, Problems.at("podCidr", () -> Cidr.parse(cidr)), serviceCidr);
    }

    public Network withServiceCidr(String cidr) {
        return new Network(plugin, multus, nodeCidr, podCidr, Problems.at("serviceCidr", () -> Cidr.parse(cidr)));
    }
}
