package io.koor.gitops.hetzner;

import io.koor.gitops.model.cluster.HetznerLocation;
import io.koor.gitops.model.cluster.NodeRole;
import io.koor.gitops.model.cluster.ServerType;
import io.koor.gitops.model.values.Cidr;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One resource the cluster needs, one type per Hetzner kind: its unique name, the labels that make
 * it this cluster's, and what its creation needs.
 */
public sealed interface DesiredResource {
    ResourceKind kind();

    String name();

    SortedMap<String, String> labels();

    default ResourceRef ref() {
        return new ResourceRef(kind(), name());
    }

    /** What is attached to the cluster's network after creation, at an address chosen in advance. */
    interface OnPrivateNetwork {
        String privateIp();
    }

    /** The administrator's key, put on every server. */
    record SshKey(String name, SortedMap<String, String> labels) implements DesiredResource {
        public SshKey {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.SSH_KEY;
        }
    }

    /** The private network, with the one cloud subnet the servers and the load balancer live in. */
    record Network(String name, SortedMap<String, String> labels, Cidr ipRange, String networkZone, Cidr subnet)
            implements DesiredResource {
        public Network {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.NETWORK;
        }
    }

    /** Applies to every server carrying the cluster's labels; lets in SSH and the API from {@code sources}. */
    record Firewall(String name, SortedMap<String, String> labels, AdminSources sources) implements DesiredResource {
        public Firewall {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.FIREWALL;
        }
    }

    /** A spread group: its servers run on different hosts. */
    record PlacementGroup(String name, SortedMap<String, String> labels) implements DesiredResource {
        public PlacementGroup {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.PLACEMENT_GROUP;
        }
    }

    /** The private API endpoint of a highly available control plane, balancing over the servers {@code targets} selects. */
    record LoadBalancer(String name, SortedMap<String, String> labels, String type, HetznerLocation location,
                        String privateIp, String targets) implements DesiredResource, OnPrivateNetwork {
        public LoadBalancer {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.LOAD_BALANCER;
        }
    }

    /** One node of the cluster; its name is the Kubernetes node name. */
    record Server(String name, SortedMap<String, String> labels, ServerType serverType, String image,
                  HetznerLocation location, String privateIp, NodeRole role, Optional<ResourceRef> placementGroup)
            implements DesiredResource, OnPrivateNetwork {
        public Server {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.SERVER;
        }
    }

    /** A raw drive for Ceph, attached to its storage server. */
    record Volume(String name, SortedMap<String, String> labels, int sizeGb, ResourceRef server) implements DesiredResource {
        public Volume {
            labels = Labels.copyOf(labels);
        }

        @Override
        public ResourceKind kind() {
            return ResourceKind.VOLUME;
        }
    }
}
