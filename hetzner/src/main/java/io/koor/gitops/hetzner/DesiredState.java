package io.koor.gitops.hetzner;

import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Node;
import io.koor.gitops.model.cluster.NodeRole;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.values.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        return of(cluster, owner, AdminSources.anywhere());
    }

    /** With SSH and the API open to {@code sources} only. */
    public static DesiredState of(Cluster cluster, String owner, AdminSources sources) {
        String name = cluster.name().value();
        List<DesiredResource> out = new ArrayList<>();
        out.add(new DesiredResource.SshKey(name + "-admin", Labels.of(name, owner, null)));
        Cidr nodes = cluster.network().nodeCidr();
        out.add(new DesiredResource.Network(BootstrapRelease.hetznerNetwork(cluster), Labels.of(name, owner, null), nodes,
                cluster.location().networkZone(), subnet(nodes)));
        out.add(new DesiredResource.Firewall(name + "-firewall", Labels.of(name, owner, null), sources));
        Map<String, ResourceRef> groupOf = new HashMap<>();
        for (NodeRole role : List.of(NodeRole.CONTROL_PLANE, NodeRole.STORAGE)) {
            List<Node> members = cluster.nodes(role);
            if (members.size() < 2) {
                continue; // spreading one server is meaningless
            }
            for (int i = 0; i < members.size(); i++) {
                String group = name + "-" + role.label() + "-" + (i / MAX_SERVERS_PER_PLACEMENT_GROUP + 1);
                groupOf.put(members.get(i).name().value(), new ResourceRef(ResourceKind.PLACEMENT_GROUP, group));
                if (i % MAX_SERVERS_PER_PLACEMENT_GROUP == 0) {
                    out.add(new DesiredResource.PlacementGroup(group, Labels.of(name, owner, role.label())));
                }
            }
        }
        if (cluster.apiLoadBalanced()) {
            out.add(new DesiredResource.LoadBalancer(name + "-api", Labels.of(name, owner, "api"),
                    PriceTable.API_LOAD_BALANCER, cluster.location(), lastHost(subnet(nodes)),
                    Labels.selector(name) + "," + Labels.ROLE + "=" + NodeRole.CONTROL_PLANE.label()));
        }
        List<Node> all = cluster.nodes();
        for (int i = 0; i < all.size(); i++) {
            Node node = all.get(i);
            out.add(new DesiredResource.Server(node.name().value(), Labels.of(name, owner, node.role().label()),
                    node.serverType(), IMAGE, cluster.location(), privateIp(nodes, i), node.role(),
                    Optional.ofNullable(groupOf.get(node.name().value()))));
        }
        for (Node node : cluster.nodes(NodeRole.STORAGE)) {
            ResourceRef server = new ResourceRef(ResourceKind.SERVER, node.name().value());
            for (int d = 1; d <= cluster.storage().drivesPerNode(); d++) {
                out.add(new DesiredResource.Volume(node.name() + "-osd-" + d, Labels.of(name, owner, NodeRole.STORAGE.label()),
                        cluster.storage().driveSizeGb(), server));
            }
        }
        return new DesiredState(cluster, owner, out);
    }

    /** The first /24 of the node network (or the network itself when smaller). */
    static Cidr subnet(Cidr network) {
        return network.prefix() >= 24 ? network : Cidr.parse(network.toString().replaceFirst("/\\d+$", "/24"));
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

    /** The resources of one type, e.g. {@code ofType(DesiredResource.Server.class)}, in creation order. */
    public <T extends DesiredResource> List<T> ofType(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** What a reference names, if the cluster has it. */
    public Optional<DesiredResource> resolve(ResourceRef ref) {
        return resources.stream().filter(r -> r.ref().equals(ref)).findFirst();
    }

    /** The cluster's one private network. */
    public DesiredResource.Network network() {
        return ofType(DesiredResource.Network.class).get(0);
    }

    /** The administrator's SSH key, put on every server. */
    public DesiredResource.SshKey sshKey() {
        return ofType(DesiredResource.SshKey.class).get(0);
    }

    /**
     * The cluster's API endpoint: the load balancer's private address when the control plane has
     * several nodes, else the one control-plane node's.
     */
    public String controlPlaneEndpoint() {
        return ofType(DesiredResource.LoadBalancer.class).stream().findFirst().map(DesiredResource.LoadBalancer::privateIp)
                .orElseGet(() -> firstControlPlane().privateIp());
    }

    /** The node that runs {@code kubeadm init}; every other node joins it. */
    public DesiredResource.Server firstControlPlane() {
        return ofType(DesiredResource.Server.class).stream().filter(s -> s.role() == NodeRole.CONTROL_PLANE)
                .findFirst().orElseThrow();
    }
}
