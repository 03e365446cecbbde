package io.koor.gitops.generator.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one serializer for generated YAML. Output is a pure function of the objects: the keys a
 * reader looks for first ({@code apiVersion, kind, metadata, spec}) lead, labels and annotations
 * are sorted, strings are quoted only where YAML needs it, lines are never folded, LF only.
 */
public final class ManifestYaml {
    private static final List<String> TOP_ORDER = List.of("apiVersion", "kind", "metadata", "spec");
    private static final List<String> METADATA_ORDER = List.of("name", "namespace", "labels", "annotations");

    private static final ObjectMapper TREE = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            // "key:" with no value is null in YAML (and to the API server), not an empty string.
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build());

    private ManifestYaml() {
    }

    /** The object as a JSON tree in canonical key order (what is validated and what is written). */
    public static ObjectNode toTree(Object object) {
        JsonNode node = TREE.valueToTree(object);
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("a manifest must be an object, got " + node.getNodeType());
        }
        return canonical(obj);
    }

    /** Documents separated by {@code ---}, each preceded by the header comment lines. */
    public static String write(String header, List<?> objects) {
        StringBuilder out = new StringBuilder();
        for (String line : header.split("\n")) {
            out.append("# ").append(line).append('\n');
        }
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                out.append("---\n");
            }
            out.append(dump(toTree(objects.get(i))));
        }
        return out.toString();
    }

    static String dump(JsonNode node) {
        try {
            return YAML.writeValueAsString(node).replace("\r\n", "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode canonical(ObjectNode node) {
        ObjectNode ordered = reorder(node, TOP_ORDER);
        if (ordered.get("metadata") instanceof ObjectNode metadata) {
            ObjectNode meta = reorder(metadata, METADATA_ORDER);
            for (String sorted : List.of("labels", "annotations")) {
                if (meta.get(sorted) instanceof ObjectNode map) {
                    meta.set(sorted, sortKeys(map));
                }
            }
            ordered.set("metadata", meta);
        }
        return ordered;
    }

    private static ObjectNode reorder(ObjectNode node, List<String> leading) {
        ObjectNode out = TREE.createObjectNode();
        for (String key : leading) {
            if (node.has(key) && !node.get(key).isNull()) {
                out.set(key, node.get(key));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!leading.contains(e.getKey()) && !e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static ObjectNode sortKeys(ObjectNode map) {
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        ObjectNode out = TREE.createObjectNode();
        sorted.forEach(out::set);
        return out;
    }

    /** Parses every document of a YAML text; used to read generated files back in checks. */
    public static List<JsonNode> readAll(String yaml) {
        try (var parser = YAML.getFactory().createParser(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
