package io.koor.gitops.validator.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads every document of a YAML file with the line it starts at, as kubectl reads it. Duplicate
 * keys are errors (the API server would silently keep one of them). Hostile input is bounded:
 * nesting depth, aliases, document size. Every refusal names its line, column, cause and fix.
 */
public final class YamlDocuments {
    /** Larger than any real manifest file; keeps a giant file from exhausting memory. */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 100;
    /** Aliases to maps and lists in one file; a few are ordinary, thousands are an alias bomb. */
    static final int MAX_ALIASES = 50;
    /** Each tab between tokens costs one more read of the file: bounded for hostile input. */
    static final int MAX_SEPARATING_TABS = 100;
    private static final String SYNTAX_FIX = "fix the syntax at that line; yamllint shows the context";

    /** One document: the line it starts at, its tree, and the line of every node in it (null if unknown). */
    public record Document(int line, JsonNode node, NodeLines lines) {
        public Document(int line, JsonNode node) {
            this(line, node, null);
        }

        /** The line of a JSON pointer in this document, or of its closest present parent. */
        public int lineOf(String pointer) {
            return lines == null ? line : lines.lineOf(node, pointer, line);
        }
    }

    /** Not YAML, or YAML outside the limits: where, the cause, and what to do about it. */
    public static final class YamlProblem extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String fix;

        YamlProblem(int line, int column, String message, String fix) {
            super(message);
            this.line = Math.max(1, line);
            this.column = Math.max(1, column);
            this.fix = fix;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }

