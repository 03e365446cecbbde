package io.koor.gitops.generator.apps;

import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The environment each activity script reads its settings from, built from the definition: the CronJobs
 * set these variables, and the lab passes the same ones when it runs the same script. Connection
 * settings (bucket, keys, database) are not here: the cluster takes them from the operators' Secrets,
 * the lab from its connection.
 */
public final class ActivitySettings {
    private ActivitySettings() {
    }

    public static Map<String, String> churn(ChurnBot bot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHURN_PREFIX", "churn/");
        env.put("CHURN_FILES", Integer.toString(bot.files()));
        env.put("CHURN_MIN_OBJECT_BYTES", Long.toString(bot.minObjectBytes()));
        env.put("CHURN_MAX_OBJECT_BYTES", Long.toString(bot.maxObjectBytes()));
        env.put("CHURN_MAX_OBJECTS", Integer.toString(bot.maxObjects()));
        env.put("CHURN_MAX_BYTES", Long.toString(bot.maxBytes()));
        env.put("CHURN_STEPS", Integer.toString(bot.stepsPerRun()));
        return env;
    }

    public static Map<String, String> database(DatabaseBot bot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_BOT_RATE", Integer.toString(bot.transactionsPerSecond()));
        env.put("DB_BOT_SECONDS", Integer.toString(bot.seconds()));
        env.put("DB_BOT_MAX_ROWS", Integer.toString(bot.maxRows()));
        return env;
    }

    public static Map<String, String> visitor(VisitorBot bot) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VISITOR_URLS", String.join(" ", bot.urls()));
        env.put("VISITOR_PAUSE", Integer.toString(bot.pauseSeconds()));
        env.put("VISITOR_SECONDS", Integer.toString(bot.seconds()));
        return env;
    }

    /** What benchmark-result.sh writes into the result besides the tool's numbers. */
    public static Map<String, String> result(Benchmark benchmark, String cluster, String cephVersion) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BENCHMARK", benchmark.name().value());
        env.put("TARGET", benchmark.target());
        env.put("CLUSTER", cluster);
        env.put("CEPH_VERSION", cephVersion);
        env.put("PARAMETERS", parametersJson(benchmark));
        return env;
    }

    /** The benchmark's parameters and its run time as one JSON object of strings, in a stable order. */
    static String parametersJson(Benchmark benchmark) {
        Map<String, String> all = new java.util.TreeMap<>(benchmark.parameters());
        all.put("seconds", Integer.toString(benchmark.seconds()));
        return all.entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /**
     * The tool's command line, as benchmark-run.sh runs it after its directory. {@code fio} writes into
     * {@code directory} (the volume's mount in the cluster), wrk finds its hook there (the scripts' directory);
     * rados reads {@code cephConf}.
     */
    public static List<String> command(Benchmark benchmark, String directory, String cephConf) {
        Map<String, String> p = benchmark.parameters();
        String seconds = Integer.toString(benchmark.seconds());
        return switch (benchmark.tool()) {
            case FIO -> List.of("fio", "--name=" + benchmark.name(), "--directory=" + directory,
                    "--rw=" + p.get("rw"), "--bs=" + p.get("bs"), "--iodepth=" + p.get("iodepth"),
                    "--size=" + p.get("size"), "--ioengine=libaio", "--direct=1", "--time_based",
                    "--runtime=" + seconds, "--output-format=json");
            case PGBENCH -> List.of("pgbench", "-n", "-c", p.get("clients"), "-j", p.get("clients"), "-T", seconds);
            case RADOS -> List.of("rados", "-c", cephConf, "-p", benchmark.pool().orElseThrow().value(), "bench",
                    seconds, p.get("mode"), "-b", p.get("blockSize"), "-t", p.get("threads"),
                    "--run-name", benchmark.name().value());
            case WRK -> List.of("wrk", "-t" + p.get("threads"), "-c" + p.get("connections"), "-d" + seconds + "s",
                    "-s", directory + "/" + ActivityScripts.WRK_REPORT.file(), p.get("url"));
        };
    }

    /** What must run once before the tool: pgbench's tables at the benchmark's scale. */
    public static java.util.Optional<List<String>> prepare(Benchmark benchmark) {
        return benchmark.tool() == Benchmark.Tool.PGBENCH
                ? java.util.Optional.of(List.of("pgbench", "-i", "-q", "-s", benchmark.parameters().get("scale")))
                : java.util.Optional.empty();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
