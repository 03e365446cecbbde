package io.koor.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;

/**
 * The {@code default}s of a structural schema applied to a value, as the API server applies them
 * when it decodes a custom resource, before any validation (apiextensions-apiserver's
 * pkg/apiserver/schema/defaulting: absent properties get their default, then every property,
 * defaulted ones included, and every item and additional property is defaulted in turn).
 */
final class StructuralDefaults {
    private StructuralDefaults() {
    }

    /** A defaulted copy; the value itself is left as it is (findings point into the file as written). */
    static JsonNode applied(JsonNode schema, JsonNode value) {
        JsonNode copy = value.deepCopy();
        apply(schema, copy);
        return copy;
    }

    private static void apply(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            properties.fields().forEachRemaining(p -> {
                JsonNode fallback = p.getValue().get("default");
                if (fallback != null && !fallback.isNull() && (!object.has(p.getKey()) || object.get(p.getKey()).isNull()
                        && !p.getValue().path("nullable").asBoolean(false))) {
                    object.set(p.getKey(), fallback.deepCopy());
                }
            });
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : new ArrayList<>(object.properties())) {
                JsonNode sub = properties.has(field.getKey()) ? properties.get(field.getKey())
                        : additional.isObject() ? additional : null;
                if (sub != null) {
                    apply(sub, field.getValue());
                }
            }
        } else if (value instanceof ArrayNode array && schema.path("items").isObject()) {
            array.forEach(item -> apply(schema.path("items"), item));
        }
    }
}
