package io.koor.gitops.model.activity;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;

/**
 * The database bot: on a schedule, writes a row and reads the newest back at a steady rate (pgbench's
 * {@code --rate}) against a CloudNativePG database, through the {@code <database>-app} Secret the
 * operator creates, keeping at most {@code maxRows} rows in its own table.
 *
 * @param database the PostgreSQL cluster of the definition ({@code PostgresCluster.named(...)})
 * @param seconds  how long each run writes; shorter than the schedule's period, so runs never overlap
 */
public record DatabaseBot(DnsLabel database, String schedule, int transactionsPerSecond, int seconds, int maxRows) {
    public DatabaseBot {
        Objects.requireNonNull(database, "database");
        String cron = schedule;
        schedule = Problems.at("", () -> CronSchedule.check(cron));
        Problems problems = new Problems();
        problems.require(transactionsPerSecond >= 1 && transactionsPerSecond <= 1000, "transactionsPerSecond",
                "transactionsPerSecond=" + transactionsPerSecond + ": give 1 to 1000");
        problems.require(seconds >= 10 && seconds <= 3600, "seconds", "seconds=" + seconds + ": give 10 to 3600");
        problems.require(maxRows >= 100, "maxRows", "maxRows=" + maxRows + ": keep at least 100 rows");
        problems.throwIfAny();
    }

    /** Every 5 minutes, 4 minutes of 5 transactions a second, at most 100,000 rows. */
    public static DatabaseBot against(String database) {
        return new DatabaseBot(Problems.at("database", () -> DnsLabel.of(database)), "*/5 * * * *", 5, 240, 100_000);
    }

    public DatabaseBot rate(int perSecond) {
        return new DatabaseBot(database, schedule, perSecond, seconds, maxRows);
    }

    public DatabaseBot schedule(String cron, int secondsPerRun) {
        return new DatabaseBot(database, cron, transactionsPerSecond, secondsPerRun, maxRows);
    }
}
