package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.generator.render.BarmanCloud;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The restore runbook, rehearsed for real: the lab's PostgreSQL archives WAL with the barman-cloud
 * command CloudNativePG runs for the declared database, a base backup goes to the claimed bucket on
 * the lab's RGW with the same destination, server name and compression as the rendered
 * {@code barmanObjectStore}, and a point-in-time restore into a new data directory (barman-cloud-restore,
 * then barman-cloud-wal-restore as restore_command up to recovery_target_time) holds exactly the rows
 * committed before the target.
 */
@ExtendWith(SharedLab.Resolver.class)
class BarmanRestoreRehearsalTest {
    private static final List<String> TOOLS = List.of("barman-cloud-backup", "barman-cloud-wal-archive",
            "barman-cloud-restore", "barman-cloud-wal-restore", "setpriv");

    @Test
    void backsUpArchivesAndRestoresToAPointInTime(SharedLab shared) throws Exception {
        LabConnection.Postgres source = shared.connection.postgres();
        List<String> missing = TOOLS.stream().filter(t -> Command.which(t).isEmpty()).toList();
        Optional<String> reason = source == null ? Optional.of("the lab started no PostgreSQL ("
                + LabPostgres.unavailable().orElse("see the lab's log") + ")")
                : missing.isEmpty() ? Optional.empty()
                : Optional.of("barman-cloud needs " + String.join(", ", missing) + " (Debian: ./setup-machine installs barman-cli-cloud)");
        if (reason.isPresent()) {
            System.err.println("SKIPPED: " + reason.get());
            assumeTrue(false, reason.get());
        }
        LabShape.DatabaseShape db = shared.shape.databases().get(0);
        String store = db.objectStore().orElseThrow();
        BarmanCloud declared = db.barman().orElseThrow();
        BarmanCloud barman = declared.at(shared.connection.objectStores().get(store).endpoint().toString());
        LabConnection.Bucket bucket = shared.connection.bucket(store, declared.secretName());
        // what barman-cloud-backup needs besides the keys: where the server's socket is (the instance manager's PGHOST)
        Map<String, String> env = new LinkedHashMap<>(BarmanCloud.environment(bucket.credentials().accessKey(),
                bucket.credentials().secretKey()));
        env.put("PGHOST", source.socketDirectory().toString());
        env.put("PGPORT", String.valueOf(source.port()));
        Path work = source.dataDirectory().getParent();

        long started = System.nanoTime();
        String target;
        String lastWal;
        try (Connection c = source.connect(); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE orders (id int PRIMARY KEY, phase text NOT NULL)");
            insert(sql, 1, 100, "before-backup");
            LabPostgres.run(barman.backup("rehearsal"), work, env);
            phase(started, "barman-cloud-backup done");
            insert(sql, 101, 150, "after-backup");
            target = one(sql, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'");
            Thread.sleep(50); // commits after the target carry later timestamps
            insert(sql, 151, 180, "after-target");
            lastWal = one(sql, "SELECT pg_walfile_name(pg_switch_wal())");
            awaitArchived(sql, lastWal);
            phase(started, "WAL " + lastWal + " archived");
        }
        try (var s3 = shared.connection.s3ForBucket(store, declared.secretName())) {
            List<String> keys = s3.listObjectsV2(r -> r.bucket(bucket.name()).prefix(declared.serverName() + "/")).contents()
                    .stream().map(o -> o.key()).toList();
            assertThat(keys).as("base backup and WAL under <serverName>/ as CloudNativePG lays them out")
                    .anyMatch(k -> k.startsWith(declared.serverName() + "/base/") && k.endsWith("/backup.info"))
                    .anyMatch(k -> k.startsWith(declared.serverName() + "/wals/") && k.contains(lastWal) && k.endsWith(".gz"));
        }

        Path restored = work.resolveSibling("postgresql-restore").resolve("data");
        LabPostgres.ownedDirectory(restored.getParent());
        LabPostgres.run(barman.restore("rehearsal", restored.toString()), work, env);
        phase(started, "barman-cloud-restore done");
        Files.createFile(restored.resolve("recovery.signal"));
        LabPostgres.ownedDirectory(restored); // barman wrote it as the owner; the signal file was made here
        Files.setOwner(restored.resolve("recovery.signal"), Files.getOwner(restored));
        Map<String, String> recovery = new LinkedHashMap<>();
        recovery.put("archive_mode", "off"); // the copy must not archive into the source's server name
        recovery.put("restore_command", LabPostgres.shell(barman.walRestore("%f", "%p")));
        recovery.put("recovery_target_time", target);
        recovery.put("recovery_target_action", "promote");
        int port = Lab.freePort();
        LabProcesses processes = new LabProcesses(shared.dir);
        long pid = LabPostgres.start("postgres-restore", restored, port, recovery, env, processes);
        try {
            LabConnection.Postgres copy = new LabConnection.Postgres(restored, "127.0.0.1", port,
                    restored.resolveSibling("run"), source.user(), source.password());
            try (Connection c = copy.connect(); Statement sql = c.createStatement()) {
                awaitPromoted(sql);
                phase(started, "restored server recovered to " + target + " and promoted");
                Map<String, List<Integer>> phases = new LinkedHashMap<>();
                try (ResultSet rows = sql.executeQuery("SELECT phase, id FROM orders ORDER BY id")) {
                    while (rows.next()) {
                        phases.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getInt(2));
                    }
                }
                assertThat(phases.keySet()).containsExactly("before-backup", "after-backup");
                assertThat(phases.get("before-backup")).hasSize(100).startsWith(1).endsWith(100);
                assertThat(phases.get("after-backup")).hasSize(50).startsWith(101).endsWith(150);
            }
        } finally {
            stop(pid);
        }
    }

    private static void phase(long started, String what) {
        System.err.printf(java.util.Locale.ROOT, "rehearsal: [%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static void insert(Statement sql, int from, int to, String phase) throws SQLException {
        sql.execute("INSERT INTO orders SELECT i, '" + phase + "' FROM generate_series(" + from + ", " + to + ") AS i");
    }

    private static String one(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getString(1);
        }
    }

    /** Until the archiver has shipped {@code wal} (it may fail a few times while the gateway warms up, and retries). */
    private static void awaitArchived(Statement sql, String wal) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try (ResultSet row = sql.executeQuery("SELECT coalesce(last_archived_wal, ''), failed_count,"
                    + " coalesce(last_failed_wal, '') FROM pg_stat_archiver")) {
                row.next();
                if (row.getString(1).compareTo(wal) >= 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("WAL " + wal + " was not archived within 90 s (last archived '"
                            + row.getString(1) + "', " + row.getLong(2) + " failures, last failed '" + row.getString(3) + "')");
                }
            }
            Thread.sleep(200);
        }
    }

    private static void awaitPromoted(Statement sql) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!"f".equals(one(sql, "SELECT pg_is_in_recovery()"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the restored server was still in recovery after 90 s");
            }
            Thread.sleep(200);
        }
    }

    private static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> {
            List<ProcessHandle> children = handle.descendants().toList();
            handle.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            handle.onExit().join();
        });
    }
}
