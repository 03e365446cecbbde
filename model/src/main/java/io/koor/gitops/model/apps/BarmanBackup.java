package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Base backups and WAL archiving of a PostgreSQL cluster with Barman Cloud, into the bucket of an
 * ObjectBucketClaim in the database's namespace. The one place these options live: the renderers
 * write them into the CloudNativePG objects, and a lab rehearsal can run barman-cloud with the same.
 *
 * @param bucketClaim the ObjectBucketClaim (and so its bucket, Secret and ConfigMap) the backups go to
 * @param schedule    CloudNativePG's six-field cron (seconds first) for the ScheduledBackup
 * @param retention   how long base backups and the WAL they need are kept: {@code 30d}, {@code 4w}, {@code 6m}
 * @param compression how base backups and WAL files are compressed ({@code gzip}, {@code bzip2} or {@code snappy})
 */
public record BarmanBackup(DnsLabel bucketClaim, String schedule, String retention, String compression) {
    private static final Pattern RETENTION = Pattern.compile("[1-9][0-9]*[dwm]");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,?LW#-]+");

    public BarmanBackup {
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Problems problems = new Problems();
        problems.require(schedule != null && schedule.trim().split("\\s+").length == 6
                        && java.util.Arrays.stream(schedule.trim().split("\\s+")).allMatch(f -> CRON_FIELD.matcher(f).matches()),
                "schedule", "schedule='" + schedule + "': CloudNativePG takes six cron fields, seconds first,"
                        + " e.g. '0 0 2 * * *' for 02:00 every day");
        problems.require(retention != null && RETENTION.matcher(retention).matches(), "retention",
                "retention='" + retention + "': write a number of days, weeks or months, e.g. '30d'");
        problems.require("gzip".equals(compression) || "bzip2".equals(compression) || "snappy".equals(compression),
                "compression", "compression='" + compression + "': use gzip, bzip2 or snappy");
        problems.throwIfAny();
    }

    /** Every day at 02:00, kept for 30 days, gzip-compressed. */
    public static BarmanBackup toBucket(String bucketClaim) {
        return new BarmanBackup(Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim)), "0 0 2 * * *", "30d", "gzip");
    }

    public BarmanBackup schedule(String cron) {
        return new BarmanBackup(bucketClaim, cron, retention, compression);
    }

    public BarmanBackup retention(String window) {
        return new BarmanBackup(bucketClaim, schedule, window, compression);
    }

}
