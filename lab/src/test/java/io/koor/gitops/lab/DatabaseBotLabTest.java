package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.activity.DatabaseBot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database bot's own script (database-bot.sh and its pgbench transaction, the files the cluster's
 * CronJob mounts) against the lab's real PostgreSQL: it writes at the configured rate, and its row limit
 * holds, trimming the oldest rows before it writes more.
 */
@ExtendWith(SharedLab.Resolver.class)
class DatabaseBotLabTest {
    private final SharedLab shared;

    DatabaseBotLabTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void writesAtItsRateAndKeepsItsRowLimit() throws Exception {
        if (shared.connection.postgres() == null || LabPostgres.unavailable().isPresent()) {
            String reason = "SKIPPED: the database bot needs the lab's PostgreSQL 15 (Debian: postgresql-15)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        LabActivity activity = new LabActivity(shared.connection);
        String database = "bot-" + Long.toString(System.nanoTime(), 36);
        DatabaseBot bot = DatabaseBot.against(database).rate(20).schedule("*/5 * * * *", 10);

        String first = activity.databaseBot(bot);
        System.err.println("database bot: " + first);
        long written = count(database, "SELECT count(*) FROM activity_bot");
        // pgbench --rate schedules transactions as a Poisson process: 200 expected in 10 s
        assertThat(written).as("rows after 10 s at 20/s").isBetween(140L, 260L);
        long lastOfFirst = count(database, "SELECT max(id) FROM activity_bot");

        // the same bot keeping at most 100 rows: before writing it deletes all but the newest 100
        String second = activity.databaseBot(new DatabaseBot(bot.database(), bot.schedule(), 20, 10, 100));
        System.err.println("database bot: " + second);
        assertThat(count(database, "SELECT count(*) FROM activity_bot WHERE id <= " + lastOfFirst))
                .as("rows kept of the first run").isEqualTo(100L);
        assertThat(count(database, "SELECT count(*) FROM activity_bot WHERE id > " + lastOfFirst))
                .as("rows of the second run").isBetween(140L, 260L);
        assertThat(count(database, "SELECT count(*) FROM activity_bot WHERE payload !~ '^[0-9a-f]{32}$'"))
                .as("every row's payload an md5 as the transaction writes it").isZero();
    }

    private long count(String database, String query) throws Exception {
        LabConnection.Postgres pg = shared.connection.postgres();
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", pg.user());
        properties.setProperty("password", pg.password());
        try (Connection sql = new org.postgresql.Driver().connect("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/"
                + database, properties); Statement statement = sql.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
