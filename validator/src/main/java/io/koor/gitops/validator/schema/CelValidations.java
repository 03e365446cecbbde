package io.koor.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates the CEL rules CRDs declare in {@code x-kubernetes-validations}, offline, the way the API
 * server would on create: each rule with {@code self} bound to the value at its place in the
 * object. Transition rules (those reading {@code oldSelf}) only apply to updates and are skipped. A
 * rule that uses a function only the API server has (Kubernetes' own CEL libraries) cannot be
 * evaluated here, which is said once per rule, not hidden.
 */
public final class CelValidations {
    public static final RuleDescriptor CEL = new RuleDescriptor("cel", Severity.ERROR, RuleDescriptor.Scope.OBJECT,
            "The object breaks a CEL rule (x-kubernetes-validations) of its CRD, so the API server refuses it.",
            "change the object so the CRD's rule holds; the finding quotes the rule");

    /** Built on first use: CEL loads protobuf and Guava, which trees without CRD rules never need. */
    private static final class Engine {
        static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings())
                .addVar("self", SimpleType.DYN)
                .build();
        static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
                .addLibraries(CelExtensions.strings())
                .build();
    }

    private final Map<String, Optional<CelRuntime.Program>> programs = new ConcurrentHashMap<>();
    private final Set<String> notEvaluable = ConcurrentHashMap.newKeySet();

    /** Rules that could not be compiled offline, each with the reason. */
    public Set<String> notEvaluable() {
        return notEvaluable;
    }

    /** Every violated rule of {@code schema} (and its sub-schemas) on {@code value}. */
    public List<Violation> check(JsonNode schema, JsonNode value, String resource, String file, int line) {
        List<Violation> out = new ArrayList<>();
        walk(schema, value, "", resource, file, line, out);
        return out;
    }

    private void walk(JsonNode schema, JsonNode value, String pointer, String resource, String file, int line,
                      List<Violation> out) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            evaluate(rule, value, pointer, resource, file, line, out);
        }
        if (value.isObject()) {
            schema.path("properties").fields().forEachRemaining(p ->
                    walk(p.getValue(), value.get(p.getKey()), pointer + "/" + p.getKey(), resource, file, line, out));
            JsonNode additional = schema.path("additionalProperties");
            if (additional.isObject()) {
                value.fields().forEachRemaining(f -> {
                    if (!schema.path("properties").has(f.getKey())) {
                        walk(additional, f.getValue(), pointer + "/" + f.getKey(), resource, file, line, out);
                    }
                });
            }
        } else if (value.isArray() && schema.path("items").isObject()) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.path("items"), value.get(i), pointer + "/" + i, resource, file, line, out);
            }
        }
    }

    private void evaluate(JsonNode rule, JsonNode value, String pointer, String resource, String file, int line,
                          List<Violation> out) {
        String text = rule.path("rule").asText("");
        if (text.isEmpty() || text.contains("oldSelf")) {
            return; // a transition rule: there is no old object when a manifest is first applied
        }
        Optional<CelRuntime.Program> program = programs.computeIfAbsent(text, this::compile);
        if (program.isEmpty()) {
            return;
        }
        String at = pointer + (rule.has("fieldPath") ? rule.path("fieldPath").asText().replace('.', '/') : "");
        String message = rule.path("message").asText("failed rule: " + shortened(text));
        try {
            Object result = program.get().eval(Map.of("self", toCel(value)));
            if (Boolean.FALSE.equals(result)) {
                out.add(CEL.violation(resource, file, line, at, message,
                        "the API server refuses this: the CRD's rule is " + shortened(text)));
            }
        } catch (CelEvaluationException e) {
            String reason = String.valueOf(e.getMessage()).split("\n")[0].replaceFirst("^evaluation error at <input>:\\d+: ", "");
            if (MISSING_FIELD.matcher(reason).find()) {
                // the value is defaulted as the API server defaults it: a field still absent is absent there too
                out.add(CEL.violation(resource, file, line, at, message + " (" + reason + ")",
                        "the API server refuses this too: set the field the CRD's rule reads (" + shortened(text) + ")"));
            } else {
                // values are untyped here (no OpenAPI types, no quantities or durations), so this says nothing
                out.add(CEL.violation(Severity.NOTE, resource, file, line, at, "not evaluated: the CRD's rule "
                        + shortened(text) + " needs types only the API server has (" + reason + ")",
                        "nothing to change; the API server evaluates the rule on apply"));
            }
        }
    }

    /** A field the rule reads is absent: the one evaluation failure that is the object's, not this evaluator's. */
    private static final Pattern MISSING_FIELD = Pattern.compile("key '[^']*' is not present in map|no such key");
    /** Long rules (Gateway API's run to a thousand characters) are quoted by their start. */
    private static final int QUOTED_RULE = 120;

    static String shortened(String rule) {
        String flat = rule.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() <= QUOTED_RULE ? flat : flat.substring(0, QUOTED_RULE) + "…") + "'";
    }

    private Optional<CelRuntime.Program> compile(String text) {
        try {
            CelAbstractSyntaxTree ast = Engine.COMPILER.compile(text).getAst();
            return Optional.of(Engine.RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            notEvaluable.add("CEL rule " + shortened(text) + " (" + e.getMessage().split("\n")[0] + ")");
            return Optional.empty();
        }
    }

    /** JSON as CEL values: maps, lists, int64, double, string, bool. */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), toCel(e.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toCel(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
