package io.koor.gitops.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One Kubernetes cluster on Hetzner Cloud with Rook Ceph. Checks the invariants that span its
 * parts (pool copies against the hosts that can hold them, monitors against storage nodes).
 * Build with {@link #named(String)}.
 */
public record Cluster(DnsLabel name, Version kubernetesVersion, HetznerLocation location, ControlPlane controlPlane,
                      StorageNodes storage, Workers workers, Network network, RookCeph rook) {
    /** Leaves room in 63-character node names for suffixes such as {@code -control-plane-3}. */
    static final int MAX_NAME_LENGTH = 40;

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(rook, "rook");
        Problems problems = new Problems();
        problems.require(name.value().length() <= MAX_NAME_LENGTH, "name", "name='" + name + "' is "
                + name.value().length() + " characters; node names are built from it, keep it to " + MAX_NAME_LENGTH);
        problems.require(kubernetesVersion.major() == 1 && kubernetesVersion.minor() >= 28, "kubernetesVersion",
                "kubernetesVersion=" + kubernetesVersion + ": use a supported Kubernetes release, 1.28.0 or newer");
        int hosts = storage.count();
        problems.require(rook.mons() <= hosts, "rook.mons", "rook.mons=" + rook.mons() + ": monitors run one per"
                + " storage node and the cluster has " + hosts + "; lower mons or add storage nodes");
        problems.require(rook.mgrs() <= hosts, "rook.mgrs", "rook.mgrs=" + rook.mgrs() + ": managers run one per"
                + " storage node and the cluster has " + hosts + "; lower mgrs or add storage nodes");
        for (BlockPool pool : rook.blockPools()) {
            int domains = pool.failureDomain() == FailureDomain.HOST ? hosts : hosts * storage.drivesPerNode();
            String unit = pool.failureDomain() == FailureDomain.HOST ? "hosts with OSDs" : "OSDs";
            problems.require(pool.replicas() <= domains, "rook.blockPools[" + pool.name() + "].replicas",
                    "replicas=" + pool.replicas() + " with failure domain " + pool.failureDomain().crushName()
                            + " needs " + pool.replicas() + " " + unit + ", the cluster has " + domains
                            + "; add storage nodes or lower replicas");
        }
        problems.throwIfAny();
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Every node of the cluster, in a stable order: control plane, storage, workers. */
    public List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        nodes.addAll(group(NodeRole.CONTROL_PLANE, controlPlane.count(), controlPlane.serverType()));
        nodes.addAll(group(NodeRole.STORAGE, storage.count(), storage.serverType()));
        nodes.addAll(group(NodeRole.WORKER, workers.count(), workers.serverType()));
        return nodes;
    }

    public List<Node> nodes(NodeRole role) {
        return nodes().stream().filter(n -> n.role() == role).toList();
    }

    private List<Node> group(NodeRole role, int count, ServerType type) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Node(DnsLabel.of(name + "-" + role.label() + "-" + i), role, type)).toList();
    }

    /** Collects a cluster's parts; {@link #build()} checks them all and reports every problem at once. */
    public static final class Builder {
        private final String name;
        private String kubernetesVersion;
        private String location;
        private ControlPlane controlPlane;
        private StorageNodes storage;
        private Workers workers = Workers.none();
        private Network network = Network.calico();
        private RookCeph rook;

        private Builder(String name) {
            this.name = name;
        }

        public Builder kubernetesVersion(String version) {
            this.kubernetesVersion = version;
            return this;
        }

        /** A Hetzner location code: fsn1, nbg1, hel1, ash, hil or sin. */
        public Builder location(String code) {
            this.location = code;
            return this;
        }

        public Builder controlPlane(int count, String serverType) {
            return controlPlane(path("controlPlane", () -> ControlPlane.of(count, serverType)));
        }

        public Builder controlPlane(ControlPlane group) {
            this.controlPlane = group;
            return this;
        }

        public Builder storageNodes(int count, String serverType, int drivesPerNode, int driveSizeGb) {
            return storageNodes(path("storage", () -> StorageNodes.of(count, serverType, drivesPerNode, driveSizeGb)));
        }

        public Builder storageNodes(StorageNodes group) {
            this.storage = group;
            return this;
        }

        public Builder workers(int count, String serverType) {
            this.workers = path("workers", () -> Workers.of(count, serverType));
            return this;
        }

        public Builder network(Network network) {
            this.network = network;
            return this;
        }

        public Builder rook(RookCeph rook) {
            this.rook = rook;
            return this;
        }

        private <T> T path(String part, java.util.function.Supplier<T> build) {
            return Problems.at("clusters[" + name + "]." + part, build);
        }

        public Cluster build() {
            String at = "clusters[" + name + "]";
            Problems problems = new Problems();
            DnsLabel label = problems.attempt(at + ".name", () -> DnsLabel.of(name));
            Version version = kubernetesVersion == null ? null
                    : problems.attempt(at + ".kubernetesVersion", () -> Version.parse(kubernetesVersion));
            problems.require(kubernetesVersion != null, at + ".kubernetesVersion",
                    "missing: call kubernetesVersion(\"1.32.4\")");
            HetznerLocation where = location == null ? null
                    : problems.attempt(at + ".location", () -> HetznerLocation.fromCode(location));
            problems.require(location != null, at + ".location", "missing: call location(\"fsn1\")");
            problems.require(controlPlane != null, at + ".controlPlane", "missing: call controlPlane(1, \"cx32\")");
            problems.require(storage != null, at + ".storage", "missing: call storageNodes(4, \"cx42\", 2, 100)");
            problems.require(rook != null, at + ".rook", "missing: call rook(RookCeph.of(...))");
            problems.throwIfAny();
            return Problems.at(at, () -> new Cluster(label, version, where, controlPlane, storage, workers, network,
                    rook));
        }
    }
}
