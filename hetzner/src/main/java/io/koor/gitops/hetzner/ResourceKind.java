package io.koor.gitops.hetzner;

import java.util.List;

/** The Hetzner resources a cluster is made of, in the order they are created; deletion uses {@link #DELETE_ORDER}. */
public enum ResourceKind {
    SSH_KEY("/ssh_keys", "ssh_key", "ssh_keys"),
    NETWORK("/networks", "network", "networks"),
    FIREWALL("/firewalls", "firewall", "firewalls"),
    PLACEMENT_GROUP("/placement_groups", "placement_group", "placement_groups"),
    /** Only for a highly available control plane: the API endpoint that survives any one node. */
    LOAD_BALANCER("/load_balancers", "load_balancer", "load_balancers"),
    SERVER("/servers", "server", "servers"),
    VOLUME("/volumes", "volume", "volumes");

    /** What the API needs gone first: servers (which detaches volumes), then what they used, the network last but one. */
    public static final List<ResourceKind> DELETE_ORDER = List.of(SERVER, VOLUME, LOAD_BALANCER, FIREWALL,
            PLACEMENT_GROUP, NETWORK, SSH_KEY);

    private final String path;
    private final String singular;
    private final String plural;

    ResourceKind(String path, String singular, String plural) {
        this.path = path;
        this.singular = singular;
        this.plural = plural;
    }

    public String path() {
        return path;
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }

    public String label() {
        return singular.replace('_', ' ');
    }
}
