package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object as found in a file of the tree, with the line its document starts at and,
 * when it was read from YAML, the lines of its nodes (null for objects made in memory: findings on
 * them stay on the object's line).
 */
public record SourceObject(String file, int line, ObjectNode node, NodeLines lines) {

    public SourceObject(String file, int line, ObjectNode node) {
        this(file, line, node, null);
    }

    /** The line of a JSON pointer into this object, or of its closest present parent; the object's line if unknown. */
    public int lineOf(String pointer) {
        return lines == null ? line : lines.lineOf(node, pointer, line);
    }

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
        return new SourceObject(file, line, identityNode());
    }

    /** The identity, still knowing the lines of these pointers (those of the object's findings). */
    public SourceObject identity(java.util.Collection<String> pointers) {
        if (lines == null || pointers.isEmpty()) {
            return identity();
        }
        java.util.Map<String, Integer> placed = new java.util.HashMap<>();
        pointers.forEach(p -> placed.put(p, lineOf(p)));
        return new SourceObject(file, line, identityNode(), NodeLines.placed(placed));
    }

    private ObjectNode identityNode() {
        ObjectNode kept = node.objectNode();
        for (String field : new String[] {"apiVersion", "kind", "metadata"}) {
            if (node.has(field)) {
                kept.set(field, node.get(field));
            }
        }
        return kept;
    }

    /** {@code Kind/namespace/name} (or {@code Kind/name}), the way findings name objects. */
    public String id() {
        return kind() + "/" + (namespace().isEmpty() ? "" : namespace() + "/") + name();
    }
}
