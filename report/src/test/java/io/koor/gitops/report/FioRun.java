package io.koor.gitops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's fio on a file and turns its JSON output into a benchmark result file, so the
 * report's tests read real measurements. fio(1) of fio 3.33: {@code --lat_percentiles=1} reports total
 * latency (submission + completion) percentiles in {@code jobs[].<dir>.lat_ns.percentile}, keyed
 * "50.000000" and so on for the {@code --percentile_list} given; {@code bw_bytes} and {@code iops} are
 * the job's averages; {@code error} is the errno the job stopped on, 0 for none.
 */
final class FioRun {
    static final ObjectMapper JSON = new ObjectMapper();

    private FioRun() {
    }

    static Optional<Path> fio() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "fio");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * One fio job of a second on {@code work/fio.dat} with libaio and O_DIRECT, written as
     * {@code out/<cluster>/<benchmark>-<n>.json}.
     */
    static Path run(Path fio, Path work, Path out, String cluster, String benchmark, int n, String rw, String bs, int iodepth)
            throws IOException, InterruptedException {
        Path output = work.resolve("fio-output.json");
        List<String> command = new ArrayList<>(List.of(fio.toString(), "--name=" + benchmark, "--filename=fio.dat",
                "--size=32M", "--rw=" + rw, "--bs=" + bs, "--iodepth=" + iodepth, "--ioengine=libaio", "--direct=1",
                "--runtime=1", "--time_based", "--lat_percentiles=1", "--percentile_list=50:90:99:99.9",
                "--output-format=json", "--output=" + output.getFileName()));
        Instant started = Instant.now();
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("fio.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("fio did not finish in 60 s: " + command);
        }
        Instant finished = Instant.now();
        if (p.exitValue() != 0) {
            throw new IOException("fio exited " + p.exitValue() + ": " + Files.readString(work.resolve("fio.log")));
        }
        String raw = Files.readString(output, StandardCharsets.UTF_8);
        Path file = out.resolve(cluster).resolve(benchmark + "-" + n + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
                result(JSON.readTree(raw), raw, cluster, benchmark, started, finished)) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** fio's JSON as a {@value BenchmarkResult#SCHEMA} result: the job's options (but its file name) as parameters. */
    static ObjectNode result(JsonNode fio, String raw, String cluster, String benchmark, Instant started, Instant finished) {
        JsonNode job = fio.path("jobs").path(0);
        JsonNode io = job.path("write").path("total_ios").asLong() > 0 ? job.path("write") : job.path("read");
        ObjectNode r = JSON.createObjectNode();
        r.put("schema", BenchmarkResult.SCHEMA);
        r.put("benchmark", benchmark);
        r.put("tool", "fio");
        r.put("toolVersion", fio.path("fio version").asText().replaceFirst("^fio-", ""));
        r.put("target", "file");
        r.put("cluster", cluster);
        r.putNull("cephVersion"); // a file on this machine's disk, not Ceph
        r.put("startedAt", started.toString());
        r.put("finishedAt", finished.toString());
        ObjectNode parameters = r.putObject("parameters");
        job.path("job options").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("filename") && !e.getKey().equals("name")) {
                parameters.put(e.getKey(), e.getValue().asText());
            }
        });
        ObjectNode summary = r.putObject("summary");
        summary.put("throughputBytesPerSecond", io.path("bw_bytes").asDouble());
        summary.put("opsPerSecond", io.path("iops").asDouble());
        ObjectNode latency = summary.putObject("latencyMs");
        JsonNode percentiles = io.path("lat_ns").path("percentile");
        latency.put("p50", percentiles.path("50.000000").asDouble() / 1e6);
        latency.put("p90", percentiles.path("90.000000").asDouble() / 1e6);
        latency.put("p99", percentiles.path("99.000000").asDouble() / 1e6);
        latency.put("p999", percentiles.path("99.900000").asDouble() / 1e6);
        latency.put("max", io.path("lat_ns").path("max").asDouble() / 1e6);
        summary.put("errors", job.path("error").asInt() == 0 ? 0 : 1);
        r.put("raw", raw);
        return r;
    }

    /** Writes the committed fixture set: {@code java ... FioRun OUTDIR} (see src/test/resources/.../results/README.md). */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Files.createTempDirectory("fio-fixtures");
        Path fio = fio().orElseThrow(() -> new IllegalStateException("fio is not on PATH"));
        String[][] plan = {{"demo", "fio-randwrite-4k", "randwrite", "4k", "16"}, {"demo", "fio-randread-64k", "randread", "64k", "4"},
            {"staging", "fio-randwrite-4k", "randwrite", "4k", "16"}, {"staging", "fio-randread-64k", "randread", "64k", "4"}};
        for (int round = 1; round <= 2; round++) {
            for (String[] p : plan) {
                run(fio, work, out, p[0], p[1], round, p[2], p[3], Integer.parseInt(p[4]));
            }
        }
        run(fio, work, out, "demo", "fio-randwrite-4k", 3, "randwrite", "4k", 16);
    }
}
