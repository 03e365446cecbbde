package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds parsed trees that share their keys and short values. Manifests repeat a few hundred keys
 * ({@code name}, {@code image}, {@code containerPort}) and many values ({@code TCP}, label values,
 * image names), and every tree is kept until the rules have run: a JFR histogram of 47.5 MB of
 * realistic manifests showed 3.76 million strings live, most of them duplicates. SnakeYAML makes a
 * new string per scalar; this factory keeps one. Bounded, so that a tree of unique strings only
 * fills the tables once and then parses as before.
 */
final class SharedStrings extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    private static final int MAX_ENTRIES = 1 << 17;
    /** Longer values are rarely repeated (descriptions, certificates, ConfigMap files). */
    private static final int MAX_VALUE_LENGTH = 64;

    static final SharedStrings INSTANCE = new SharedStrings();

    private final transient ConcurrentHashMap<String, String> keys = new ConcurrentHashMap<>();
    private final transient ConcurrentHashMap<String, TextNode> values = new ConcurrentHashMap<>();

    private SharedStrings() {
        super(false);
    }

    String key(String name) {
        String shared = keys.get(name);
        if (shared != null) {
            return shared;
        }
        if (keys.size() < MAX_ENTRIES) {
            shared = keys.putIfAbsent(name, name);
        }
        return shared == null ? name : shared;
    }

    @Override
    public TextNode textNode(String text) {
        if (text == null || text.length() > MAX_VALUE_LENGTH) {
            return super.textNode(text);
        }
        TextNode shared = values.get(text);
        if (shared != null) {
            return shared;
        }
        TextNode node = super.textNode(text);
        if (values.size() < MAX_ENTRIES) {
            shared = values.putIfAbsent(text, node);
        }
        return shared == null ? node : shared;
    }

    @Override
    public ObjectNode objectNode() {
        return new SharedKeys(this, new CompactFields());
    }

    @Override
    public ArrayNode arrayNode() {
        return new TrimmedArray(this, new java.util.ArrayList<>());
    }

    /** Once a mapping or list is read: drops the spare room its storage grew with. */
    static void done(JsonNode node) {
        if (node instanceof SharedKeys object) {
            object.fields.trim();
        } else if (node instanceof TrimmedArray array) {
            array.trim();
        }
    }

    /** An object whose field names come from the shared table, held in a {@link CompactFields}. */
    private static final class SharedKeys extends ObjectNode {
        private static final long serialVersionUID = 1L;
        private final transient CompactFields fields;

        SharedKeys(SharedStrings factory, CompactFields fields) {
            super(factory, fields);
            this.fields = fields;
        }

        @Override
        public JsonNode replace(String propertyName, JsonNode value) {
            return super.replace(INSTANCE.key(propertyName), value);
        }

        @Override
        public <T extends JsonNode> T set(String propertyName, JsonNode value) {
            return super.set(INSTANCE.key(propertyName), value);
        }
    }

    /** A list whose storage is cut to its size once read (an ArrayList grows to 10 on its first item). */
    private static final class TrimmedArray extends ArrayNode {
        private static final long serialVersionUID = 1L;

        private final transient java.util.ArrayList<JsonNode> items;

        TrimmedArray(SharedStrings factory, java.util.ArrayList<JsonNode> items) {
            super(factory, items);
            this.items = items;
        }

        void trim() {
            items.trimToSize();
        }
    }
}
