package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML with anchors and aliases, read as kubectl's go-yaml reads it: every alias stands for a
 * copy of its anchor's value, and {@code <<} merges a map in. Jackson's parser would read an alias
 * as the anchor's name. SnakeYAML's composer shares the aliased node; expanding it here is bounded
 * twice: by the composer's count of aliases to collections, and by the expanded size.
 */
final class AnchoredDocuments {
    /** Expanded values in one document: far above real manifests, far below what exhausts memory. */
    static final int MAX_EXPANDED_VALUES = 1_000_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Jackson's YAML parser reads only these plain scalars as booleans (not YAML 1.1's yes/on). */
    private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");

    private AnchoredDocuments() {
    }

    static List<YamlDocuments.Document> read(String text) throws YamlDocuments.YamlProblem, YamlDocuments.SeparatingTab {
        List<YamlDocuments.Document> documents = new ArrayList<>();
        Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)),
                YamlDocuments.loaderOptions()), new Resolver(), YamlDocuments.loaderOptions());
        int documentLine = 1;
        try {
            while (composer.checkNode()) {
                Node root = composer.getNode();
                if (root == null) {
                    continue;
                }
                documentLine = root.getStartMark().getLine() + 1;
                JsonNode node = new Expansion().json(root);
                if (!node.isNull()) {
                    NodeLines.Recorder lines = new NodeLines.Recorder();
                    lines.add(documentLine);
                    record(node, root, lines, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                    documents.add(new YamlDocuments.Document(documentLine, node, lines.done()));
                }
                documentLine = root.getEndMark().getLine() + 1;
            }
        } catch (MarkedYAMLException e) {
            throw YamlDocuments.problem(text, e);
        } catch (YAMLException e) {
            throw YamlDocuments.limit(e, documentLine);
        }
        return documents;
    }

    /**
     * The lines of an expanded tree's nodes, in its pre-order, from the YAML nodes it was made of
     * (the caller has recorded {@code json}'s own line). A node met a second time is an alias: its
     * copy has no lines of its own (SnakeYAML keeps only the anchor's marks), nor do keys a
     * {@code <<} merge brought in; both are placed on the line of the key or item that holds them.
     */
    private static void record(JsonNode json, Node yaml, NodeLines.Recorder lines, java.util.Set<Node> seen) {
        boolean alias = !seen.add(yaml);
        if (!json.isContainerNode()) {
            return;
        }
        if (alias) {
            lines.addUnplaced(NodeLines.count(json) - 1);
        } else if (json instanceof ObjectNode object && yaml instanceof MappingNode mapping) {
            java.util.Map<String, NodeTuple> own = new java.util.HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!tuple.getKeyNode().getTag().equals(Tag.MERGE) && tuple.getKeyNode() instanceof ScalarNode key) {
                    own.putIfAbsent(key.getValue(), tuple);
                }
            }
            object.fields().forEachRemaining(field -> {
                NodeTuple tuple = own.get(field.getKey());
                if (tuple == null) {
                    lines.addUnplaced(NodeLines.count(field.getValue()));
                } else {
                    lines.add(tuple.getKeyNode().getStartMark().getLine() + 1);
                    record(field.getValue(), tuple.getValueNode(), lines, seen);
                }
            });
        } else if (json instanceof ArrayNode array && yaml instanceof SequenceNode sequence
                && array.size() == sequence.getValue().size()) {
            for (int i = 0; i < array.size(); i++) {
                Node item = sequence.getValue().get(i);
                if (seen.contains(item)) {
                    lines.addUnplaced(NodeLines.count(array.get(i)));
                } else {
                    lines.add(item.getStartMark().getLine() + 1);
                    record(array.get(i), item, lines, seen);
                }
            }
        } else {
            lines.addUnplaced(NodeLines.count(json) - 1);
        }
    }

    /** One document's expansion, counting the values it makes. */
    private static final class Expansion {
        private int values;

        JsonNode json(Node node) throws YamlDocuments.YamlProblem {
            if (++values > MAX_EXPANDED_VALUES) {
                throw new YamlDocuments.YamlProblem(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1,
                        "aliases expand this document to more than " + MAX_EXPANDED_VALUES + " values, the limit"
                                + " (an alias bomb)", "write the repeated values out instead of using YAML anchors and aliases");
            }
            if (node instanceof MappingNode mapping) {
                ObjectNode object = NODES.objectNode();
                List<NodeTuple> merged = new ArrayList<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                        merged.add(tuple);
                        continue;
                    }
                    String key = key(tuple.getKeyNode());
                    if (object.has(key)) {
                        throw new YamlDocuments.YamlProblem(tuple.getKeyNode().getStartMark().getLine() + 1,
                                tuple.getKeyNode().getStartMark().getColumn() + 1, "duplicate key '" + key + "'",
                                "keep one of them");
                    }
                    object.set(key, json(tuple.getValueNode()));
                }
                for (NodeTuple merge : merged) { // keys written in the map win over merged ones
                    Node source = merge.getValueNode();
                    for (Node part : source instanceof SequenceNode list ? list.getValue() : List.of(source)) {
                        if (json(part) instanceof ObjectNode in) {
                            in.fields().forEachRemaining(f -> object.putIfAbsent(f.getKey(), f.getValue()));
                        }
                    }
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                for (Node item : sequence.getValue()) {
                    array.add(json(item));
                }
                return array;
            }
            return scalar((ScalarNode) node);
        }

        private String key(Node node) throws YamlDocuments.YamlProblem {
            return node instanceof ScalarNode scalar ? scalar.getValue() : json(node).toString();
        }
    }

    /** A scalar typed by its resolved tag, as Jackson types the same text without aliases. */
    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL) || value.isEmpty() && scalar.isPlain()) {
            return NODES.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return BOOLEAN.matcher(value).matches() ? NODES.booleanNode(value.equalsIgnoreCase("true")) : NODES.textNode(value);
        }
        try {
            if (tag.equals(Tag.INT)) {
                BigInteger n = new BigInteger(value.replace("_", ""));
                return n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
            }
            if (tag.equals(Tag.FLOAT)) {
                return NODES.numberNode(Double.parseDouble(value.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(value); // hex, octal, sexagesimal, .inf: kept as written
        }
        return NODES.textNode(value);
    }
}
