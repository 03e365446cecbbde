package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Kubernetes object as found in a file of the tree, with the line its document starts at. */
public record SourceObject(String file, int line, ObjectNode node) {

    public String apiVersion() {
        return node.path("apiVersion").asText("");
    }

    public String kind() {
        return node.path("kind").asText("");
    }

    /** The API group, empty for the core group. */
    public String group() {
        String v = apiVersion();
        return v.contains("/") ? v.substring(0, v.indexOf('/')) : "";
    }

    public String name() {
        return node.path("metadata").path("name").asText("");
    }

    public String namespace() {
        return node.path("metadata").path("namespace").asText("");
    }

    public JsonNode spec() {
        return node.path("spec");
    }

    public String annotation(String key) {
        JsonNode value = node.path("metadata").path("annotations").path(key);
        return value.isTextual() ? value.asText() : null;
    }

    /**
     * The same object with only apiVersion, kind and metadata: what a report needs of an object
     * (its name, suppression annotations) once its checks are done.
     */
    public SourceObject identity() {
        ObjectNode kept = node.objectNode();
        for (String field : new String[] {"apiVersion", "kind", "metadata"}) {
            if (node.has(field)) {
                kept.set(field, node.get(field));
            }
        }
        return new SourceObject(file, line, kept);
    }

    /** {@code Kind/namespace/name} (or {@code Kind/name}), the way findings name objects. */
    public String id() {
        return kind() + "/" + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }
}
