package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Resources;
import java.util.Objects;
import java.util.Optional;

/**
 * A MariaDB cluster run by mariadb-operator as a synchronous multi-master Galera cluster, one pod per node
 * on a block StorageClass, optionally backed up to a bucket of the cluster's object store.
 *
 * <p>Galera rather than asynchronous replication (both are upstream's recommended HA topologies,
 * docs/high_availability.md at v25.10.3): every node holds every committed transaction, so losing the
 * primary loses nothing and the switch is "seamless and usually instantaneous", and the operator recovers
 * a cluster whose nodes all went down (docs/galera.md). It is quorum-based, hence an odd number of replicas.
 *
 * @param namespace where the MariaDB and its backups' bucket claim live (the claim's Secret must be there)
 * @param image     a MariaDB image the operator supports (its chart's {@code config.mariadbImage} by default)
 */
public record MariaDbCluster(DnsLabel name, DnsLabel namespace, int replicas, DnsLabel storageClass, int sizeGi,
                             ImageRef image, Resources resources, Optional<MariaDbBackup> backup) {
    /** mariadb-operator 25.10.3's default image (deploy/charts/mariadb-operator/values.yaml config.mariadbImage). */
    public static final String DEFAULT_IMAGE = "docker-registry1.mariadb.com/library/mariadb:11.8.5";

    public MariaDbCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(backup, "backup");
        Problems problems = new Problems();
        problems.require(replicas >= 3 && replicas <= 9 && replicas % 2 == 1, "replicas", "replicas=" + replicas
                + ": Galera needs a quorum, so run an odd number from 3 to 9; 3 survives the loss of one node");
        problems.require(sizeGi >= 1, "sizeGi", "sizeGi=" + sizeGi + ": give each replica at least 1 GiB");
        problems.throwIfAny();
    }

    /** Three replicas of 10 GiB on {@code storageClass}, no backups yet. */
    public static MariaDbCluster named(String name, String namespace, String storageClass) {
        return new MariaDbCluster(Problems.at("name", () -> DnsLabel.of(name)),
                Problems.at("namespace", () -> DnsLabel.of(namespace)), 3,
                Problems.at("storageClass", () -> DnsLabel.of(storageClass)), 10,
                AppImage.parse(DEFAULT_IMAGE), Resources.of(500, 1024, 2048), Optional.empty());
    }

    public MariaDbCluster replicas(int count) {
        return new MariaDbCluster(name, namespace, count, storageClass, sizeGi, image, resources, backup);
    }

    public MariaDbCluster size(int gi) {
        return new MariaDbCluster(name, namespace, replicas, storageClass, gi, image, resources, backup);
    }

    public MariaDbCluster image(String reference) {
        return new MariaDbCluster(name, namespace, replicas, storageClass, sizeGi,
                Problems.at("image", () -> AppImage.parse(reference)), resources, backup);
    }

    public MariaDbCluster resources(Resources perReplica) {
        return new MariaDbCluster(name, namespace, replicas, storageClass, sizeGi, image, perReplica, backup);
    }

    public MariaDbCluster backup(MariaDbBackup options) {
        return new MariaDbCluster(name, namespace, replicas, storageClass, sizeGi, image, resources, Optional.of(options));
    }
}
