package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Logical backups (mariadb-dump) of a MariaDB cluster by mariadb-operator's {@code Backup}, into the bucket
 * of an ObjectBucketClaim in the database's namespace, whose Secret gives the operator's backup Job its keys.
 *
 * @param bucketClaim   the ObjectBucketClaim (and so its bucket and Secret) the backups go to
 * @param schedule      a five-field cron (minute first): mariadb-operator parses it with robfig/cron's
 *                      Minute|Hour|Dom|Month|Dow parser (api/v1alpha1/base_types.go CronParser, v25.10.3)
 * @param retentionDays how long backups are kept: the Backup's {@code maxRetention}, in hours
 * @param compression   {@code gzip}, {@code bzip2} or {@code none} (the Backup CRD's enum)
 */
public record MariaDbBackup(DnsLabel bucketClaim, String schedule, int retentionDays, String compression) {
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,?-]+");

    public MariaDbBackup {
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Problems problems = new Problems();
        problems.require(schedule != null && schedule.trim().split("\\s+").length == 5
                        && java.util.Arrays.stream(schedule.trim().split("\\s+")).allMatch(f -> CRON_FIELD.matcher(f).matches()),
                "schedule", "schedule='" + schedule + "': mariadb-operator takes five cron fields, minute first,"
                        + " e.g. '0 3 * * *' for 03:00 every day");
        problems.require(retentionDays >= 1 && retentionDays <= 3650, "retentionDays", "retentionDays=" + retentionDays
                + ": keep backups 1 to 3650 days, e.g. 30");
        problems.require("gzip".equals(compression) || "bzip2".equals(compression) || "none".equals(compression),
                "compression", "compression='" + compression + "': use gzip, bzip2 or none");
        problems.throwIfAny();
    }

    /** Every day at 03:00, kept for 30 days, gzip-compressed. */
    public static MariaDbBackup toBucket(String bucketClaim) {
        return new MariaDbBackup(Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim)), "0 3 * * *", 30, "gzip");
    }

    public MariaDbBackup schedule(String cron) {
        return new MariaDbBackup(bucketClaim, cron, retentionDays, compression);
    }

    public MariaDbBackup retentionDays(int days) {
        return new MariaDbBackup(bucketClaim, schedule, days, compression);
    }

    public MariaDbBackup compression(String algorithm) {
        return new MariaDbBackup(bucketClaim, schedule, retentionDays, algorithm);
    }

    /** The Backup's {@code maxRetention}: a Go duration, which has no day unit. */
    public String maxRetention() {
        return retentionDays * 24 + "h";
    }
}
