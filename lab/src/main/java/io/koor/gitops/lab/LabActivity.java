package io.koor.gitops.lab;

import io.koor.gitops.generator.apps.ActivityScripts;
import io.koor.gitops.generator.apps.ActivitySettings;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bots' and benchmarks' own scripts ({@link ActivityScripts}, the files the cluster's CronJobs mount)
 * run on this machine against the lab: the same settings from the same definition
 * ({@link ActivitySettings}), the connection from the lab instead of the operators' Secrets.
 */
public final class LabActivity {
    private static final Duration RUN_LIMIT = Duration.ofMinutes(30);
    private final LabConnection connection;
    private final Path scripts;

    /** Writes the scripts into {@code <lab>/activity/scripts}, as the ConfigMap mounts them in the cluster. */
    public LabActivity(LabConnection connection) {
        this.connection = connection;
        this.scripts = connection.directory().resolve("activity").resolve("scripts");
        try {
            Files.createDirectories(scripts);
            for (ActivityScripts script : ActivityScripts.values()) {
                Files.writeString(scripts.resolve(script.file()), script.text());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the activity scripts into " + scripts + ": " + e.getMessage(), e);
        }
    }

    /** Programs the scripts need that this machine lacks. */
    public static List<String> missingPrograms(String... programs) {
        return java.util.Arrays.stream(programs).filter(p -> Command.which(p).isEmpty()).toList();
    }

    /**
     * One run of the churn bot on {@code bucket} of the lab's object store {@code store}, with the keys of
     * {@code credentials}; returns its summary line.
     */
    public String churn(ChurnBot bot, String store, String bucket, LabConnection.S3Credentials credentials) {
        Map<String, String> env = new LinkedHashMap<>(ActivitySettings.churn(bot));
        env.putAll(s3(store, bucket, credentials));
        return last(run(List.of("bash", path(ActivityScripts.CHURN)), env));
    }

    /**
     * One run of the database bot against the database named as the bot's PostgreSQL cluster on the lab's
     * server (made when missing); returns pgbench's last line.
     */
    public String databaseBot(DatabaseBot bot) {
        Map<String, String> env = new LinkedHashMap<>(ActivitySettings.database(bot));
        env.putAll(libpq(bot.database().value()));
        return last(run(List.of("sh", path(ActivityScripts.DATABASE_BOT)), env));
    }

    /** One run of the visitor bot's script with the bot's settings; returns its summary line. */
    public String visitor(VisitorBot bot) {
        return last(run(List.of("sh", path(ActivityScripts.VISITOR)), ActivitySettings.visitor(bot)));
    }

    /**
     * libpq's variables for {@code database} on the lab's PostgreSQL, made there when missing, as CloudNativePG's
     * app Secret gives them in the cluster (host, port, dbname, user, password), and Debian's PostgreSQL 15
     * programs first on the PATH.
     */
    public Map<String, String> libpq(String database) {
        LabConnection.Postgres postgres = connection.postgres();
        if (postgres == null) {
            throw new LabException("the lab runs no PostgreSQL: install postgresql-15 and run lab up again");
        }
        try (java.sql.Connection sql = postgres.connect(); java.sql.Statement statement = sql.createStatement()) {
            // names come from DNS labels: nothing to escape
            try (java.sql.ResultSet found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '"
                    + database + "'")) {
                if (!found.next()) {
                    statement.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (java.sql.SQLException e) {
            throw new LabException("cannot make the database " + database + " on " + postgres + ": " + e.getMessage());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", LabPostgres.BIN + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("PGHOST", postgres.host());
        env.put("PGPORT", Integer.toString(postgres.port()));
        env.put("PGUSER", postgres.user());
        env.put("PGPASSWORD", postgres.password());
        env.put("PGDATABASE", database);
        return env;
    }

    /**
     * Runs a benchmark's tool through benchmark-run.sh in {@code runDir}, then benchmark-result.sh, and
     * returns the result file's text. {@code prefix} comes before the tool's command line (the lab's
     * connection options, e.g. fio's rbd engine), {@code env} adds to the environment (libpq's, for pgbench).
     */
    public String benchmark(Benchmark benchmark, List<String> command, Map<String, String> env, Path runDir,
                            String cephVersion) {
        List<String> line = new ArrayList<>(List.of("sh", path(ActivityScripts.BENCHMARK_RUN), runDir.toString()));
        line.addAll(command);
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("CEPH_CONF", connection.cephConf().toString());
        ActivitySettings.prepare(benchmark).ifPresent(prepare -> run(prepare, all));
        run(line, all);
        all.putAll(ActivitySettings.result(benchmark, connection.cluster(), cephVersion));
        return run(List.of("sh", path(ActivityScripts.BENCHMARK_RESULT), runDir.toString()), all);
    }

    /** A script's absolute path, as a test or the lab's run command hands it to a tool (wrk's Lua hook). */
    public String path(ActivityScripts script) {
        return scripts.resolve(script.file()).toString();
    }

    private Map<String, String> s3(String store, String bucket, LabConnection.S3Credentials credentials) {
        LabConnection.ObjectStoreEndpoint endpoint = connection.objectStores().get(store);
        if (endpoint == null) {
            throw new LabException("the lab has no object store " + store + "; it has " + connection.objectStores().keySet());
        }
        return Map.of("S3_ENDPOINT", endpoint.endpoint().toString(), "BUCKET_NAME", bucket,
                "AWS_ACCESS_KEY_ID", credentials.accessKey(), "AWS_SECRET_ACCESS_KEY", credentials.secretKey());
    }

    private String run(List<String> command, Map<String, String> env) {
        return Command.run(command, connection.directory(), RUN_LIMIT, "", env).orFail().stdout();
    }

    private static String last(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
