package io.koor.gitops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.generator.apps.ActivityScripts;
import io.koor.gitops.generator.apps.ActivitySettings;
import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import io.koor.gitops.model.cluster.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ./gitops lab run}: the definition's bots and benchmarks, with their own scripts, against the
 * running lab for a given time. The churn bot runs again and again until the time is up; each benchmark
 * runs once for that time (fio with its rbd engine on an image of the lab's RBD pool, rados bench on that
 * pool, wrk against a small page this process serves, pgbench when the lab has PostgreSQL) and leaves a
 * result file (gitops.koor.io/benchmark-result/v1) in the results directory.
 */
public final class LabRun {
    /** fio's data set in the lab, and the image holding it (room for fio's own rounding). */
    static final String LAB_FIO_SIZE = "256M";
    static final String LAB_FIO_IMAGE = "320M";
    /** What {@code --only} takes. */
    public static final List<String> NAMES = List.of("churn", "database-bot", "visitor", "fio-rbd", "rados-bench", "wrk",
            "pgbench");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param only empty: all of {@link #NAMES}
     */
    public record Options(Duration duration, Set<String> only, Path results) {
        public Options {
            if (duration.toSeconds() < 5) {
                throw new LabException("--duration " + duration.toSeconds() + "s: run at least 5 s (e.g. --duration 60s)");
            }
            for (String name : only) {
                if (!NAMES.contains(name)) {
                    throw new LabException("--only " + name + ": not a bot or benchmark of the lab; give one of "
                            + String.join(", ", NAMES));
                }
            }
            only = Set.copyOf(only);
        }

        /**
         * The front ends' text: a duration such as {@code 90s}, {@code 5m} or {@code 1h} (plain seconds too),
         * names separated by commas (empty: all), the results directory.
         */
        public static Options parse(String duration, String only, Path results) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]*)([smh]?)").matcher(
                    duration == null ? "" : duration.trim());
            if (!m.matches()) {
                throw new LabException("--duration '" + duration + "': give a time such as 90s, 5m or 1h");
            }
            long amount = Long.parseLong(m.group(1));
            Duration time = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
            Set<String> names = only == null || only.isBlank() ? Set.of()
                    : Set.copyOf(java.util.Arrays.stream(only.split(",")).map(String::trim).toList());
            return new Options(time, names, results);
        }

        boolean runs(String name) {
            return only.isEmpty() || only.contains(name);
        }
    }

    /** What ran: the result files written, and one line per bot run or benchmark skipped. */
    public record Outcome(List<Path> results, List<String> lines) {
    }

    private final Consumer<String> events;

    public LabRun(Consumer<String> events) {
        this.events = events;
    }

    public Outcome run(Cluster cluster, LabConnection connection, Options options) {
        LabActivity activity = new LabActivity(connection);
        List<Path> results = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            Files.createDirectories(options.results());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + options.results() + ": " + e.getMessage(), e);
        }
        int seconds = (int) options.duration().toSeconds();
        String ceph = cephVersion(connection);
        Activity defined = cluster.activity();
        if (options.runs("churn")) {
            lines.addAll(churn(activity, connection, defined.churn(), options.duration()));
        }
        if (options.runs("database-bot")) {
            Optional<String> absent = postgresAbsent(connection);
            if (defined.database().isEmpty()) {
                lines.add("database-bot: skipped: the definition has no database bot (Activity.database(...))");
            } else if (absent.isPresent()) {
                lines.add("database-bot: skipped: " + absent.get());
            } else {
                // the definition's rate and row limit, for the run's duration
                DatabaseBot bot = defined.database().get();
                bot = bot.schedule(bot.schedule(), Math.max(10, seconds));
                lines.add("database-bot: " + activity.databaseBot(bot));
            }
        }
        if (options.runs("visitor") && tools(lines, "visitor", "curl")) {
            // the definition's pace on the lab's own site: its pages are the cluster's public hosts
            VisitorBot pace = defined.visitor().orElse(VisitorBot.visiting("lab", "http://127.0.0.1/"));
            int visitSeconds = Math.max(10, seconds);
            try (LabWebsite site = LabWebsite.start()) {
                VisitorBot bot = new VisitorBot(pace.namespace(), List.of(site.page().toString(),
                        site.playlist().toString()), pace.schedule(), Math.min(pace.pauseSeconds(), visitSeconds),
                        visitSeconds);
                lines.add("visitor: " + activity.visitor(bot));
            }
        }
        if (options.runs("fio-rbd") && tools(lines, "fio-rbd", "fio", "rbd")) {
            // lab-sized: MemStore counts an object's logical size as used, so random writes over a 1 GiB data set
            // touch every 4 MiB object and left up to 675 MiB counted on one 1 GiB OSD (rbd rm does not give all of
            // it back); a CI run's lab ended with an OSD full and every write blocked. 256 MiB: at most 180 MiB.
            Benchmark fio = defined.benchmarks().stream().filter(b -> b.name().value().equals("fio-rbd-randwrite"))
                    .findFirst().orElse(Benchmark.fio("rbd", "lab", "lab", "lab")).seconds(seconds)
                    .parameter("size", LAB_FIO_SIZE);
            results.add(fioRbd(activity, connection, fio, options.results(), ceph));
        }
        if (options.runs("rados-bench") && tools(lines, "rados-bench", "rados")) {
            // without one in the definition, lab-sized: memstore OSDs of 1 GiB never give back what rados bench
            // wrote, and 16 writers of 4 MiB for a minute would fill them (RGW then blocks every write)
            Benchmark rados = defined.benchmarks().stream().filter(b -> b.tool() == Benchmark.Tool.RADOS).findFirst()
                    .orElse(Benchmark.radosBench(connection.rbdPool(), "lab", "lab").parameter("blockSize", "65536")
                            .parameter("threads", "4"));
            // the lab's own RBD pool, whatever the definition's benchmark names
            Benchmark onLab = new Benchmark(rados.name(), rados.tool(), rados.namespace(), rados.resultsClaim(),
                    Optional.empty(), 0, Optional.empty(), Optional.of(io.koor.gitops.model.values.DnsLabel.of(
                    connection.rbdPool())), seconds, rados.parameters());
            results.add(write(options.results(), onLab, activity.benchmark(onLab,
                    ActivitySettings.command(onLab, "", connection.cephConf().toString()), Map.of(),
                    runDir(connection, onLab), ceph)));
        }
        if (options.runs("wrk") && tools(lines, "wrk", "wrk")) {
            results.add(wrk(activity, connection, seconds, options.results(), ceph));
        }
        if (options.runs("pgbench")) {
            Optional<String> absent = postgresAbsent(connection);
            if (absent.isPresent()) {
                lines.add("pgbench: skipped: " + absent.get());
            } else if (tools(lines, "pgbench", "jq")) {
                // the definition's pgbench, on a lab-sized data set when it names none: scale 2 is 32 MB
                Benchmark pgbench = defined.benchmarks().stream().filter(b -> b.tool() == Benchmark.Tool.PGBENCH)
                        .findFirst().orElse(Benchmark.pgbench("lab", "lab", "lab").parameter("scale", "2"))
                        .seconds(seconds);
                results.add(pgbench(activity, connection, pgbench, options.results(), ceph));
            }
        }
        lines.forEach(events);
        results.forEach(file -> events.accept(summary(file)));
        return new Outcome(List.copyOf(results), List.copyOf(lines));
    }

    private List<String> churn(LabActivity activity, LabConnection connection, Optional<ChurnBot> defined,
                               Duration duration) {
        if (!tools(new ArrayList<>(), "churn", "aws", "bash")) {
            return List.of("churn: skipped: needs the aws CLI and bash");
        }
        // the definition's bucket claim when the lab has it, else the lab's first claim
        Map.Entry<String, LabConnection.ObjectStoreEndpoint> store = connection.objectStores().entrySet().stream()
                .filter(e -> !e.getValue().buckets().isEmpty()).findFirst().orElse(null);
        if (store == null) {
            return List.of("churn: skipped: the lab has no bucket claim (add ObjectStore...bucket(ns, name))");
        }
        LabConnection.Bucket bucket = defined.map(b -> store.getValue().buckets().get(b.bucketClaim().value()))
                .orElse(store.getValue().buckets().values().iterator().next());
        if (bucket == null) {
            bucket = store.getValue().buckets().values().iterator().next();
        }
        ChurnBot bot = defined.orElse(ChurnBot.inBucket("lab", bucket.name()));
        List<String> lines = new ArrayList<>();
        Instant end = Instant.now().plus(duration);
        do {
            lines.add(activity.churn(bot, store.getKey(), bucket.name(), bucket.credentials()));
            events.accept(lines.get(lines.size() - 1));
        } while (Instant.now().isBefore(end));
        return lines;
    }

    /** fio's own rbd engine (librbd, no kernel mapping) on an image it makes in the lab's RBD pool. */
    private Path fioRbd(LabActivity activity, LabConnection connection, Benchmark fio, Path dir, String ceph) {
        String image = "gitops-lab-" + fio.name();
        String pool = connection.rbdPool();
        String conf = connection.cephConf().toString();
        Map<String, String> p = fio.parameters();
        Command.run(List.of("rbd", "-c", conf, "create", "--size", LAB_FIO_IMAGE, pool + "/" + image), connection.directory(),
                Duration.ofMinutes(2)).orFail();
        try {
            List<String> command = List.of("fio", "--name=" + fio.name(), "--ioengine=rbd", "--clientname=admin",
                    "--pool=" + pool, "--rbdname=" + image, "--rw=" + p.get("rw"), "--bs=" + p.get("bs"),
                    "--iodepth=" + p.get("iodepth"), "--size=" + p.get("size"), "--time_based",
                    "--runtime=" + fio.seconds(), "--output-format=json");
            return write(dir, fio, activity.benchmark(fio, command, Map.of(), runDir(connection, fio), ceph));
        } finally {
            Command.run(List.of("rbd", "-c", conf, "rm", pool + "/" + image), connection.directory(), Duration.ofMinutes(2));
        }
    }

    /** wrk with the result hook against the lab's site ({@link LabWebsite}'s 4 KiB page) while it runs. */
    private Path wrk(LabActivity activity, LabConnection connection, int seconds, Path dir, String ceph) {
        try (LabWebsite site = LabWebsite.start()) {
            Benchmark wrk = Benchmark.wrk("http", "lab", site.page().toString(), "lab").parameter("threads", "1")
                    .parameter("connections", "4").seconds(seconds);
            List<String> command = ActivitySettings.command(wrk,
                    Path.of(activity.path(ActivityScripts.WRK_REPORT)).getParent().toString(), "");
            return write(dir, wrk, activity.benchmark(wrk, command, Map.of(), runDir(connection, wrk), ceph));
        }
    }

    /**
     * pgbench from Debian's PostgreSQL 15 against the lab's server, in a database named as the benchmark's,
     * through libpq's variables as the cluster's Job gets them from CloudNativePG's app Secret.
     */
    private Path pgbench(LabActivity activity, LabConnection connection, Benchmark pgbench, Path dir, String ceph) {
        Map<String, String> env = activity.libpq(pgbench.database().orElseThrow().value());
        List<String> command = ActivitySettings.command(pgbench, "", "");
        return write(dir, pgbench, activity.benchmark(pgbench, command, env, runDir(connection, pgbench), ceph));
    }

    /** Why the lab has no PostgreSQL to run against, empty when it has. */
    private static Optional<String> postgresAbsent(LabConnection connection) {
        return connection.postgres() == null ? Optional.of("the lab runs no PostgreSQL (Debian: postgresql-15, then"
                + " lab up)") : LabPostgres.unavailable();
    }

    private boolean tools(List<String> lines, String name, String... programs) {
        List<String> missing = LabActivity.missingPrograms(programs);
        if (!missing.isEmpty()) {
            lines.add(name + ": skipped: needs " + String.join(", ", missing));
        }
        return missing.isEmpty();
    }

    private static Path runDir(LabConnection connection, Benchmark benchmark) {
        return connection.directory().resolve("activity").resolve("runs").resolve(benchmark.name() + "-"
                + System.currentTimeMillis());
    }

    private static Path write(Path dir, Benchmark benchmark, String result) {
        try {
            String started = JSON.readTree(result).path("startedAt").asText().replace(":", "");
            Path file = dir.resolve(benchmark.name() + "-" + started + ".json");
            Files.writeString(file, result);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result of " + benchmark.name() + " into " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** One line per result: what it measured, and its main numbers. */
    static String summary(Path file) {
        try {
            JsonNode result = JSON.readTree(file.toFile());
            JsonNode s = result.path("summary");
            return String.format(java.util.Locale.ROOT, "%s: %s ops/s, %s MiB/s, p99 %s ms, max %s ms, errors %s (%s)",
                    result.path("benchmark").asText(), number(s.path("opsPerSecond"), 1),
                    s.path("throughputBytesPerSecond").isNumber()
                            ? number(JSON.getNodeFactory().numberNode(s.path("throughputBytesPerSecond").asDouble() / 1048576), 2)
                            : "-",
                    number(s.path("latencyMs").path("p99"), 3), number(s.path("latencyMs").path("max"), 3),
                    s.path("errors").isNull() ? "-" : s.path("errors").asText(), file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String number(JsonNode node, int digits) {
        return node.isNumber() ? String.format(java.util.Locale.ROOT, "%." + digits + "f", node.asDouble()) : "-";
    }

    /** The running Ceph's release, as {@code ceph version} reports it ({@code 16.2.15}). */
    private static String cephVersion(LabConnection connection) {
        String out = Command.run(List.of("rados", "--version"), connection.directory(), Duration.ofSeconds(60)).stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ceph version (\\S+)").matcher(out);
        return m.find() ? m.group(1) : "";
    }
}
