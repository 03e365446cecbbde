package io.koor.gitops.model.cluster;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.Applications;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.access.SecretEncryption;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.CephLayout;
import io.koor.gitops.model.ceph.CephNetwork;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Version;
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
                      StorageNodes storage, Workers workers, Network network, RookCeph rook, Platform platform,
                      Applications apps, Monitoring monitoring, Access access,
                      SecretEncryption secretEncryption, Activity activity) {
    /** Leaves room in 63-character node names for suffixes such as {@code -control-plane-3}. */
    static final int MAX_NAME_LENGTH = 40;
    /** Servers one Hetzner private network holds; every node is on the cluster's network. */
    static final int MAX_NODES = 100;

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(controlPlane, "controlPlane");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(rook, "rook");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(apps, "apps");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(secretEncryption, "secretEncryption");
        Objects.requireNonNull(activity, "activity");
        Problems problems = new Problems();
        problems.require(name.value().length() <= MAX_NAME_LENGTH, "name", "name='" + name + "' is "
                + name.value().length() + " characters; node names are built from it, keep it to " + MAX_NAME_LENGTH);
        problems.require(kubernetesVersion.major() == 1 && kubernetesVersion.minor() >= 28, "kubernetesVersion",
                "kubernetesVersion=" + kubernetesVersion + ": use a supported Kubernetes release, 1.28.0 or newer");
        checkParts(problems, controlPlane, storage, workers, network, rook, apps);
        checkActivity(problems, rook, apps, activity);
        problems.require(access.signOn().isEmpty() || !access.isEmpty(), "access.signOn", "sign-on through Dex with"
                + " no group: nobody who signs in could do anything; bind a team, e.g. Access.none().platformAdmins(\""
                + access.signOn().map(s -> s.gitHubOrganisation()).orElse("") + ":platform-admins\")");
        monitoring.logs().ifPresent(logs -> claimed(problems, rook, "monitoring.logs.bucketClaim",
                DnsLabel.of(Monitoring.NAMESPACE), logs.bucketClaim()));
        problems.throwIfAny();
    }

    /** The bots' and benchmarks' buckets, databases, pools and volumes must be the cluster's own. */
    private static void checkActivity(Problems problems, RookCeph rook, Applications apps, Activity activity) {
        activity.churn().ifPresent(bot -> claimed(problems, rook, "activity.churn.bucketClaim", bot.namespace(),
                bot.bucketClaim()));
        activity.database().ifPresent(bot -> problems.require(apps.databases().stream()
                        .anyMatch(db -> db.name().equals(bot.database())), "activity.database.database",
                "database='" + bot.database() + "' is not a PostgreSQL cluster of this definition; add"
                        + " apps(a -> a.postgres(PostgresCluster.named(\"" + bot.database() + "\", ...)))"));
        List<String> classes = new ArrayList<>();
        rook.blockPools().forEach(p -> p.storageClass().ifPresent(c -> classes.add(c.value())));
        rook.filesystems().forEach(fs -> fs.storageClass().ifPresent(c -> classes.add(c.value())));
        for (Benchmark b : activity.benchmarks()) {
            String at = "activity.benchmarks[" + b.name() + "]";
            claimed(problems, rook, at + ".resultsClaim", b.namespace(), b.resultsClaim());
            b.storageClass().ifPresent(c -> problems.require(classes.contains(c.value()), at + ".storageClass",
                    "storageClass='" + c + "' is not a block or filesystem StorageClass of this cluster (it has "
                            + (classes.isEmpty() ? "none" : String.join(", ", classes)) + ")"));
            b.database().ifPresent(name -> problems.require(apps.databases().stream()
                    .anyMatch(db -> db.name().equals(name) && db.namespace().equals(b.namespace())), at + ".database",
                    "database='" + name + "' is not a PostgreSQL cluster in namespace " + b.namespace()
                            + " (pgbench reads its app Secret there)"));
            b.pool().ifPresent(pool -> {
                problems.require(b.namespace().equals(rook.namespace()), at + ".namespace", "rados bench runs with the"
                        + " toolbox's keys in Rook's namespace " + rook.namespace() + ", not " + b.namespace());
                problems.require(rook.blockPools().stream().anyMatch(p -> p.name().equals(pool)), at + ".pool",
                        "pool='" + pool + "' is not a block pool of this cluster");
            });
        }
    }

    private static void claimed(Problems problems, RookCeph rook, String path, DnsLabel namespace, DnsLabel claim) {
        boolean found = rook.storeHolding(namespace, claim).isPresent();
        problems.require(found, path, "'" + claim + "' is not a bucket claim in namespace " + namespace
                + " (its Secret and ConfigMap are read from there); add ObjectStore...bucket(\"" + namespace + "\", \""
                + claim + "\")");
    }

    /**
     * The invariants that span the parts: run by the constructor, and by the builder even when the
     * name or version is wrong too, so that every problem of a definition is reported at once.
     */
    private static void checkParts(Problems problems, ControlPlane controlPlane, StorageNodes storage, Workers workers,
                                   Network network, RookCeph rook, Applications apps) {
        problems.addAll("rook", rook.problems());
        int nodes = controlPlane.count() + storage.count() + workers.count();
        problems.require(nodes <= MAX_NODES, "nodes", nodes + " nodes: a Hetzner private network holds at most " + MAX_NODES
                + " servers; split the workers into another cluster");
        int hosts = storage.count();
        CephLayout.monsFitNodes(rook.mons(), hosts).ifPresent(f -> problems.require(false, "rook.mons", f.text()));
        CephLayout.mgrsFitNodes(rook.mgrs(), hosts).ifPresent(f -> problems.require(false, "rook.mgrs", f.text()));
        List<String> classes = rook.devices() instanceof Devices.AttachedVolumes volumes ? volumes.deviceClasses() : List.of();
        problems.require(classes.isEmpty() || classes.size() == storage.drivesPerNode(), "rook.devices.deviceClasses",
                classes.size() + " device classes for " + storage.drivesPerNode() + " drives per node: give each drive"
                        + " slot one, e.g. deviceClasses(" + String.join(", ", java.util.Collections.nCopies(
                        storage.drivesPerNode(), "\"ssd\"")) + ")");
        for (BlockPool pool : rook.blockPools()) {
            fits(problems, storage, classes, "rook.blockPools[" + pool.name() + "]", "CephBlockPool " + pool.name(), pool.spec());
            pool.metadataPool().ifPresent(meta -> fits(problems, storage, classes, "rook.blockPools[" + pool.name() + "]",
                    "CephBlockPool " + meta, PoolSpec.replicated(3)));
        }
        for (Filesystem fs : rook.filesystems()) {
            String at = "rook.filesystems[" + fs.name() + "]";
            fits(problems, storage, classes, at + ".metadataPool", "filesystem " + fs.name() + " metadata pool",
                    fs.metadataPool());
            fs.dataPools().forEach(p -> fits(problems, storage, classes, at + ".dataPools[" + p.name() + "]",
                    "filesystem " + fs.name() + " data pool " + p.name(), p.spec()));
        }
        for (ObjectStore store : rook.objectStores()) {
            String at = "rook.objectStores[" + store.name() + "]";
            fits(problems, storage, classes, at + ".metadataPool", "object store " + store.name() + " metadata pool",
                    store.metadataPool());
            fits(problems, storage, classes, at + ".dataPool", "object store " + store.name() + " data pool",
                    store.dataPool());
        }
        checkApps(problems, rook, apps);
        problems.require(!(rook.network() instanceof CephNetwork.Multus) || network.multus(), "rook.network",
                "Ceph on Multus networks needs Multus in the cluster: use Network.calico().withMultus() (or cilium)");
        int gb = storage.serverType().memoryGb();
        int osd = storage.drivesPerNode() * rook.daemonResources().osd().memoryRequestMiB();
        int mon = perNode(storage, rook.mons()) * rook.daemonResources().mon().memoryRequestMiB();
        int mgr = perNode(storage, rook.mgrs()) * rook.daemonResources().mgr().memoryRequestMiB();
        int mds = rook.filesystems().stream()
                .mapToInt(fs -> perNode(storage, fs.mdsDaemons()) * fs.mdsResources().memoryRequestMiB()).sum();
        int rgw = rook.objectStores().stream()
                .mapToInt(os -> perNode(storage, os.gateways()) * os.gatewayResources().memoryRequestMiB()).sum();
        String breakdown = storage.drivesPerNode() + " OSDs " + osd + " + mon " + mon + " + mgr " + mgr
                + (mds > 0 ? " + MDS " + mds : "") + (rgw > 0 ? " + RGW " + rgw : "");
        CephLayout.memoryFits("each " + storage.serverType() + " storage node", osd + mon + mgr + mds + rgw, gb * 1024,
                breakdown).ifPresent(f -> problems.require(false, "storage.serverType", f.text()));
    }

    /**
     * What applications refer to must exist in the cluster: a database's volumes need a block StorageClass
     * of its pools, its backups an ObjectBucketClaim in its own namespace (the claim's Secret, which holds
     * the bucket's keys, can only be read from there).
     */
    private static void checkApps(Problems problems, RookCeph rook, Applications apps) {
        List<String> blockClasses = rook.blockPools().stream().flatMap(p -> p.storageClass().stream())
                .map(DnsLabel::value).toList();
        apps.velero().ifPresent(velero -> {
            boolean claimed = rook.storeHolding(DnsLabel.of(VeleroBackups.NAMESPACE), velero.bucketClaim()).isPresent();
            problems.require(claimed, "apps.velero.bucketClaim", "bucketClaim='" + velero.bucketClaim()
                    + "' is not a bucket claim in namespace " + VeleroBackups.NAMESPACE + ", where Velero reads its keys;"
                    + " add ObjectStore...bucket(\"" + VeleroBackups.NAMESPACE + "\", \"" + velero.bucketClaim() + "\")");
            problems.require(rook.snapshotClasses(), "apps.velero", "Velero takes the volumes as CSI snapshots, which"
                    + " need the VolumeSnapshotClasses: leave RookCeph.snapshotClasses(true)");
        });
        apps.streaming().ifPresent(stream -> {
            boolean claimed = rook.storeHolding(stream.namespace(), stream.bucketClaim()).isPresent();
            problems.require(claimed, "apps.streaming.bucketClaim", "bucketClaim='" + stream.bucketClaim()
                    + "' is not a bucket claim in namespace " + stream.namespace() + ", where the uploader reads its keys;"
                    + " add ObjectStore...bucket(\"" + stream.namespace() + "\", \"" + stream.bucketClaim() + "\")");
            // the tree's ingress controller registers one IngressClass
            rook.dashboard().filter(d -> !d.ingressClass().equals(stream.ingressClass())).ifPresent(d -> problems.require(
                    false, "apps.streaming.ingressClass", "ingressClass='" + stream.ingressClass() + "' differs from the"
                            + " dashboard's '" + d.ingressClass() + "'; the ingress controller registers one class: use '"
                            + d.ingressClass() + "'"));
        });
        apps.cdn().ifPresent(cdn -> {
            boolean claimed = rook.storeHolding(cdn.namespace(), cdn.bucketClaim()).isPresent();
            problems.require(claimed, "apps.cdn.bucketClaim", "bucketClaim='" + cdn.bucketClaim()
                    + "' is not a bucket claim in namespace " + cdn.namespace() + ", where the upload Job reads its keys;"
                    + " add ObjectStore...bucket(\"" + cdn.namespace() + "\", \"" + cdn.bucketClaim() + "\")");
            problems.require(blockClasses.contains(cdn.storageClass().value()), "apps.cdn.storageClass",
                    "storageClass='" + cdn.storageClass() + "' is not a block StorageClass of this cluster (it has "
                            + (blockClasses.isEmpty() ? "none" : String.join(", ", blockClasses))
                            + "); the cache volumes need one: name one, or add BlockPool...storageClass(\""
                            + cdn.storageClass() + "\")");
        });
        for (PostgresCluster db : apps.databases()) {
            String at = "apps.postgres[" + db.name() + "]";
            problems.require(blockClasses.contains(db.storageClass().value()), at + ".storageClass",
                    "storageClass='" + db.storageClass() + "' is not a block StorageClass of this cluster (it has "
                            + (blockClasses.isEmpty() ? "none" : String.join(", ", blockClasses))
                            + "); name one, or add BlockPool...storageClass(\"" + db.storageClass() + "\")");
            db.backup().ifPresent(backup -> {
                boolean claimed = rook.storeHolding(db.namespace(), backup.bucketClaim()).isPresent();
                problems.require(claimed, at + ".backup.bucketClaim", "bucketClaim='" + backup.bucketClaim()
                        + "' is not a bucket claim in namespace " + db.namespace() + "; add ObjectStore...bucket(\""
                        + db.namespace() + "\", \"" + backup.bucketClaim() + "\")");
            });
        }
        for (MariaDbCluster db : apps.mariadbs()) {
            String at = "apps.mariadb[" + db.name() + "]";
            problems.require(blockClasses.contains(db.storageClass().value()), at + ".storageClass",
                    "storageClass='" + db.storageClass() + "' is not a block StorageClass of this cluster (it has "
                            + (blockClasses.isEmpty() ? "none" : String.join(", ", blockClasses))
                            + "); name one, or add BlockPool...storageClass(\"" + db.storageClass() + "\")");
            problems.require(!db.namespace().equals(rook.namespace()), at + ".namespace",
                    "namespace " + db.namespace() + " is Rook's; give the database its own");
            db.backup().ifPresent(backup -> {
                boolean claimed = rook.storeHolding(db.namespace(), backup.bucketClaim()).isPresent();
                problems.require(claimed, at + ".backup.bucketClaim", "bucketClaim='" + backup.bucketClaim()
                        + "' is not a bucket claim in namespace " + db.namespace() + ", where the backup Job reads its"
                        + " keys; add ObjectStore...bucket(\"" + db.namespace() + "\", \"" + backup.bucketClaim() + "\")");
            });
        }
        checkApplications(problems, rook, apps);
    }

    /**
     * A typed application's volume claims name a StorageClass the cluster has (block or file), and its
     * buckets an ObjectBucketClaim in its own namespace, where Rook puts the claim's Secret and ConfigMap.
     */
    private static void checkApplications(Problems problems, RookCeph rook, Applications apps) {
        List<String> classes = new ArrayList<>();
        rook.blockPools().forEach(p -> p.storageClass().ifPresent(c -> classes.add(c.value())));
        rook.filesystems().forEach(f -> f.storageClass().ifPresent(c -> classes.add(c.value())));
        List<String> fileClasses = rook.filesystems().stream().flatMap(f -> f.storageClass().stream())
                .map(DnsLabel::value).toList();
        // what Workload.database may name: PostgreSQL clusters and MariaDBs alike
        List<String> databaseClusters = new ArrayList<>(apps.databases().stream().map(d -> d.name().value()).toList());
        apps.mariadbs().forEach(d -> databaseClusters.add(d.name().value()));
        apps.dekorate().forEach(d -> problems.require(!d.namespace().equals(rook.namespace()),
                "apps.dekorate[" + d.name() + "].namespace", "namespace " + d.namespace() + " is Rook's; give the"
                        + " application its own"));
        for (Application app : apps.applications()) {
            problems.require(!app.namespace().equals(rook.namespace()), "apps.applications[" + app.name() + "].namespace",
                    "namespace " + app.namespace() + " is Rook's; give the application its own");
            for (Workload w : app.workloads()) {
                String at = "apps.applications[" + app.name() + "].workloads[" + w.name() + "]";
                for (Workload.VolumeClaim c : w.claims()) {
                    String sc = c.storageClass().value();
                    problems.require(classes.contains(sc), at + ".claims[" + c.name() + "].storageClass",
                            "storageClass='" + sc + "' is not a StorageClass of this cluster (it has "
                                    + (classes.isEmpty() ? "none" : String.join(", ", classes))
                                    + "); name one, or add BlockPool...storageClass(\"" + sc + "\")");
                    problems.require(!c.shared() || !classes.contains(sc) || fileClasses.contains(sc),
                            at + ".claims[" + c.name() + "]", "a shared (ReadWriteMany) claim needs a CephFS StorageClass;"
                                    + " " + sc + " is a block class (file classes: "
                                    + (fileClasses.isEmpty() ? "none" : String.join(", ", fileClasses)) + ")");
                }
                for (DnsLabel db : w.databases()) {
                    long named = databaseClusters.stream().filter(n -> n.equals(db.value())).count();
                    problems.require(named == 1, at + ".databases[" + db + "]", named == 0
                            ? "no PostgreSQL or MariaDB cluster is named " + db + " (there are " + databaseClusters
                                    + "); add apps.postgres(PostgresCluster.named(\"" + db + "\", ...)) or"
                                    + " apps.mariadb(MariaDbCluster.named(\"" + db + "\", ...))"
                            : named + " database clusters are named " + db + " (PostgreSQL or MariaDB, in different"
                                    + " namespaces); rename one");
                }
                for (DnsLabel bucket : w.buckets()) {
                    boolean claimed = rook.storeHolding(app.namespace(), bucket).isPresent();
                    problems.require(claimed, at + ".buckets[" + bucket + "]", "bucket claim " + bucket
                            + " is not in namespace " + app.namespace() + ", where the application reads its keys;"
                            + " add ObjectStore...bucket(\"" + app.namespace() + "\", \"" + bucket + "\")");
                }
            }
        }
    }

    /** Daemons of a kind on the busiest storage node, when Rook spreads them one per node. */
    private static int perNode(StorageNodes storage, int daemons) {
        return (daemons + storage.count() - 1) / storage.count();
    }

    /** Failure domains a pool can use: hosts with OSDs, or OSDs. */
    /**
     * The failure domains a pool's rule can choose from: every node (or drive), or, when the drives
     * declare device classes and the pool names one, the nodes holding (the drives of) that class.
     */
    private static int domains(StorageNodes storage, List<String> classes, PoolSpec spec) {
        long drives = spec.deviceClass().filter(c -> !classes.isEmpty())
                .map(c -> classes.stream().filter(c::equals).count()).orElse((long) storage.drivesPerNode());
        if (drives == 0) {
            return 0;
        }
        return spec.failureDomain() == FailureDomain.HOST ? storage.count() : (int) (storage.count() * drives);
    }

    private static void fits(Problems problems, StorageNodes storage, List<String> classes, String path, String pool,
                             PoolSpec spec) {
        boolean known = spec.deviceClass().isEmpty() || classes.isEmpty() || classes.contains(spec.deviceClass().get());
        problems.require(known, path, pool + " asks for device class '" + spec.deviceClass().orElse("")
                + "', which no drive declares (the drives are " + String.join(", ", classes) + "): CRUSH could place"
                + " none of its data; name one of those classes, or give drives that class in deviceClasses(...)");
        if (known) {
            CephLayout.fits(pool, spec, domains(storage, classes, spec)).ifPresent(f -> problems.require(false, path, f.text()));
        }
    }

    /** Label on storage nodes; Ceph's daemons are pinned to them by host name as well. */
    public static final String STORAGE_NODE_LABEL = "storage.koor.io/node";
    /** Taint on storage nodes when they are dedicated to Ceph ({@link RookCeph#dedicateStorageNodes()}). */
    public static final String STORAGE_TAINT_KEY = "storage.koor.io/dedicated";

    public static Builder named(String name) {
        return new Builder(name);
    }

    /**
     * Whether the API servers sit behind a load balancer: with more than one control-plane node, the
     * endpoint must not be any one of them.
     */
    public boolean apiLoadBalanced() {
        return controlPlane.count() > 1;
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
        private Platform platform = Platform.whenNeeded();
        private Applications apps = Applications.none();
        private Monitoring monitoring = Monitoring.off();
        private Access access = Access.none();
        private SecretEncryption secretEncryption = SecretEncryption.none();
        private Activity activity = Activity.none();

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

        /** Which platform components the tree installs; by default each when something needs it. */
        public Builder platform(Platform platform) {
            this.platform = platform;
            return this;
        }

        /** The applications the cluster runs on its storage (none by default). */
        public Builder apps(Applications applications) {
            this.apps = applications;
            return this;
        }

        /** Adds to the applications, e.g. {@code apps(a -> a.postgres(PostgresCluster.named(...)))}. */
        public Builder apps(java.util.function.UnaryOperator<Applications> change) {
            this.apps = path("apps", () -> change.apply(apps));
            return this;
        }

        /** Monitoring with kube-prometheus-stack ({@code Monitoring.kubePrometheusStack()}); it turns on Rook's too. */
        public Builder monitoring(Monitoring monitoring) {
            this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
            return this;
        }

        /** The groups bound to the platform-admin and demo-guest roles ({@code Access.none().guests("demo-guests")}). */
        public Builder access(Access access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /**
         * How Secrets kept in Git are encrypted ({@code SecretEncryption.sopsAge("age1...")}); none are kept
         * there by default.
         */
        public Builder secretEncryption(SecretEncryption encryption) {
            this.secretEncryption = Objects.requireNonNull(encryption, "secretEncryption");
            return this;
        }

        /** Bots and benchmarks ({@code Activity.none().churn(ChurnBot.inBucket("activity", "churn"))}). */
        public Builder activity(Activity activity) {
            this.activity = Objects.requireNonNull(activity, "activity");
            return this;
        }

        /** Changes the Rook settings a pattern started with. */
        public Builder rook(java.util.function.UnaryOperator<RookCeph> change) {
            this.rook = change.apply(Objects.requireNonNull(rook, "call rook(RookCeph) first"));
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
            problems.require(controlPlane != null, at + ".controlPlane", "missing: call controlPlane(1, \"cx33\")");
            problems.require(storage != null, at + ".storage", "missing: call storageNodes(4, \"cx43\", 2, 100)");
            problems.require(rook != null, at + ".rook", "missing: call rook(RookCeph.of(...))");
            if (!problems.isEmpty() && controlPlane != null && storage != null && rook != null) {
                Problems parts = new Problems();
                checkParts(parts, controlPlane, storage, workers, network, rook, apps);
                problems.addAll(at, parts.found());
            }
            problems.throwIfAny();
            // the stack scrapes what Rook exports, so Rook's ServiceMonitors come with it
            RookCeph ceph = monitoring.enabled() ? rook.monitoring(true) : rook;
            return Problems.at(at, () -> new Cluster(label, version, where, controlPlane, storage, workers, network,
                    ceph, platform, apps, monitoring, access, secretEncryption, activity));
        }
    }
}
