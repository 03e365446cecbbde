package io.koor.gitops.validator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.io.UncheckedIOException;
import java.util.Locale;


/**
 * SARIF 2.1.0 for code scanning: each finding annotates its file and line on the pull request.
 * Accepted findings are kept, marked as suppressed with their justification.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static String level(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    static String render(ValidationReport report) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "demo-gitops");
        ArrayNode rules = driver.putArray("rules");
        report.rules().values().stream().sorted(java.util.Comparator.comparing(RuleDescriptor::id)).forEach(r -> {
            ObjectNode rule = rules.addObject();
            rule.put("id", r.id());
            rule.putObject("shortDescription").put("text", r.doc());
            rule.putObject("help").put("text", r.hint());
            rule.putObject("defaultConfiguration").put("level", level(r.severity()));
        });
        ArrayNode results = run.putArray("results");
        report.violations().forEach(v -> results.add(result(v)));
        report.suppressed().forEach(s -> {
            ObjectNode result = result(s.violation());
            ObjectNode suppression = result.putArray("suppressions").addObject();
            suppression.put("kind", "inSource");
            suppression.put("justification", s.reason());
            results.add(result);
        });
        try {
            return JsonReport.MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode result(Violation v) {
        ObjectNode result = JsonReport.MAPPER.createObjectNode();
        result.put("ruleId", v.ruleId());
        result.put("level", level(v.severity()));
        result.putObject("message").put("text", v.resource() + (v.jsonPointer().isEmpty() ? "" : " " + v.jsonPointer())
                + ": " + v.message() + (v.hint().isEmpty() ? "" : " Fix: " + v.hint()));
        if (!v.file().isEmpty()) {
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", v.file().replace(" (built)", ""));
            if (v.line() > 0) {
                physical.putObject("region").put("startLine", v.line());
            }
        }
        return result;
    }
}
