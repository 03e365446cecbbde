package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.generator.apps.ActivityScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code lab run}'s benchmarks against the shared lab: fio's rbd engine on the lab's RBD pool, rados bench,
 * and wrk against a local page each leave a result file in the shared format, with real numbers in it.
 */
@ExtendWith(SharedLab.Resolver.class)
class LabRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SharedLab shared;

    LabRunTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void fioRadosBenchAndWrkLeaveResultFilesWithRealNumbers() throws Exception {
        List<String> missing = LabActivity.missingPrograms("fio", "rbd", "rados", "wrk", "jq");
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: lab run's benchmarks need " + String.join(", ", missing)
                    + " (Debian: fio, ceph-common, wrk, jq)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        Path results = Files.createTempDirectory("lab-results");
        List<String> events = new ArrayList<>();
        LabRun.Outcome outcome = new LabRun(events::add).run(SharedLab.cluster(), shared.connection,
                LabRun.Options.parse("5s", "fio-rbd,rados-bench,wrk", results));
        events.forEach(line -> System.err.println("lab run: " + line));
        assertThat(outcome.results()).hasSize(3);
        assertThat(Files.list(results).map(p -> p.getFileName().toString()).toList())
                .hasSize(3).allMatch(name -> name.endsWith(".json"));
        for (Path file : outcome.results()) {
            JsonNode result = JSON.readTree(file.toFile());
            String at = file.getFileName().toString();
            assertThat(result.path("schema").asText()).as(at).isEqualTo(ActivityScripts.RESULT_SCHEMA);
            assertThat(result.path("cluster").asText()).isEqualTo("labtest");
            assertThat(result.path("cephVersion").asText()).as(at).matches("16\\.2\\.\\d+");
            assertThat(result.path("toolVersion").asText()).as(at).isNotBlank();
            assertThat(result.path("raw").asText()).as(at).isNotBlank();
            assertThat(result.path("parameters").path("seconds").asText()).isEqualTo("5");
            Instant started = Instant.parse(result.path("startedAt").asText());
            Instant finished = Instant.parse(result.path("finishedAt").asText());
            assertThat(finished).as(at).isAfterOrEqualTo(started.plusSeconds(4));
            JsonNode summary = result.path("summary");
            assertThat(summary.path("opsPerSecond").asDouble()).as(at + " ops/s").isPositive();
            assertThat(summary.path("throughputBytesPerSecond").asDouble()).as(at + " throughput").isPositive();
            assertThat(summary.path("latencyMs").path("max").asDouble()).as(at + " max latency").isPositive();
            assertThat(summary.path("latencyMs").fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("p50", "p90", "p99", "p999", "max");
        }
        JsonNode fio = byTool(outcome, "fio");
        assertThat(fio.path("benchmark").asText()).isEqualTo("fio-rbd-randwrite");
        assertThat(fio.path("target").asText()).isEqualTo("rbd");
        assertThat(fio.path("summary").path("latencyMs").path("p99").asDouble())
                .isBetween(fio.path("summary").path("latencyMs").path("p50").asDouble(),
                        fio.path("summary").path("latencyMs").path("max").asDouble());
        assertThat(fio.path("summary").path("errors").asInt()).isZero();
        assertThat(JSON.readTree(fio.path("raw").asText()).path("jobs").get(0).path("job options").path("ioengine")
                .asText()).isEqualTo("rbd");
        JsonNode rados = byTool(outcome, "rados");
        assertThat(rados.path("summary").path("latencyMs").path("p99").isNull()).as("rados bench has no percentiles")
                .isTrue();
        // its "Bandwidth (MB/sec)" is MiB/s: the result's bytes/s agree with its own totals
        String raw = rados.path("raw").asText();
        double bytes = total(raw, "Total writes made") * total(raw, "Write size");
        assertThat(rados.path("summary").path("throughputBytesPerSecond").asDouble())
                .isCloseTo(bytes / total(raw, "Total time run"), org.assertj.core.data.Percentage.withPercentage(2));
        JsonNode wrk = byTool(outcome, "wrk");
        assertThat(wrk.path("summary").path("errors").asInt()).isZero();
        assertThat(wrk.path("summary").path("latencyMs").path("p50").asDouble()).isPositive();
        assertThat(events).anySatisfy(line -> assertThat(line).startsWith("wrk-http: ").contains(" ops/s"));
        // --only: neither the churn bot nor pgbench ran, nor said anything
        assertThat(outcome.lines()).isEmpty();
        assertThat(events).noneMatch(line -> line.startsWith("churn") || line.startsWith("pgbench"));
    }

    @Test
    void badOptionsAreRefusedWithWhatToGive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabRun.Options.parse("soon", "", Path.of("r")))
                .isInstanceOf(LabException.class).hasMessage("--duration 'soon': give a time such as 90s, 5m or 1h");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabRun.Options.parse("60s", "churn,iperf", Path.of("r")))
                .hasMessage("--only iperf: not a bot or benchmark of the lab; give one of churn, database-bot, visitor,"
                        + " fio-rbd, rados-bench, wrk, pgbench");
        assertThat(LabRun.Options.parse("5m", "", Path.of("r")).only()).isEqualTo(Set.of());
    }

    private static double total(String raw, String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + label + ":\\s+([0-9.]+)").matcher(raw);
        assertThat(m.find()).as(label + " in rados bench's output").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static JsonNode byTool(LabRun.Outcome outcome, String tool) throws Exception {
        for (Path file : outcome.results()) {
            JsonNode result = JSON.readTree(file.toFile());
            if (result.path("tool").asText().equals(tool)) {
                return result;
            }
        }
        throw new AssertionError("no result of " + tool);
    }
}
