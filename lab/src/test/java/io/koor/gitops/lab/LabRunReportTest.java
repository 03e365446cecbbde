package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.report.BenchmarkReport;
import io.koor.gitops.report.BenchmarkResult;
import io.koor.gitops.report.Metric;
import io.koor.gitops.report.ReportListener;
import io.koor.gitops.report.ReportOptions;
import io.koor.gitops.report.ReportOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code lab run} with every benchmark against the shared lab, pgbench on its PostgreSQL among them, and the
 * report built from exactly the files it left: issue #14's "fio's rbd engine, rados bench, pgbench and wrk
 * produce real result files, and the report is built from them".
 */
@ExtendWith(SharedLab.Resolver.class)
class LabRunReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SharedLab shared;

    LabRunReportTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void everyBenchmarkOfLabRunLandsInTheReportWithItsOwnNumbers() throws Exception {
        List<String> missing = new ArrayList<>(LabActivity.missingPrograms("fio", "rbd", "rados", "wrk", "jq"));
        if (shared.connection.postgres() == null || LabPostgres.unavailable().isPresent()) {
            missing.add("PostgreSQL 15 with pgbench");
        }
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: lab run's benchmarks need " + String.join(", ", missing)
                    + " (Debian: fio, ceph-common, wrk, jq, postgresql-15)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        Path results = Files.createTempDirectory("lab-run-results");
        List<String> events = new ArrayList<>();
        LabRun.Outcome run = new LabRun(events::add).run(SharedLab.cluster(), shared.connection,
                LabRun.Options.parse("5s", "fio-rbd,rados-bench,wrk,pgbench", results));
        events.forEach(line -> System.err.println("lab run: " + line));
        assertThat(run.lines()).as("nothing skipped").noneMatch(line -> line.contains("skipped"));
        assertThat(run.results()).hasSize(4);

        Map<String, JsonNode> byTool = new java.util.TreeMap<>();
        for (Path file : run.results()) {
            JsonNode result = JSON.readTree(file.toFile());
            byTool.put(result.path("tool").asText(), result);
        }
        assertThat(byTool).containsOnlyKeys("fio", "rados", "wrk", "pgbench");
        JsonNode pgbench = byTool.get("pgbench");
        assertThat(pgbench.path("target").asText()).isEqualTo("postgresql");
        assertThat(pgbench.path("toolVersion").asText()).startsWith("15.");
        assertThat(pgbench.path("summary").path("opsPerSecond").asDouble()).as("pgbench tps").isPositive();
        assertThat(pgbench.path("summary").path("errors").asInt()).isZero();
        assertThat(pgbench.path("raw").asText()).contains("number of transactions actually processed");

        Path out = Files.createTempDirectory("lab-run-report");
        ReportOutcome report = BenchmarkReport.write(new ReportOptions(results, out, List.of()), ReportListener.SILENT);
        assertThat(report.read().badFiles()).as("files the report could not read").isEmpty();
        assertThat(report.summary()).startsWith("4 runs of 4 benchmarks on 1 cluster");
        Map<String, BenchmarkResult> read = report.read().results().stream()
                .collect(Collectors.toMap(BenchmarkResult::benchmark, Function.identity()));
        String html = Files.readString(report.html());
        String markdown = Files.readString(report.markdown());
        for (JsonNode result : byTool.values()) {
            String benchmark = result.path("benchmark").asText();
            assertThat(read).containsKey(benchmark);
            // the report's number is the file's, not one of its own making
            assertThat(Metric.OPS.of(read.get(benchmark))).as(benchmark + " ops/s")
                    .isEqualTo(result.path("summary").path("opsPerSecond").asDouble());
            assertThat(html).as("the page names " + benchmark).contains(benchmark);
            assertThat(markdown).as("the summary has a row for " + benchmark).contains("| " + benchmark + " | labtest | 1 |");
        }
        assertThat(html).contains("<svg");
    }
}
