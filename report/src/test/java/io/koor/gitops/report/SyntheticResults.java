package io.koor.gitops.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A large directory of result files for the progress line and the benchmark (BENCHMARKS.md): the
 * fio fixtures repeated with their numbers scaled by a seeded random factor, 10 benchmark names, a
 * run a minute. Synthetic: it measures the report, not storage. {@code java ... SyntheticResults DIR N}.
 */
final class SyntheticResults {
    private SyntheticResults() {
    }

    static void write(Path dir, int files, boolean withRaw) throws IOException {
        List<ObjectNode> templates = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ResultParserTest.FIXTURES)) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                ObjectNode node = (ObjectNode) FioRun.JSON.readTree(p.toFile());
                if (!withRaw) {
                    node.remove("raw");
                }
                templates.add(node);
            }
        }
        Random random = new Random(42);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < files; i++) {
            ObjectNode r = templates.get(i % templates.size()).deepCopy();
            r.put("benchmark", r.get("benchmark").asText() + "-v" + (i / templates.size() % 5));
            Instant at = start.plusSeconds(60L * i);
            r.put("startedAt", at.toString());
            r.put("finishedAt", at.plusSeconds(1).toString());
            double factor = 0.8 + 0.4 * random.nextDouble();
            ObjectNode summary = (ObjectNode) r.get("summary");
            summary.put("throughputBytesPerSecond", summary.get("throughputBytesPerSecond").asDouble() * factor);
            summary.put("opsPerSecond", summary.get("opsPerSecond").asDouble() * factor);
            ObjectNode latency = (ObjectNode) summary.get("latencyMs");
            latency.fieldNames().forEachRemaining(f -> latency.put(f, latency.get(f).asDouble() / factor));
            Path file = dir.resolve(r.get("cluster").asText()).resolve(at.toString().substring(0, 10))
                    .resolve(String.format("%s-%06d.json", r.get("benchmark").asText(), i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, FioRun.JSON.writeValueAsString(r), StandardCharsets.UTF_8);
        }
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), Integer.parseInt(args[1]), true);
    }
}
