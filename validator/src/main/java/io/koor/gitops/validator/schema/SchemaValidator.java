package io.koor.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.ValidationMessage;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.FluxVariables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates Kubernetes objects against the JSON Schemas of their kinds. */
public final class SchemaValidator {
    public static final RuleDescriptor SCHEMA = new RuleDescriptor("schema", Severity.ERROR, RuleDescriptor.Scope.OBJECT,
            "The object does not match the JSON Schema of its kind.",
            "change the field to what the schema allows; the finding names the field and the schema file");
    public static final RuleDescriptor UNUSABLE = new RuleDescriptor("schema-unusable", Severity.ERROR,
            RuleDescriptor.Scope.OBJECT,
            "The schema of the object's kind is itself not a valid JSON Schema, so the object could not be checked.",
            "fix the CRD's openAPIV3Schema (or the schema file) the finding names");
    public static final RuleDescriptor MISSING = new RuleDescriptor("schema-missing", Severity.NOTE, RuleDescriptor.Scope.OBJECT,
            "No schema location has a schema for the object's kind (an error with missing schemas set to fail).",
            "add a schema location that has it (for CRDs, the CRDs-catalog layout), or put the CRD in the tree");

    /** What to do with a kind no location has a schema for. */
    public enum MissingSchemaPolicy {
        SKIP, FAIL;

        public static MissingSchemaPolicy parse(String value) {
            for (MissingSchemaPolicy p : values()) {
                if (p.name().equalsIgnoreCase(String.valueOf(value).strip())) {
                    return p;
                }
            }
            throw new io.koor.gitops.model.ConfigurationException("missingSchemas", value, "use skip or fail");
        }
    }

    private static final String SOPS = "sops";
    private final SchemaRegistry registry;
    private final MissingSchemaPolicy missing;
    private final CelValidations cel = new CelValidations();

    public SchemaValidator(SchemaRegistry registry, MissingSchemaPolicy missing) {
        this.registry = registry;
        this.missing = missing;
    }

    private static Violation unusable(SchemaRegistry.Found found, String why, String resource, String file, int line) {
        return UNUSABLE.violation(resource, file, line, "", "the schema " + found.source() + " cannot be used: " + why,
                "fix that schema; the object was not checked against it");
    }

    /** @param line the line the object starts at in {@code file} */
    public List<Violation> validate(JsonNode object, String file, int line) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String resource = describe(object);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of(SCHEMA.violation(resource, file, line, "",
                    "the object has no apiVersion or kind", "every Kubernetes object needs both"));
        }
        // They name the schema file: the registry looks nothing up for other names; say why here.
        if (!SchemaRegistry.validApiVersion(apiVersion)) {
            return List.of(SCHEMA.violation(resource, file, line, "/apiVersion",
                    "apiVersion '" + apiVersion + "' is not a Kubernetes group/version", "write e.g. v1 or apps/v1"));
        }
        if (!SchemaRegistry.validKind(kind)) {
            return List.of(SCHEMA.violation(resource, file, line, "/kind",
                    "kind '" + kind + "' is not a Kubernetes kind name", "write e.g. Deployment: letters and digits,"
                            + " starting with a letter"));
        }
        Optional<SchemaRegistry.Found> found = registry.find(apiVersion, kind);
        if (found.isEmpty()) {
            String where = registry.locations().stream().map(SchemaLocation::template).collect(Collectors.joining(", "));
            return List.of(MISSING.violation(missing == MissingSchemaPolicy.FAIL ? Severity.ERROR : Severity.NOTE,
                    resource, file, line, "", "no schema for " + apiVersion + " " + kind + " in " + where,
                    registry.offlineWithRemoteLocations()
                            ? "offline, and the schema cache does not have it: run once online to fill the cache"
                            : "add a schema location that has it, or allow missing schemas"));
        }
        // The API server treats null as absent; so does this check. SOPS's metadata is no field of the
        // kind: decryption removes it before apply (Flux validates with --skip-json-path=/sops).
        JsonNode cleaned = object;
        if (object.has(SOPS) || hasNull(object)) {
            ObjectNode copy = object.deepCopy();
            copy.remove(SOPS);
            cleaned = withoutNulls(copy);
        }
        if (found.get().unusable() != null) {
            return List.of(unusable(found.get(), found.get().unusable(), resource, file, line));
        }
        Set<ValidationMessage> messages;
        try {
            messages = found.get().schema().validate(cleaned);
        } catch (JsonSchemaException e) {
            // networknt compiles sub-schemas as it meets them: a broken CRD schema shows only here
            return List.of(unusable(found.get(), e.getMessage(), resource, file, line));
        }
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String pointer = m.getInstanceLocation().toString().replaceFirst("^\\$", "")
                    .replaceAll("\\.([^.\\[]+)", "/$1").replaceAll("\\[(\\d+)]", "/$1");
            // the location is in the pointer; networknt also puts it in front of the message
            String message = m.getMessage().replaceFirst("^(\\$|/)[^:\\s]*: ", "");
            String schemaFile = "see " + found.get().source().substring(found.get().source().lastIndexOf('/') + 1);
            JsonNode value = pointer.isEmpty() ? cleaned : cleaned.at(pointer);
            if (object.has(SOPS) && value.isTextual() && value.asText().startsWith("ENC[")) {
                continue; // SOPS encrypted this value: decryption restores its type before apply
            }
            if (value.isTextual() && FluxVariables.holdsOne(value.asText())) {
                // kustomize-controller substitutes ${VAR} (postBuild) before apply; the value is judged then
                violations.add(SCHEMA.violation(Severity.NOTE, resource, file, line, pointer, message + " (it holds a"
                        + " Flux variable, substituted before apply, so it is not judged here)", schemaFile));
                continue;
            }
            violations.add(SCHEMA.violation(resource, file, line, pointer, message, schemaFile));
        }
        if (found.get().celRules() != null && messages.isEmpty()) {
            // CEL rules assume a value of the declared shape, as the API server checks them only after the schema
            // and on the value the API server has by then: the schema's defaults applied
            violations.addAll(cel.check(found.get().celRules(),
                    StructuralDefaults.applied(found.get().celRules(), cleaned), resource, file, line));
        }
        violations.sort(java.util.Comparator.comparing(Violation::jsonPointer).thenComparing(Violation::message));
        return violations;
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /** CEL rules that could not be evaluated offline, for the report's notes. */
    public java.util.Set<String> celNotEvaluable() {
        return cel.notEvaluable();
    }

    static String describe(JsonNode object) {
        JsonNode meta = object.path("metadata");
        String ns = meta.path("namespace").asText("");
        return object.path("kind").asText("?") + "/" + (ns.isEmpty() ? "" : ns + "/") + meta.path("name").asText("?");
    }

    private static boolean hasNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasNull(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    it.remove();
                } else {
                    withoutNulls(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SchemaValidator::withoutNulls);
        }
        return node;
    }
}
