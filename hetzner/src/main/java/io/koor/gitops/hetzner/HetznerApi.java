package io.koor.gitops.hetzner;

import io.koor.gitops.model.values.Cidr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * The part of the Hetzner Cloud API that provisioning uses, in typed requests and in answers
 * reduced to the fields it reads. {@link HcloudClient} implements it over HTTP; calls that start
 * actions return their ids, and {@link #waitFor} waits for them.
 */
public interface HetznerApi {
    /** Everything of one kind that the label selector matches, all pages. */
    List<Resource> list(ResourceKind kind, String labelSelector);

    /** The resource of that kind and name, if any (names are unique per kind in a project). */
    Optional<Resource> find(ResourceRef ref);

    /** The SSH key with this MD5 fingerprint, if any: the API refuses the same key under a second name. */
    Optional<Resource> sshKeyByFingerprint(String fingerprint);

    /** Net monthly prices in one location. */
    Pricing pricing(String location);

    Created create(CreateRequest request);

    /** Deletes the resource; returns the actions that carry it out (a server's, for one). */
    List<Long> delete(ResourceKind kind, long id);

    /** Attaches a server or a load balancer to a private network at a chosen address. */
    List<Long> attachToNetwork(ResourceKind kind, long id, AttachToNetwork attach);

    List<Long> addTarget(long loadBalancer, AddTarget target);

    List<Long> disablePublicInterface(long loadBalancer);

    /** Returns once every action has succeeded; an action that fails throws {@link HcloudException}. */
    void waitFor(List<Long> actions);

    /**
     * A resource as the API describes it, reduced to what provisioning reads.
     *
     * @param serverType      a server's type name, empty for other kinds
     * @param networks        the private networks a server or load balancer is attached to
     * @param targets         how many targets a load balancer has
     * @param publicInterface whether a load balancer's public interface is enabled (true where the API does not say)
     * @param publicIpv4      a server's public IPv4 address, if it has one; empty for other kinds
     */
    record Resource(ResourceKind kind, long id, String name, Map<String, String> labels, Optional<String> serverType,
                    Set<Long> networks, int targets, boolean publicInterface, Optional<String> publicIpv4) {
        public Resource {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            networks = Set.copyOf(networks);
        }

        public ResourceRef ref() {
            return new ResourceRef(kind, name);
        }
    }

    /** The answer to a create: the new resource and the actions still setting it up. */
    record Created(Resource resource, List<Long> actions) {
        public Created {
            actions = List.copyOf(actions);
        }
    }

    /** Net monthly prices in one location, per server type and load balancer type name. */
    record Pricing(String currency, Map<String, Double> serverTypes, double volumePerGbMonth, double ipv4PerMonth,
                   Map<String, Double> loadBalancerTypes) {
        public Pricing {
            serverTypes = Map.copyOf(serverTypes);
            loadBalancerTypes = Map.copyOf(loadBalancerTypes);
        }
    }

    /** A {@code POST} to a kind's collection: every one names the resource and labels it. */
    sealed interface CreateRequest permits CreateSshKey, CreateNetwork, CreateFirewall, CreatePlacementGroup,
            CreateLoadBalancer, CreateServer, CreateVolume {
        ResourceKind kind();

        String name();

        SortedMap<String, String> labels();
    }

    record CreateSshKey(String name, SortedMap<String, String> labels, String publicKey) implements CreateRequest {
        public CreateSshKey {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.SSH_KEY;
        }
    }

    /** A network with one subnet of type {@code cloud}, the kind cloud servers attach to. */
    record CreateNetwork(String name, SortedMap<String, String> labels, Cidr ipRange, String networkZone, Cidr subnet)
            implements CreateRequest {
        public CreateNetwork {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.NETWORK;
        }
    }

    /** A firewall applied to the servers a label selector picks, now and later. */
    record CreateFirewall(String name, SortedMap<String, String> labels, List<FirewallRule> rules, String applyTo)
            implements CreateRequest {
        public CreateFirewall {
            labels = Labels.copyOf(labels);
            rules = List.copyOf(rules);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.FIREWALL;
        }
    }

    /** @param port a port or range such as {@code 22} or {@code 80-85}; empty for protocols without ports (ICMP) */
    record FirewallRule(String direction, String protocol, Optional<String> port, List<String> sourceIps,
                        String description) {
        public FirewallRule {
            sourceIps = List.copyOf(sourceIps);
        }

        /** Lets in what comes from the given networks. */
        public static FirewallRule inbound(String protocol, Optional<String> port, List<String> sources, String description) {
            return new FirewallRule("in", protocol, port, sources, description);
        }
    }

    record CreatePlacementGroup(String name, SortedMap<String, String> labels, String type) implements CreateRequest {
        public CreatePlacementGroup {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.PLACEMENT_GROUP;
        }
    }

    record CreateLoadBalancer(String name, SortedMap<String, String> labels, String loadBalancerType, String location,
                              List<Service> services) implements CreateRequest {
        public CreateLoadBalancer {
            labels = Labels.copyOf(labels);
            services = List.copyOf(services);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.LOAD_BALANCER;
        }
    }

    record Service(String protocol, int listenPort, int destinationPort, boolean proxyprotocol, HealthCheck healthCheck) {
    }

    /** @param interval seconds between checks; {@code timeout} in seconds; {@code retries} failures before a target is out */
    record HealthCheck(String protocol, int port, int interval, int timeout, int retries) {
    }

    /**
     * @param sshKeys        IDs or names: the API takes strings
     * @param placementGroup the id of its placement group, if in one
     */
    record CreateServer(String name, SortedMap<String, String> labels, String serverType, String image, String location,
                        List<String> sshKeys, Optional<Long> placementGroup, boolean enableIpv4, boolean enableIpv6,
                        boolean startAfterCreate, String userData) implements CreateRequest {
        public CreateServer {
            labels = Labels.copyOf(labels);
            sshKeys = List.copyOf(sshKeys);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.SERVER;
        }
    }

    /** @param server the id of the server it is attached to */
    record CreateVolume(String name, SortedMap<String, String> labels, int sizeGb, long server, boolean automount)
            implements CreateRequest {
        public CreateVolume {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.VOLUME;
        }
    }

    /** @param network the network's id; {@code ip} the address to take in it */
    record AttachToNetwork(long network, String ip) {
    }

    /** Targets the servers a label selector picks, now and later. */
    record AddTarget(String labelSelector, boolean usePrivateIp) {
    }
}
