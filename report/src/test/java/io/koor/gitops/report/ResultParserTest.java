package io.koor.gitops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultParserTest {
    static final Path FIXTURES = Path.of("src/test/resources/io/koor/gitops/report/results");
    private final ResultParser parser = new ResultParser();

    /** A real fio result from the fixtures, to change one thing in. */
    static ObjectNode fixture() throws Exception {
        return (ObjectNode) FioRun.JSON.readTree(FIXTURES.resolve("demo/fio-randwrite-4k-1.json").toFile());
    }

    private BenchmarkResult parse(ObjectNode node) throws Exception {
        return parser.parse("x.json", FioRun.JSON.writeValueAsBytes(node));
    }

    private ResultParser.BadResultException refused(String content) {
        try {
            parser.parse("x.json", content.getBytes(StandardCharsets.UTF_8));
        } catch (ResultParser.BadResultException e) {
            return e;
        }
        throw new AssertionError("accepted: " + content);
    }

    private String refused(ObjectNode node) throws Exception {
        return refused(FioRun.JSON.writeValueAsString(node)).getMessage();
    }

    @Test
    void readsEveryFieldOfARealFioResult() throws Exception {
        BenchmarkResult r = parser.parse("demo/fio-randwrite-4k-1.json",
                Files.readAllBytes(FIXTURES.resolve("demo/fio-randwrite-4k-1.json")));
        var raw = FioRun.JSON.readTree(FIXTURES.resolve("demo/fio-randwrite-4k-1.json").toFile());
        assertThat(r.benchmark()).isEqualTo("fio-randwrite-4k");
        assertThat(r.tool()).isEqualTo("fio");
        assertThat(r.toolVersion()).isEqualTo("3.33");
        assertThat(r.cluster()).isEqualTo("demo");
        assertThat(r.cephVersion()).isNull();
        assertThat(r.startedAt()).isEqualTo(Instant.parse(raw.path("startedAt").asText()));
        assertThat(r.parameters()).containsEntry("bs", "4k").containsEntry("iodepth", "16").doesNotContainKey("filename");
        assertThat(r.summary().opsPerSecond()).isEqualTo(raw.at("/summary/opsPerSecond").asDouble());
        assertThat(r.summary().latencyMs().values()).containsExactly(raw.at("/summary/latencyMs/p50").asDouble(),
                raw.at("/summary/latencyMs/p90").asDouble(), raw.at("/summary/latencyMs/p99").asDouble(),
                raw.at("/summary/latencyMs/p999").asDouble(), raw.at("/summary/latencyMs/max").asDouble());
        assertThat(r.summary().errors()).isZero();
    }

    @Test
    void summaryFieldsMayBeNullOrAbsent() throws Exception {
        ObjectNode node = fixture();
        ObjectNode summary = (ObjectNode) node.get("summary");
        summary.putNull("throughputBytesPerSecond");
        summary.remove("opsPerSecond");
        summary.putNull("errors");
        ((ObjectNode) summary.get("latencyMs")).putNull("p90");
        ((ObjectNode) summary.get("latencyMs")).remove("p999");
        Summary s = parse(node).summary();
        assertThat(s.throughputBytesPerSecond()).isNull();
        assertThat(s.opsPerSecond()).isNull();
        assertThat(s.errors()).isNull();
        assertThat(s.latencyMs().p90()).isNull();
        assertThat(s.latencyMs().p999()).isNull();
        assertThat(s.latencyMs().p99()).isNotNull();
        summary.putNull("latencyMs");
        assertThat(parse(node).summary().latencyMs()).isEqualTo(Latency.NONE);
    }

    @Test
    void percentilesThatDecreaseAreRefused() throws Exception {
        ObjectNode node = fixture();
        ObjectNode latency = (ObjectNode) node.at("/summary/latencyMs");
        latency.put("p99", latency.get("p90").asDouble() / 2);
        assertThat(refused(node)).contains("summary.latencyMs.p99 ").contains(" is below p90 ")
                .contains("percentiles never decrease from p50 to max");
        // a gap (null p99) is compared with the last one present
        latency.putNull("p99");
        latency.put("p999", latency.get("p50").asDouble() / 2);
        assertThat(refused(node)).contains("summary.latencyMs.p999").contains("below p90");
    }

    @Test
    void aSyntaxErrorNamesItsLineAndColumn() {
        ResultParser.BadResultException e = refused("{\n  \"schema\": \"gitops.koor.io/benchmark-result/v1\",\n  \"tool\" \"fio\"\n}");
        assertThat(e.line).isEqualTo(3);
        assertThat(e.column).isEqualTo(10);
        assertThat(e.getMessage()).startsWith("not JSON: Unexpected character").contains("expecting a colon");
        ResultParser.BadResultException truncated = refused("{\"schema\": \"gitops.koor.io/benchmark-result/v1\",\n\"summary\": {");
        assertThat(truncated.line).isEqualTo(2);
        assertThat(truncated.getMessage()).contains("end-of-input");
        assertThat(refused("{} {}").getMessage()).contains("Trailing token");
        assertThat(refused("{\"schema\": 1, \"schema\": 2}").getMessage()).contains("Duplicate field 'schema'");
    }

    @Test
    void otherJsonIsNotAResult() throws Exception {
        assertThat(refused("").getMessage()).startsWith("empty file");
        assertThat(refused("[1, 2]").getMessage()).contains("holds a JSON array, expected an object with \"schema\"");
        // fio's own output given instead of a result made from it
        String fioOutput = fixture().get("raw").asText();
        assertThat(refused(fioOutput).getMessage()).isEqualTo("not a benchmark result: no \"schema\" string (expected \""
                + BenchmarkResult.SCHEMA + "\")");
        ObjectNode v2 = fixture().put("schema", "gitops.koor.io/benchmark-result/v2");
        assertThat(refused(v2)).isEqualTo("schema is \"gitops.koor.io/benchmark-result/v2\"; this report reads \""
                + BenchmarkResult.SCHEMA + "\"");
    }

    @Test
    void everyProblemOfAFileIsNamedAtOnce() throws Exception {
        ObjectNode node = fixture();
        node.remove("cluster");
        node.put("benchmark", " ");
        node.put("startedAt", "yesterday");
        node.put("finishedAt", "2026-12-02T19:00:00+01:00"); // 18:00Z: before the fixture's start
        node.putObject("parameters").putArray("bs");
        ObjectNode summary = (ObjectNode) node.get("summary");
        summary.put("opsPerSecond", "fast");
        summary.put("errors", 1.5);
        summary.put("throughputBytesPerSecond", -1);
        ((ObjectNode) summary.get("latencyMs")).put("p95", 1.0);
        node.put("latencyMS", 2);
        String message = refused(node);
        assertThat(message).startsWith("not a valid benchmark result: ")
                .contains("cluster is missing")
                .contains("benchmark is \" \": expected a non-empty string")
                .contains("startedAt is \"yesterday\": expected an ISO-8601 time")
                .contains("parameters.bs is an array: expected a string, number or boolean")
                .contains("summary.opsPerSecond is \"fast\": expected a number")
                .contains("summary.errors is 1.5: expected a whole number")
                .contains("summary.throughputBytesPerSecond is -1")
                .contains("unknown field \"summary.latencyMs.p95\" (summary.latencyMs has max, p50, p90, p99, p999)")
                .contains("unknown field \"latencyMS\" (v1 has ");
        ObjectNode early = fixture().put("finishedAt", "2026-12-02T19:00:00+01:00");
        assertThat(refused(early)).contains("finishedAt 2026-12-02T18:00:00Z is before startedAt");
    }

    @Test
    void untrustedValuesAreQuotedWithTheirControlCharactersEscaped() {
        assertThat(ResultParser.quote("a\u001b[31mred\"")).isEqualTo("\"a\\u001b[31mred\\u0022\"");
        assertThat(ResultParser.quote("x".repeat(100))).hasSize(80 + 5).endsWith("...\"");
    }

    @Test
    void aNullSummaryIsRefusedButEmptyIsAFailedRun() throws Exception {
        ObjectNode node = fixture();
        node.putNull("summary");
        assertThat(refused(node)).contains("summary is missing");
        node.putObject("summary");
        Summary s = parse(node).summary();
        assertThat(s.throughputBytesPerSecond()).isNull();
        assertThat(s.latencyMs()).isEqualTo(Latency.NONE);
    }

    @Test
    void parametersKeepTheirTextAndOrder() throws Exception {
        ObjectNode node = fixture();
        node.putObject("parameters").put("z", 16).put("a", true).put("m", "4k");
        assertThat(parse(node).parameters()).containsExactly(java.util.Map.entry("a", "true"), java.util.Map.entry("m", "4k"),
                java.util.Map.entry("z", "16"));
        node.putNull("parameters");
        assertThat(parse(node).parameters()).isEmpty();
        assertThatThrownBy(() -> parse(node.put("parameters", "bs=4k"))).hasMessageContaining("parameters is \"bs=4k\"");
    }
}
