package io.koor.gitops.validator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The whole report as JSON, for scripts. */
final class JsonReport {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static ObjectNode violation(Violation v) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rule", v.ruleId());
        node.put("severity", v.severity().name().toLowerCase(Locale.ROOT));
        node.put("resource", v.resource());
        node.put("file", v.file());
        node.put("line", v.line());
        node.put("pointer", v.jsonPointer());
        node.put("message", v.message());
        node.put("hint", v.hint());
        return node;
    }

    static String render(ValidationReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("root", report.root());
        ObjectNode summary = root.putObject("summary");
        summary.put("files", report.files());
        summary.put("objects", report.objects());
        summary.put("passed", report.objects() - report.failedObjects());
        summary.put("failed", report.failedObjects());
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("notes", report.count(Severity.NOTE));
        summary.put("suppressed", report.suppressed().size());
        ArrayNode violations = root.putArray("violations");
        report.violations().forEach(v -> violations.add(violation(v)));
        ArrayNode suppressed = root.putArray("suppressed");
        report.suppressed().forEach(s -> suppressed.add(violation(s.violation()).put("reason", s.reason())));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
