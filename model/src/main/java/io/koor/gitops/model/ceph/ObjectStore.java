package io.koor.gitops.model.ceph;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Ceph object store (RGW): a replicated metadata pool, a data pool (replicated or erasure coded),
 * gateways, a StorageClass for bucket claims, and the buckets and users applications get.
 */
public record ObjectStore(DnsLabel name, PoolSpec metadataPool, PoolSpec dataPool, int gateways, int port,
                          Optional<DnsLabel> tlsSecret, Resources gatewayResources, Optional<DnsLabel> bucketStorageClass,
                          List<BucketClaim> buckets, List<ObjectUser> users) {

    /**
     * An ObjectBucketClaim: a bucket and its credentials, delivered to a namespace. The bucket is
     * named after the claim ({@code bucketName}, not a generated name) so that what writes to it, such as
     * a database's backups whose destination path is a literal, can name it in Git.
     */
    public record BucketClaim(DnsLabel namespace, DnsLabel name) {
        public static BucketClaim of(String namespace, String name) {
            return new BucketClaim(Problems.at("namespace", () -> DnsLabel.of(namespace)),
                    Problems.at("name", () -> DnsLabel.of(name)));
        }
    }

    /** A CephObjectStoreUser: S3 credentials in a Secret Rook creates. */
    public record ObjectUser(DnsLabel name, String displayName) {
        public static ObjectUser of(String name, String displayName) {
            return new ObjectUser(Problems.at("name", () -> DnsLabel.of(name)), displayName);
        }
    }

    public ObjectStore {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadataPool, "metadataPool");
        Objects.requireNonNull(dataPool, "dataPool");
        Objects.requireNonNull(tlsSecret, "tlsSecret");
        Objects.requireNonNull(gatewayResources, "gatewayResources");
        Objects.requireNonNull(bucketStorageClass, "bucketStorageClass");
        buckets = List.copyOf(buckets);
        users = List.copyOf(users);
        Problems problems = new Problems();
        problems.require(metadataPool.isReplicated(), "metadataPool", "[ceph-metadata-pool-erasure-coded]"
                + " the metadata pool must be replicated; use erasure coding for the data pool only");
        problems.require(gateways >= 1 && gateways <= 20, "gateways", "gateways=" + gateways + ": run 1 to 20; 2 or more for HA");
        problems.require(port >= 1 && port <= 65535, "port", "port=" + port + " is not a TCP port");
        java.util.Set<DnsLabel> bucketNames = new java.util.HashSet<>();
        for (BucketClaim claim : buckets) {
            problems.require(bucketNames.add(claim.name()), "buckets[" + claim.name() + "]", "two claims ask for the bucket "
                    + claim.name() + " (bucket names are the store's, whatever the namespace); rename one");
        }
        problems.require(buckets.isEmpty() || bucketStorageClass.isPresent(), "buckets",
                "bucket claims need the bucket StorageClass; call bucketStorageClass(\"ceph-bucket\")");
        problems.throwIfAny();
    }

    /** Replicated pools, two gateways on port 80, StorageClass ceph-bucket. */
    public static ObjectStore named(String name) {
        return new ObjectStore(Problems.at("name", () -> DnsLabel.of(name)), PoolSpec.replicated(3), PoolSpec.replicated(3),
                2, 80, Optional.empty(), Resources.of(500, 1024, 2048), Optional.of(DnsLabel.of("ceph-bucket")), List.of(),
                List.of());
    }

    public ObjectStore dataPool(PoolSpec spec) {
        return new ObjectStore(name, metadataPool, spec, gateways, port, tlsSecret, gatewayResources, bucketStorageClass,
                buckets, users);
    }

    public ObjectStore metadataPool(PoolSpec spec) {
        return new ObjectStore(name, spec, dataPool, gateways, port, tlsSecret, gatewayResources, bucketStorageClass,
                buckets, users);
    }

    public ObjectStore gateways(int count) {
        return new ObjectStore(name, metadataPool, dataPool, count, port, tlsSecret, gatewayResources, bucketStorageClass,
                buckets, users);
    }

    /** Serves HTTPS on 443 with the certificate in this Secret (of the Rook namespace). */
    public ObjectStore tls(String secretName) {
        return new ObjectStore(name, metadataPool, dataPool, gateways, port,
                Optional.of(Problems.at("tlsSecret", () -> DnsLabel.of(secretName))), gatewayResources, bucketStorageClass,
                buckets, users);
    }

    public ObjectStore gatewayResources(Resources resources) {
        return new ObjectStore(name, metadataPool, dataPool, gateways, port, tlsSecret, resources, bucketStorageClass,
                buckets, users);
    }

    public ObjectStore bucketStorageClass(String className) {
        return new ObjectStore(name, metadataPool, dataPool, gateways, port, tlsSecret, gatewayResources,
                Optional.of(Problems.at("bucketStorageClass", () -> DnsLabel.of(className))), buckets, users);
    }

    public ObjectStore bucket(String namespace, String bucketName) {
        List<BucketClaim> more = new ArrayList<>(buckets);
        more.add(Problems.at("buckets", () -> BucketClaim.of(namespace, bucketName)));
        return new ObjectStore(name, metadataPool, dataPool, gateways, port, tlsSecret, gatewayResources,
                bucketStorageClass, more, users);
    }

    public ObjectStore user(String userName, String displayName) {
        List<ObjectUser> more = new ArrayList<>(users);
        more.add(Problems.at("users", () -> ObjectUser.of(userName, displayName)));
        return new ObjectStore(name, metadataPool, dataPool, gateways, port, tlsSecret, gatewayResources,
                bucketStorageClass, buckets, more);
    }
}
