package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Resources;
import java.util.Objects;
import java.util.Optional;

/**
 * A PostgreSQL database run by CloudNativePG: its instances spread one per node on a block
 * StorageClass, optionally backed up to a bucket of the cluster's object store, and optionally
 * restored into a second cluster from those backups.
 *
 * @param namespace   where the Cluster and its backups' bucket claim live (the claim's Secret must be there)
 * @param image       a PostgreSQL image with barman-cloud in it (CloudNativePG's {@code -system-} images)
 * @param restoreInto a second Cluster bootstrapped from this one's backups (the restore the runbook rehearses)
 * @param restoreTo   the point in time (RFC 3339) that restore stops at; empty means the end of the WAL
 */
public record PostgresCluster(DnsLabel name, DnsLabel namespace, int instances, DnsLabel storageClass, int sizeGi,
                              ImageRef image, Resources resources, Optional<BarmanBackup> backup,
                              Optional<DnsLabel> restoreInto, Optional<String> restoreTo) {
    /** CloudNativePG 1.29.1's default image (pkg/versions/versions.go), which carries barman-cloud. */
    public static final String DEFAULT_IMAGE = "ghcr.io/cloudnative-pg/postgresql:18.3-system-trixie";
    private static final java.util.regex.Pattern RFC3339 = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})");

    public PostgresCluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(restoreInto, "restoreInto");
        Objects.requireNonNull(restoreTo, "restoreTo");
        Problems problems = new Problems();
        problems.require(instances >= 1 && instances <= 9, "instances", "instances=" + instances
                + ": run 1 to 9; 3 gives a primary and two replicas on different nodes");
        problems.require(sizeGi >= 1, "sizeGi", "sizeGi=" + sizeGi + ": give each instance at least 1 GiB");
        problems.require(restoreInto.isEmpty() || backup.isPresent(), "restoreInto",
                "a restore needs backups to restore from; call backup(BarmanBackup.toBucket(...)) first");
        problems.require(restoreInto.filter(name::equals).isEmpty(), "restoreInto",
                "restoreInto='" + name + "' is the cluster itself; name a new cluster, e.g. '" + name + "-restore'");
        problems.require(restoreTo.isEmpty() || restoreTo.filter(t -> RFC3339.matcher(t).matches()).isPresent(),
                "restoreTo", "restoreTo='" + restoreTo.orElse("") + "' is not an RFC 3339 time such as '2026-12-02T10:00:00Z'");
        problems.throwIfAny();
    }

    /** Three instances of 10 GiB on {@code storageClass}, no backups yet. */
    public static PostgresCluster named(String name, String namespace, String storageClass) {
        return new PostgresCluster(Problems.at("name", () -> DnsLabel.of(name)),
                Problems.at("namespace", () -> DnsLabel.of(namespace)), 3,
                Problems.at("storageClass", () -> DnsLabel.of(storageClass)), 10,
                AppImage.parse(DEFAULT_IMAGE), Resources.of(500, 1024, 2048), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public PostgresCluster instances(int count) {
        return new PostgresCluster(name, namespace, count, storageClass, sizeGi, image, resources, backup, restoreInto,
                restoreTo);
    }

    public PostgresCluster size(int gi) {
        return new PostgresCluster(name, namespace, instances, storageClass, gi, image, resources, backup, restoreInto,
                restoreTo);
    }

    public PostgresCluster image(String reference) {
        return new PostgresCluster(name, namespace, instances, storageClass, sizeGi,
                Problems.at("image", () -> AppImage.parse(reference)), resources, backup, restoreInto, restoreTo);
    }

    public PostgresCluster resources(Resources perInstance) {
        return new PostgresCluster(name, namespace, instances, storageClass, sizeGi, image, perInstance, backup,
                restoreInto, restoreTo);
    }

    public PostgresCluster backup(BarmanBackup options) {
        return new PostgresCluster(name, namespace, instances, storageClass, sizeGi, image, resources,
                Optional.of(options), restoreInto, restoreTo);
    }

    /** Renders a second cluster, {@code clusterName}, recovered from this one's backups to the end of its WAL. */
    public PostgresCluster restoreInto(String clusterName) {
        return new PostgresCluster(name, namespace, instances, storageClass, sizeGi, image, resources, backup,
                Optional.of(Problems.at("restoreInto", () -> DnsLabel.of(clusterName))), restoreTo);
    }

    /** Stops that restore at a point in time (RFC 3339, e.g. {@code 2026-12-02T10:00:00Z}). */
    public PostgresCluster restoreTo(String time) {
        return new PostgresCluster(name, namespace, instances, storageClass, sizeGi, image, resources, backup,
                restoreInto, Optional.of(time));
    }
}
