package io.koor.gitops.hetzner;

import io.koor.gitops.model.Cidr;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.Node;
import io.koor.gitops.model.NodeRole;
import io.koor.gitops.model.PriceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a cluster needs on Hetzner Cloud, as a pure function of its definition: an SSH key,
 * a private network, a firewall, spread placement groups (at most 10 servers each) for the control
 * plane and the storage nodes, the servers, and one raw volume per drive of every storage node. A
 * control plane of more than one node gets a private load balancer in front of its API servers, so
 * the cluster's endpoint does not die with its first node.
 * Server names equal the Kubernetes node names the GitOps tree pins Ceph to, since both come from
 * {@link Cluster#nodes()}; each server gets a fixed address on the private network.
 */
public record DesiredState(Cluster cluster, String owner, List<DesiredResource> resources) {
    public static final String IMAGE = "ubuntu-22.04";
    /** Hetzner's limit for spread placement groups. */
    public static final int MAX_SERVERS_PER_PLACEMENT_GROUP = 10;

    public DesiredState {
        resources = List.copyOf(resources);
    }

    public static DesiredState of(Cluster cluster, String owner) {
        String name = cluster.name().value();
        List<DesiredResource> out = new ArrayList<>();
        out.add(new DesiredResource(ResourceKind.SSH_KEY, name + "-admin", Labels.of(name, owner, null), Map.of()));
        Cidr nodes = cluster.network().nodeCidr();
        out.add(new DesiredResource(ResourceKind.NETWORK, name + "-network", Labels.of(name, owner, null), Map.of(
                "ip_range", nodes.toString(),
                "subnet", subnet(nodes),
                "network_zone", cluster.location().networkZone())));
        out.add(new DesiredResource(ResourceKind.FIREWALL, name + "-firewall", Labels.of(name, owner, null), Map.of()));
        Map<String, String> groupOf = new HashMap<>();
        for (NodeRole role : List.of(NodeRole.CONTROL_PLANE, NodeRole.STORAGE)) {
            List<Node> members = cluster.nodes(role);
            if (members.size() < 2) {
                continue; // spreading one server is meaningless
            }
            for (int i = 0; i < members.size(); i++) {
                String group = name + "-" + role.label() + "-" + (i / MAX_SERVERS_PER_PLACEMENT_GROUP + 1);
                groupOf.put(members.get(i).name().value(), group);
                if (i % MAX_SERVERS_PER_PLACEMENT_GROUP == 0) {
                    out.add(new DesiredResource(ResourceKind.PLACEMENT_GROUP, group, Labels.of(name, owner, role.label()),
                            Map.of()));
                }
            }
        }
        if (cluster.apiLoadBalanced()) {
            out.add(new DesiredResource(ResourceKind.LOAD_BALANCER, name + "-api", Labels.of(name, owner, "api"), Map.of(
                    "load_balancer_type", PriceTable.API_LOAD_BALANCER,
                    "location", cluster.location().code(),
                    "private_ip", lastHost(Cidr.parse(subnet(nodes))),
                    "targets", Labels.selector(name) + "," + Labels.ROLE + "=" + NodeRole.CONTROL_PLANE.label())));
        }
        List<Node> all = cluster.nodes();
        for (int i = 0; i < all.size(); i++) {
            Node node = all.get(i);
            Map<String, String> attributes = new HashMap<>();
            attributes.put("server_type", node.serverType().name());
            attributes.put("image", IMAGE);
            attributes.put("location", cluster.location().code());
            attributes.put("private_ip", privateIp(nodes, i));
            attributes.put("role", node.role().label());
            if (groupOf.containsKey(node.name().value())) {
                attributes.put("placement_group", groupOf.get(node.name().value()));
            }
            out.add(new DesiredResource(ResourceKind.SERVER, node.name().value(),
                    Labels.of(name, owner, node.role().label()), attributes));
        }
        for (Node node : cluster.nodes(NodeRole.STORAGE)) {
            for (int d = 1; d <= cluster.storage().drivesPerNode(); d++) {
                out.add(new DesiredResource(ResourceKind.VOLUME, node.name() + "-osd-" + d,
                        Labels.of(name, owner, NodeRole.STORAGE.label()), Map.of(
                        "size", String.valueOf(cluster.storage().driveSizeGb()),
                        "server", node.name().value())));
            }
        }
        return new DesiredState(cluster, owner, out);
    }

    /** The first /24 of the node network (or the network itself when smaller). */
    static String subnet(Cidr network) {
        return network.prefix() >= 24 ? network.toString() : Cidr.parse(network.toString().replaceFirst("/\\d+$", "/24"))
                .toString();
    }

    /** Node i gets the (i+2)th address: .1 is the network's gateway. */
    static String privateIp(Cidr network, int index) {
        return dotted(network.address() + 2 + index);
    }

    /** The subnet's last address below broadcast, far from the nodes counting up from the start. */
    static String lastHost(Cidr subnet) {
        return dotted(subnet.address() + (1L << (32 - subnet.prefix())) - 2);
    }

    private static String dotted(long address) {
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    public List<DesiredResource> ofKind(ResourceKind kind) {
        return resources.stream().filter(r -> r.kind() == kind).toList();
    }

    public java.util.Optional<DesiredResource> find(ResourceKind kind, String name) {
        return resources.stream().filter(r -> r.kind() == kind && r.name().equals(name)).findFirst();
    }

    /** The cluster's one private network. */
    public DesiredResource network() {
        return ofKind(ResourceKind.NETWORK).get(0);
    }

    /** The administrator's SSH key, put on every server. */
    public DesiredResource sshKey() {
        return ofKind(ResourceKind.SSH_KEY).get(0);
    }

    /**
     * The cluster's API endpoint: the load balancer's private address when the control plane has
     * several nodes, else the one control-plane node's.
     */
    public String controlPlaneEndpoint() {
        return ofKind(ResourceKind.LOAD_BALANCER).stream().findFirst().orElseGet(this::firstControlPlane)
                .attribute("private_ip");
    }

    /** The node that runs {@code kubeadm init}; every other node joins it. */
    public DesiredResource firstControlPlane() {
        return ofKind(ResourceKind.SERVER).stream().filter(s -> s.attribute("role").equals(NodeRole.CONTROL_PLANE.label()))
                .findFirst().orElseThrow();
    }
}
