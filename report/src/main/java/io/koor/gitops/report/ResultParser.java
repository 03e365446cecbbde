package io.koor.gitops.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Reads one result file of {@value BenchmarkResult#SCHEMA}. Every field is checked and every problem
 * of a file is reported at once. The field sets are closed: an unknown field (a typo such as
 * {@code latencyMS}) would otherwise lose its numbers silently, and a new field is a new schema version.
 * Thread-safe: a directory is read in parallel.
 */
final class ResultParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP = Set.of("schema", "benchmark", "tool", "toolVersion", "target", "cluster",
            "cephVersion", "startedAt", "finishedAt", "parameters", "summary", "raw");
    private static final Set<String> SUMMARY = Set.of("throughputBytesPerSecond", "opsPerSecond", "latencyMs", "errors");

    /** The same names, versions and parameters repeat in every file: one copy of each string is kept. */
    private final Map<String, String> strings = new ConcurrentHashMap<>();

    /** A file that is not a benchmark result; the message says what is wrong. */
    static final class BadResultException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        BadResultException(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    BenchmarkResult parse(String file, byte[] content) throws BadResultException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadResultException("not JSON: " + e.getOriginalMessage(), at == null ? 0 : Math.max(1, at.getLineNr()),
                    at == null ? 0 : Math.max(1, at.getColumnNr()));
        } catch (java.io.IOException e) {
            throw new BadResultException("not JSON: " + e.getMessage(), 0, 0);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadResultException("empty file: expected a JSON object with \"schema\": \"" + BenchmarkResult.SCHEMA
                    + "\"", 0, 0);
        }
        if (!root.isObject()) {
            throw new BadResultException("not a benchmark result: the file holds a JSON " + type(root)
                    + ", expected an object with \"schema\": \"" + BenchmarkResult.SCHEMA + "\"", 0, 0);
        }
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new BadResultException("not a benchmark result: no \"schema\" string (expected \"" + BenchmarkResult.SCHEMA
                    + "\")", 0, 0);
        }
        if (!schema.asText().equals(BenchmarkResult.SCHEMA)) {
            throw new BadResultException("schema is " + quote(schema.asText()) + "; this report reads \""
                    + BenchmarkResult.SCHEMA + "\"", 0, 0);
        }
        Fields f = new Fields(strings::computeIfAbsent);
        f.unknown("", root, TOP);
        String benchmark = f.name(root, "benchmark");
        String tool = f.name(root, "tool");
        String cluster = f.name(root, "cluster");
        String toolVersion = f.optionalString(root, "toolVersion");
        String target = f.optionalString(root, "target");
        String cephVersion = f.optionalString(root, "cephVersion");
        f.optionalString(root, "raw"); // checked, not kept
        Instant started = f.instant(root, "startedAt");
        Instant finished = f.instant(root, "finishedAt");
        if (started != null && finished != null && finished.isBefore(started)) {
            f.problems.add("finishedAt " + finished + " is before startedAt " + started);
        }
        SortedMap<String, String> parameters = f.parameters(root.get("parameters"));
        Summary summary = f.summary(root.get("summary"));
        if (!f.problems.isEmpty()) {
            throw new BadResultException("not a valid benchmark result: " + String.join("; ", f.problems), 0, 0);
        }
        return new BenchmarkResult(file, benchmark, tool, toolVersion, target, cluster, cephVersion, started, finished,
                parameters, summary);
    }

    /** A value from an untrusted file, quoted for a message: control characters escaped, long ones cut. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 80 ? "...\"" : "\"").toString();
    }

    private static String type(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The checks of one file; problems collect, so a file's every mistake is named at once. */
    private static final class Fields {
        final List<String> problems = new ArrayList<>();
        private final java.util.function.BiFunction<String, java.util.function.Function<String, String>, String> intern;

        Fields(java.util.function.BiFunction<String, java.util.function.Function<String, String>, String> intern) {
            this.intern = intern;
        }

        private String keep(String s) {
            return intern.apply(s, UnaryOperator.identity());
        }

        void unknown(String prefix, JsonNode object, Set<String> known) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!known.contains(name)) {
                    problems.add("unknown field " + quote(prefix + name) + " (" + (prefix.isEmpty() ? "v1" : prefix.replaceAll("\\.$", ""))
                            + " has " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        String name(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                problems.add(field + " is missing");
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                problems.add(field + " is " + shown(node) + ": expected a non-empty string");
                return null;
            }
            return keep(node.asText());
        }

        String optionalString(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                problems.add(field + " is " + shown(node) + ": expected a string or null");
                return null;
            }
            return field.equals("raw") ? null : keep(node.asText());
        }

        Instant instant(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                problems.add(field + " is missing: expected a time such as 2026-12-02T18:00:00Z");
                return null;
            }
            try {
                if (node.isTextual()) {
                    return OffsetDateTime.parse(node.asText()).toInstant();
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            problems.add(field + " is " + shown(node) + ": expected an ISO-8601 time with an offset, such as 2026-12-02T18:00:00Z");
            return null;
        }

        SortedMap<String, String> parameters(JsonNode node) {
            SortedMap<String, String> parameters = new TreeMap<>();
            if (node == null || node.isNull()) {
                return parameters;
            }
            if (!node.isObject()) {
                problems.add("parameters is " + shown(node) + ": expected an object of names to strings, numbers or booleans");
                return parameters;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    parameters.put(keep(e.getKey()), keep(value.asText()));
                } else {
                    problems.add("parameters." + e.getKey() + " is " + shown(value) + ": expected a string, number or boolean");
                }
            }
            return parameters;
        }

        Summary summary(JsonNode node) {
            if (node == null || node.isNull()) {
                problems.add("summary is missing: expected an object (its fields may be null)");
                return null;
            }
            if (!node.isObject()) {
                problems.add("summary is " + shown(node) + ": expected an object (its fields may be null)");
                return null;
            }
            unknown("summary.", node, SUMMARY);
            Double throughput = number(node, "summary.", "throughputBytesPerSecond");
            Double ops = number(node, "summary.", "opsPerSecond");
            Latency latency = latency(node.get("latencyMs"));
            Long errors = null;
            JsonNode e = node.get("errors");
            if (e != null && !e.isNull()) {
                if (e.canConvertToExactIntegral() && e.asLong() >= 0) {
                    errors = e.asLong();
                } else {
                    problems.add("summary.errors is " + shown(e) + ": expected a whole number, 0 or more, or null");
                }
            }
            return new Summary(throughput, ops, latency, errors);
        }

        private Latency latency(JsonNode node) {
            if (node == null || node.isNull()) {
                return Latency.NONE;
            }
            if (!node.isObject()) {
                problems.add("summary.latencyMs is " + shown(node) + ": expected an object of p50, p90, p99, p999, max or null");
                return Latency.NONE;
            }
            unknown("summary.latencyMs.", node, Set.copyOf(Latency.LABELS));
            List<Double> values = new ArrayList<>();
            for (String label : Latency.LABELS) {
                values.add(number(node, "summary.latencyMs.", label));
            }
            // Percentiles of one set of samples cannot decrease: if they do, the file is wrong.
            String previous = null;
            Double last = null;
            for (int i = 0; i < values.size(); i++) {
                Double v = values.get(i);
                if (v == null) {
                    continue;
                }
                if (last != null && v < last) {
                    problems.add("summary.latencyMs." + Latency.LABELS.get(i) + " " + v + " is below " + previous + " " + last
                            + ": percentiles never decrease from p50 to max");
                }
                previous = Latency.LABELS.get(i);
                last = v;
            }
            return Latency.of(values);
        }

        private Double number(JsonNode object, String prefix, String field) {
            JsonNode node = object.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
                problems.add(prefix + field + " is " + shown(node) + ": expected a number, 0 or more, or null");
                return null;
            }
            return node.asDouble();
        }

        private static String shown(JsonNode node) {
            return node.isTextual() ? quote(node.asText()) : node.isContainerNode() ? "an " + (node.isArray() ? "array" : "object")
                    : node.toString();
        }
    }
}
