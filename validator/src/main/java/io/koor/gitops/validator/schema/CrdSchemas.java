package io.koor.gitops.validator.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON Schemas derived from the CustomResourceDefinitions in a tree, so a repository that ships its
 * own CRDs validates its custom resources without a schema catalogue. As kubeconform's converter
 * does in strict mode, objects that declare properties refuse unknown ones unless the CRD says
 * {@code x-kubernetes-preserve-unknown-fields}. The CRD's CEL rules come along.
 */
public final class CrdSchemas {
    /** One served version of a CRD as a schema: the apiVersion and kind it validates, and where it came from. */
    public record Derived(String apiVersion, String kind, JsonNode schema, String source) {
    }

    private CrdSchemas() {
    }

    public static List<Derived> from(JsonNode crd, String source, boolean strict) {
        List<Derived> out = new ArrayList<>();
        String group = crd.path("spec").path("group").asText("");
        String kind = crd.path("spec").path("names").path("kind").asText("");
        if (group.isEmpty() || kind.isEmpty()) {
            return out;
        }
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            if (!schema.isObject()) {
                continue;
            }
            ObjectNode copy = schema.deepCopy();
            withTypeAndObjectMeta(copy);
            if (strict) {
                closeObjects(copy);
            }
            out.add(new Derived(group + "/" + version.path("name").asText(), kind, copy, source));
        }
        return out;
    }

    /**
     * Every custom resource has apiVersion, kind and metadata whether its schema names them or not:
     * the API server validates metadata as ObjectMeta (a CRD's schema may only narrow name and
     * generateName), so it is never closed here.
     */
    private static void withTypeAndObjectMeta(ObjectNode root) {
        if (root.has("properties") && !root.get("properties").isObject()) {
            return; // not a schema: the registry says why when it compiles it
        }
        ObjectNode properties = root.withObject("/properties");
        for (String field : new String[] {"apiVersion", "kind"}) {
            if (!properties.has(field)) {
                properties.putObject(field).put("type", "string");
            }
        }
        if (!properties.has("metadata")) {
            properties.putObject("metadata").put("type", "object");
        }
        if (properties.get("metadata") instanceof ObjectNode metadata) {
            metadata.put("x-kubernetes-preserve-unknown-fields", true);
        }
    }

    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            if (obj.has("properties") && !obj.has("additionalProperties")
                    && !obj.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                obj.put("additionalProperties", false);
            }
            obj.path("properties").forEach(CrdSchemas::closeObjects);
            closeObjects(obj.path("items"));
            if (obj.path("additionalProperties").isObject()) {
                closeObjects(obj.path("additionalProperties"));
            }
        }
    }
}