        public String fix() {
            return fix;
        }
    }

    /** Made on first use: a tree that BlockYaml reads whole never loads Jackson's YAML parser and SnakeYAML's. */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
                .loaderOptions(loaderOptions())
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build()).setNodeFactory(SharedStrings.INSTANCE);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    private YamlDocuments() {
    }

    static YamlProblem tooLarge(long size) {
        return new YamlProblem(1, 1, "the file has " + size / 1024 + " KiB, more than the limit of "
                + MAX_FILE_BYTES / (1024 * 1024) + " MiB", "split it into several files");
    }

    public static List<Document> read(String text) throws YamlProblem {
        return read(text, null);
    }

    /** With {@code shared}: small repeated subtrees are one instance (trees nobody changes only). */
    static List<Document> read(String text, SharedSubtrees shared) throws YamlProblem {
        if (text.length() > MAX_FILE_BYTES) {
            throw tooLarge(text.length());
        }
        String current = text;
        for (int tabs = 0; ; tabs++) {
            try {
                // Jackson's parser reads an alias as the anchor's name; SnakeYAML's composer expands it, bounded.
                if (current.indexOf('&') >= 0 && current.indexOf('*') >= 0) {
                    return AnchoredDocuments.read(current);
                }
                // Most manifests are plain block YAML, which BlockYaml reads far faster to the same tree.
                List<Document> fast = tabs == 0 ? BlockYaml.read(current, shared) : null;
                return fast != null ? fast : parse(current, shared);
            } catch (SeparatingTab tab) {
                if (tabs == MAX_SEPARATING_TABS) {
                    throw new YamlProblem(tab.problem.line(), tab.problem.column(), "more than "
                            + MAX_SEPARATING_TABS + " tabs between tokens, the limit (each is read as a space, as kubectl does)",
                            "replace the tabs with spaces");
                }
                current = tab.withSpace(current);
            }
        }
    }

    /** Through Jackson's YAML parser (SnakeYAML): any YAML, with its messages and limits. */
    static List<Document> parse(String text, SharedSubtrees shared) throws YamlProblem, SeparatingTab {
        List<Document> documents = new ArrayList<>();
        JsonParser parser = null;
        try {
            parser = Jackson.MAPPER.getFactory().createParser(text);
            NodeLines.Recorder lines = new NodeLines.Recorder();
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentTokenLocation().getLineNr();
                lines.add(line);
                JsonNode node = tree(parser, token, lines, shared);
                NodeLines recorded = lines.done();
                if (token == JsonToken.VALUE_NULL || node.isNull()) {
                    continue; // an empty document, e.g. after a trailing '---'
                }
                documents.add(new Document(line, node, recorded));
            }
            parser.close();
        } catch (StreamConstraintsException e) {
            JsonLocation at = parser == null ? null : parser.currentLocation();
            throw tooDeep(at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                throw problem(text, marked);
            }
            JsonLocation at = e.getLocation();
            throw new YamlProblem(at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(), reason(e),
                    e.getOriginalMessage().startsWith("Duplicate field") ? "keep one of them" : SYNTAX_FIX);
        } catch (IOException | YAMLException e) {
            throw limit(e, 1);
        }
        return documents;
    }

    /**
     * The tree of the value that starts at {@code token}, built as Jackson's {@code readTree} builds
     * it (the same node types for the same tokens), recording the line of each node on the way:
     * a field's key line, a list item's first line. The parser's own limits (nesting depth,
     * duplicate keys) still apply, as it reads.
     */
    static JsonNode tree(JsonParser parser, JsonToken token, NodeLines.Recorder lines, SharedSubtrees shared)
            throws IOException {
        JsonNodeFactory nodes = SharedStrings.INSTANCE;
        int before = lines.size();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    lines.add(parser.currentTokenLocation().getLineNr());
                    object.set(name, tree(parser, parser.nextToken(), lines, shared));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new JsonParseException(parser, "unexpected " + next + " in a mapping");
                }
                SharedStrings.done(object);
                return shared == null ? object : shared.of(object, 1 + lines.size() - before);
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new JsonParseException(parser, "unexpected end of input in a list");
                    }
                    lines.add(parser.currentTokenLocation().getLineNr());
                    array.add(tree(parser, next, lines, shared));
                }
                SharedStrings.done(array);
                return shared == null ? array : shared.of(array, 1 + lines.size() - before);
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return switch (parser.getNumberType()) {
                    case BIG_DECIMAL -> nodes.numberNode(parser.getDecimalValue());
                    case FLOAT -> nodes.numberNode(parser.getFloatValue());
                    default -> nodes.numberNode(parser.getDoubleValue());
                };
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                Object embedded = parser.getEmbeddedObject();
                if (embedded == null) {
                    return nodes.nullNode();
                }
                return embedded instanceof byte[] bytes ? nodes.binaryNode(bytes)
                        : embedded instanceof JsonNode node ? node : nodes.pojoNode(embedded);
            }
            default -> throw new JsonParseException(parser, "unexpected " + token + " where a value starts");
        }
    }

    /** Jackson's own tree of the same text, for tests that hold {@link #tree} to it. */
    static List<JsonNode> jacksonTrees(String text) throws IOException {
        List<JsonNode> trees = new ArrayList<>();
        try (JsonParser parser = Jackson.MAPPER.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                trees.add(Jackson.MAPPER.readTree(parser));
            }
        }
        return trees;
    }

    static YamlProblem tooDeep(int line, int column) {
        return new YamlProblem(line, column, "nested more than " + MAX_DEPTH + " levels deep, the limit",
                "no Kubernetes object nests this deep: flatten the structure");
    }

    /** SnakeYAML's own limits, which carry no position: the line is where the document starts. */
    static YamlProblem limit(Exception e, int line) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Number of aliases")) {
            return new YamlProblem(line, 1, "the file has more than " + MAX_ALIASES + " aliases to maps or lists"
                    + " (counted up to this document), the limit against alias bombs, which expand exponentially",
                    "write the repeated values out instead of using YAML anchors and aliases");
        }
        if (message.contains("Nesting Depth")) {
            return tooDeep(line, 1);
        }
        if (message.contains("code points")) {
            return tooLarge(MAX_FILE_BYTES + 1L);
        }
        return new YamlProblem(line, 1, "not valid YAML: " + firstLine(message), SYNTAX_FIX);
    }

    /**
     * A scanner error, at the character it is about (the parser's "while scanning" context is
     * often a line earlier). A tab between tokens is whitespace to YAML 1.2 and to kubectl's
     * go-yaml, but SnakeYAML refuses it: that one is re-read as a space.
     */
    static YamlProblem problem(String text, MarkedYAMLException e) throws SeparatingTab {
        var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem().strip();
        if (problem.contains("(TAB)")) {
            int offset = offset(text, line, column);
            boolean indentation = offset >= 0 && text.substring(text.lastIndexOf('\n', offset) + 1, offset).isBlank();
            YamlProblem refused = new YamlProblem(line, column, "a tab character in the indentation",
                    "YAML indents with spaces only: replace the tab with spaces");
            if (offset < 0 || indentation) {
                return refused;
            }
            throw new SeparatingTab(offset, refused);
        }
        String context = e.getContext() == null ? "" : " (" + e.getContext().strip() + ")";
        var opened = e.getContextMark();
        if (opened != null && (problem.contains("end of stream") || problem.contains("<stream end>"))
                && opened.getLine() + 1 < line) {
            // an unclosed quote, bracket or brace: the end of the file says nothing; where it began does
            return new YamlProblem(opened.getLine() + 1, opened.getColumn() + 1, "not valid YAML: " + problem + context
                    + ": what begins here is never closed", "close it: the quote, ] or } it opens is missing");
        }
        return new YamlProblem(line, column, "not valid YAML: " + problem + context, SYNTAX_FIX);
    }

    /** The char offset of a 1-based line and column counted in code points, or -1. */
    private static int offset(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            start = text.indexOf('\n', start) + 1;
            if (start == 0) {
                return -1;
            }
        }
        try {
            int offset = text.offsetByCodePoints(start, column - 1);
            return offset < text.length() && text.charAt(offset) == '\t' ? offset : -1;
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** A tab where YAML allows whitespace between tokens: read again with a space there. */
    static final class SeparatingTab extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final transient YamlProblem problem;

        SeparatingTab(int offset, YamlProblem problem) {
            super(null, null, false, false);
            this.offset = offset;
            this.problem = problem;
        }

        String withSpace(String text) {
            return text.substring(0, offset) + ' ' + text.substring(offset + 1);
        }
    }

    private static String reason(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return message.replace("Duplicate field", "duplicate key");
        }
        return "not valid YAML: " + firstLine(message);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        String line = message.strip().split("\n")[0].strip();
        return line.isEmpty() ? "unreadable YAML" : line;
    }
}
