package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A reader for the block-style YAML that manifests are written in, several times faster than
 * SnakeYAML's general scanner and parser, which took most of a large validation run. It builds the
 * very tree {@link YamlDocuments#tree} builds from Jackson's tokens (same node types, same shared
 * strings and subtrees, same lines), and reads nothing it is not sure of: at the first construct
 * outside its subset (flow mappings, folded or kept block scalars, multi-line plain or quoted
 * scalars, tags, anchors, tabs, CR line ends, YAML 1.1 words like {@code yes}, numbers other than
 * plain decimals, duplicate keys, anything malformed) it gives up and the file is read by SnakeYAML,
 * whose messages and limits then apply. A differential test holds the two readers to the same
 * trees over real repositories.
 */
final class BlockYaml {
    /** Outside the subset: the caller reads the file with SnakeYAML. Thrown without a stack trace. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;
        static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    /** SnakeYAML's own resolver of plain scalars, as Jackson's YAML parser uses it. */
    private static final Resolver RESOLVER = new Resolver();
    private static final SharedStrings NODES = SharedStrings.INSTANCE;
    /** Well within {@link YamlDocuments#MAX_DEPTH}: deeper files go to SnakeYAML, which enforces it. */
    private static final int MAX_DEPTH = YamlDocuments.MAX_DEPTH - 10;

    private final String text;
    /** The text's characters: indexing an array is much cheaper than String.charAt under C1, which the CLI runs with. */
    private final char[] chars;
    private final int[] starts;
    private final int count;
    private final SharedSubtrees shared;
    private final NodeLines.Recorder lines = new NodeLines.Recorder();
    /** The first significant line after the value just read. */
    private int next;
    private int depth;

    private BlockYaml(String text, char[] chars, int[] starts, SharedSubtrees shared) {
        this.text = text;
        this.chars = chars;
        this.starts = starts;
        this.count = starts.length;
        this.shared = shared;
    }

    /** The file's documents, or null when it is not all within the subset this reader knows. */
    static List<YamlDocuments.Document> read(String text, SharedSubtrees shared) {
        char[] chars = text.toCharArray();
        int[] starts = lineStarts(chars);
        if (starts == null) {
            return null;
        }
        try {
            return new BlockYaml(text, chars, starts, shared).documents();
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Where each line starts; null for characters that SnakeYAML treats specially or refuses. */
    private static int[] lineStarts(char[] chars) {
        int[] starts = new int[Math.max(16, chars.length / 32)];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0, len = chars.length; i < len; i++) {
            char c = chars[i];
            if (c < 0x20) {
                if (c != '\n') {
                    return null; // tabs, CR and control characters
                }
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            } else if (c >= 0x7f && (c <= 0x9f || c == 0x2028 || c == 0x2029 || c == 0xfeff || c >= 0xfffe
                    || Character.isSurrogate(c))) {
                return null; // other line breaks, a byte order mark, what SnakeYAML's reader checks
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    private List<YamlDocuments.Document> documents() throws Unsupported {
        List<YamlDocuments.Document> documents = new ArrayList<>();
        int l = significant(0);
        while (l < count) {
            if (documentStart(l)) {
                l = significant(l + 1);
                continue;
            }
            int start = starts[l];
            char first = chars[start];
            if (first == '%' || text.startsWith("...", start) || sequenceItem(l, indent(l))) {
                throw Unsupported.INSTANCE; // directives, document ends, a list at the top
            }
            int column = indent(l);
            if (!keyAt(l, start + column)) {
                throw Unsupported.INSTANCE; // a scalar document
            }
            lines.add(l + 1);
            JsonNode root = mapping(l, column);
            documents.add(new YamlDocuments.Document(l + 1, root, lines.done()));
            l = next;
            if (l < count && !documentStart(l)) {
                throw Unsupported.INSTANCE; // something after the mapping that is not a new document
            }
        }
        return documents;
    }

    // ---- lines

    private int end(int l) {
        return l + 1 < count ? starts[l + 1] - 1 : text.length();
    }

    private int indent(int l) {
        int i = starts[l];
        int end = end(l);
        while (i < end && chars[i] == ' ') {
            i++;
        }
        return i - starts[l];
    }

    /** Blank, or only a comment. */
    private boolean insignificant(int l) {
        int at = starts[l] + indent(l);
        return at == end(l) || chars[at] == '#';
    }

    private int significant(int l) {
        while (l < count && insignificant(l)) {
            l++;
        }
        return l;
    }

    /** {@code ---} alone (or before a comment) at the start of a line. */
    private boolean documentStart(int l) throws Unsupported {
        int start = starts[l];
        int end = end(l);
        if (end - start < 3 || !text.startsWith("---", start)) {
            return false;
        }
        if (end - start == 3) {
            return true;
        }
        if (chars[start + 3] != ' ') {
            return false;
        }
        if (!restIsBlank(start + 3, end)) {
            throw Unsupported.INSTANCE; // content on the marker's line
        }
        return true;
    }

    /** From {@code at}: only spaces, then the end of the line or a comment. */
    private boolean restIsBlank(int at, int end) {
        int i = at;
        while (i < end && chars[i] == ' ') {
            i++;
        }
        return i == end || (i > at && chars[i] == '#');
    }

    private boolean sequenceItem(int l, int column) {
        int at = starts[l] + column;
        int end = end(l);
        return at < end && chars[at] == '-' && (at + 1 == end || chars[at + 1] == ' ');
    }

    /** After a value ends on line {@code l}: the next significant line, which must not continue it. */
    private int after(int l, int indent) throws Unsupported {
        int m = significant(l + 1);
        if (m < count && indent(m) > indent && !documentStart(m)) {
            throw Unsupported.INSTANCE; // a multi-line scalar, or a syntax error
        }
        return m;
    }

    // ---- collections

    /** A block mapping whose first key starts at {@code column} of line {@code l} (a list item's line, perhaps). */
    private JsonNode mapping(int l, int column) throws Unsupported {
        if (++depth > MAX_DEPTH) {
            throw Unsupported.INSTANCE;
        }
        ObjectNode object = NODES.objectNode();
        int before = lines.size();
        int line = l;
        int at = starts[l] + column;
        while (true) {
            int end = end(line);
            int colon = keyEnd(at, end);
            if (colon < 0) {
                throw Unsupported.INSTANCE;
            }
            String name = key(at, colon);
            if (object.has(name)) {
                throw Unsupported.INSTANCE; // a duplicate key: SnakeYAML's message says which
            }
            lines.add(line + 1);
            object.set(name, value(line, colon + 1, column, true));
            line = next;
            if (line >= count || documentStart(line)) {
                break;
            }
            int indent = indent(line);
            if (indent < column) {
                break;
            }
            if (indent > column || sequenceItem(line, column)) {
                throw Unsupported.INSTANCE;
            }
            at = starts[line] + column;
        }
        depth--;
        return finished(object, 1 + lines.size() - before);
    }

    /** A block list whose dashes are at {@code column}, from line {@code l}. */
    private JsonNode sequence(int l, int column) throws Unsupported {
        if (++depth > MAX_DEPTH) {
            throw Unsupported.INSTANCE;
        }
        ArrayNode array = NODES.arrayNode();
        int before = lines.size();
        int line = l;
        while (true) {
            int end = end(line);
            int at = starts[line] + column + 1;
            while (at < end && chars[at] == ' ') {
                at++;
            }
            JsonNode item;
            if (at == end || chars[at] == '#') {
                int m = significant(line + 1);
                if (m < count && indent(m) > column && !documentStart(m)) {
                    lines.add(m + 1);
                    item = nested(m, indent(m));
                } else {
                    lines.add(line + 1);
                    item = NODES.nullNode();
                    next = m;
                }
            } else if (keyAt(line, at)) {
                lines.add(line + 1);
                item = mapping(line, at - starts[line]);
            } else {
                lines.add(line + 1);
                item = value(line, at, column, false);
            }
            array.add(item);
            line = next;
            if (line >= count || documentStart(line)) {
                break;
            }
            int indent = indent(line);
            if (indent > column) {
                throw Unsupported.INSTANCE;
            }
            if (indent < column || !sequenceItem(line, column)) {
                break;
            }
        }
        depth--;
        return finished(array, 1 + lines.size() - before);
    }

    /** A mapping or list once read, as YamlDocuments.tree ends one: trimmed, and shared when small and seen before. */
    private JsonNode finished(JsonNode collection, int nodes) {
        SharedStrings.done(collection);
        return shared == null ? collection : shared.of(collection, nodes);
    }

    /** The collection that starts on line {@code m} at {@code column}, on the lines below its key or dash. */
    private JsonNode nested(int m, int column) throws Unsupported {
        if (sequenceItem(m, column)) {
            return sequence(m, column);
        }
        if (keyAt(m, starts[m] + column)) {
            return mapping(m, column);
        }
        throw Unsupported.INSTANCE; // a scalar on its own line
    }

    // ---- values

    /**
     * The value that begins at {@code at} on line {@code l}, after a key's colon ({@code inMapping}) or
     * a list item's dash; {@code indent} is the key's or the dash's column.
     */
    private JsonNode value(int l, int at, int indent, boolean inMapping) throws Unsupported {
        int end = end(l);
        int p = at;
        while (p < end && chars[p] == ' ') {
            p++;
        }
        if (p == end || chars[p] == '#') {
            if (p < end && p == at) {
                throw Unsupported.INSTANCE;
            }
            int m = significant(l + 1);
            if (m < count && !documentStart(m)) {
                int column = indent(m);
                if (column > indent) {
                    return nested(m, column);
                }
                if (inMapping && column == indent && sequenceItem(m, column)) {
                    return sequence(m, column); // a list at the key's own indentation
                }
            }
            next = m;
            return NODES.nullNode();
        }
        char c = chars[p];
        switch (c) {
            case '|':
                return literal(l, p, end, indent);
            case '"':
            case '\'': {
                int close = c == '"' ? doubleQuotedEnd(p, end) : singleQuotedEnd(p, end);
                if (close < 0 || !restIsBlank(close + 1, end)) {
                    throw Unsupported.INSTANCE;
                }
                String value = c == '"' ? doubleQuoted(p, close) : singleQuoted(p, close);
                next = after(l, indent);
                return NODES.textNode(value);
            }
            case '[':
                return flowSequence(l, p, end, indent);
            case '{': {
                int close = p + 1;
                while (close < end && chars[close] == ' ') {
                    close++;
                }
                if (close == end || chars[close] != '}' || !restIsBlank(close + 1, end)) {
                    throw Unsupported.INSTANCE; // only the empty mapping
                }
                next = after(l, indent);
                return finished(NODES.objectNode(), 1);
            }
            default:
                break;
        }
        if (!plainStart(p, end)) {
            throw Unsupported.INSTANCE;
        }
        int stop = plainEnd(p, end);
        if (stop < 0) {
            throw Unsupported.INSTANCE;
        }
        JsonNode node = plain(text.substring(p, stop));
        next = after(l, indent);
        return node;
    }

    /** {@code |}, {@code |-}: the lines below, more indented than {@code indent}, as they are. */
    private JsonNode literal(int l, int p, int end, int indent) throws Unsupported {
        int h = p + 1;
        boolean strip = false;
        if (h < end && (chars[h] == '-' || chars[h] == '+')) {
            if (chars[h] == '+') {
                throw Unsupported.INSTANCE; // keep: trailing line breaks need care this reader leaves to SnakeYAML
            }
            strip = true;
            h++;
        }
        if (!restIsBlank(h, end) && h < end) {
            throw Unsupported.INSTANCE; // an indentation indicator, or text after the header
        }
        int first = l + 1;
        while (first < count && blank(first)) {
            first++;
        }
        if (first == count || indent(first) <= indent) {
            next = significant(l + 1);
            return NODES.textNode("");
        }
        int column = indent(first);
        for (int b = l + 1; b < first; b++) {
            if (end(b) - starts[b] > column) {
                throw Unsupported.INSTANCE; // a leading blank line longer than the indentation
            }
        }
        StringBuilder value = new StringBuilder();
        value.append("\n".repeat(first - l - 1)); // leading blank lines are line breaks of the value
        int last = first; // the last line with text
        int m = first;
        for (; m < count; m++) {
            int s = starts[m];
            int e = end(m);
            if (blank(m)) {
                if (e - s > column) {
                    throw Unsupported.INSTANCE; // spaces beyond the indentation are text; rare, left to SnakeYAML
                }
                continue;
            }
            if (indent(m) < column) {
                break;
            }
            for (int b = last + 1; b < m; b++) {
                value.append('\n');
            }
            if (m > first) {
                value.append('\n');
            }
            value.append(text, s + column, e);
            last = m;
        }
        if (!strip && last + 1 < count) {
            value.append('\n'); // clip: one line break, if the last line has one
        }
        next = significant(m);
        return NODES.textNode(value.toString());
    }

    private boolean blank(int l) {
        for (int i = starts[l], e = end(l); i < e; i++) {
            if (chars[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** {@code [a, "b", 'c']} on one line; nested collections and empty entries are left to SnakeYAML. */
    private JsonNode flowSequence(int l, int p, int end, int indent) throws Unsupported {
        ArrayNode array = NODES.arrayNode();
        int i = p + 1;
        boolean expectItem = true;
        while (true) {
            while (i < end && chars[i] == ' ') {
                i++;
            }
            if (i == end) {
                throw Unsupported.INSTANCE; // continued on the next line
            }
            char c = chars[i];
            if (c == ']') {
                if (expectItem && array.size() > 0) {
                    throw Unsupported.INSTANCE; // a trailing comma
                }
                i++;
                break;
            }
            if (!expectItem) {
                if (c != ',') {
                    throw Unsupported.INSTANCE;
                }
                i++;
                expectItem = true;
                continue;
            }
            JsonNode item;
            if (c == '"' || c == '\'') {
                int close = c == '"' ? doubleQuotedEnd(i, end) : singleQuotedEnd(i, end);
                if (close < 0) {
                    throw Unsupported.INSTANCE;
                }
                item = NODES.textNode(c == '"' ? doubleQuoted(i, close) : singleQuoted(i, close));
                i = close + 1;
            } else {
                if (!plainStart(i, end)) {
                    throw Unsupported.INSTANCE;
                }
                int s = i;
                while (i < end && ",[]{}:#".indexOf(chars[i]) < 0) {
                    i++;
                }
                int e = i;
                while (e > s && chars[e - 1] == ' ') {
                    e--;
                }
                if (i < end && (chars[i] == ':' || chars[i] == '#' || chars[i] == '['
                        || chars[i] == '{' || chars[i] == '}')) {
                    throw Unsupported.INSTANCE;
                }
                item = plain(text.substring(s, e));
            }
            lines.add(l + 1);
            array.add(item);
            expectItem = false;
        }
        if (!restIsBlank(i, end)) {
            throw Unsupported.INSTANCE;
        }
        next = after(l, indent);
        return finished(array, 1 + array.size());
    }

    // ---- scalars

    /** Whether a mapping key starts at {@code at} on line {@code l}. */
    private boolean keyAt(int l, int at) {
        return keyEnd(at, end(l)) >= 0;
    }

    /** The offset of the colon that ends the key starting at {@code at}, or -1 if no key starts there. */
    private int keyEnd(int at, int end) {
        if (at >= end) {
            return -1;
        }
        char c = chars[at];
        int colon;
        if (c == '"' || c == '\'') {
            int close = c == '"' ? doubleQuotedEnd(at, end) : singleQuotedEnd(at, end);
            if (close < 0) {
                return -1;
            }
            colon = close + 1;
            while (colon < end && chars[colon] == ' ') {
                colon++;
            }
            if (colon == end || chars[colon] != ':') {
                return -1;
            }
        } else {
            if (!plainStart(at, end)) {
                return -1;
            }
            colon = -1;
            for (int i = at + 1; i < end; i++) {
                char d = chars[i];
                if (d == '#' && chars[i - 1] == ' ') {
                    return -1;
                }
                if (d == ':' && (i + 1 == end || chars[i + 1] == ' ')) {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                return -1;
            }
        }
        return colon + 1 == end || chars[colon + 1] == ' ' ? colon : -1;
    }

    /** The key's text: unquoted, or a plain key without the spaces before its colon. */
    private String key(int at, int colon) throws Unsupported {
        char c = chars[at];
        if (c == '"' || c == '\'') {
            int close = c == '"' ? doubleQuotedEnd(at, colon) : singleQuotedEnd(at, colon);
            return c == '"' ? doubleQuoted(at, close) : singleQuoted(at, close);
        }
        int e = colon;
        while (chars[e - 1] == ' ') {
            e--;
        }
        return text.substring(at, e);
    }

    /** A plain scalar may start here: not an indicator, or '-', '?', ':' before a non-space. */
    private boolean plainStart(int at, int end) {
        char c = chars[at];
        if ("-?:".indexOf(c) >= 0) {
            return at + 1 < end && chars[at + 1] != ' ';
        }
        return ",[]{}#&*!|>'\"%@`".indexOf(c) < 0;
    }

    /** The end of a plain value starting at {@code at} (before a comment, without trailing spaces), or -1. */
    private int plainEnd(int at, int end) {
        int stop = end;
        for (int i = at + 1; i < end; i++) {
            char d = chars[i];
            if (d == '#' && chars[i - 1] == ' ') {
                stop = i;
                break;
            }
            if (d == ':' && (i + 1 == end || chars[i + 1] == ' ')) {
                return -1; // "a: b: c" is not YAML
            }
        }
        while (stop > at && chars[stop - 1] == ' ') {
            stop--;
        }
        return stop;
    }

    /** A plain scalar's node, as Jackson's YAML parser types it with SnakeYAML's resolver. */
    private static JsonNode plain(String value) throws Unsupported {
        char c = value.charAt(0);
        if (c >= '0' && c <= '9' || c == '-') {
            JsonNode number = decimal(value);
            if (number != null) {
                return number;
            }
        }
        if (!typedPerhaps(value)) {
            return NODES.textNode(value);
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        if (tag == Tag.STR || tag == Tag.TIMESTAMP) {
            return NODES.textNode(value);
        }
        if (tag == Tag.NULL) {
            return NODES.nullNode();
        }
        if (tag == Tag.INT && octal(value)) {
            // file modes (defaultMode: 0644): YAML 1.1 octal, as Jackson decodes it (the digits after the 0, base 8)
            return NODES.numberNode(Integer.parseInt(value, 1, value.length(), 8));
        }
        if (tag == Tag.BOOL) {
            switch (value) {
                case "true", "True", "TRUE":
                    return NODES.booleanNode(true);
                case "false", "False", "FALSE":
                    return NODES.booleanNode(false);
                default:
                    throw Unsupported.INSTANCE; // yes, no, on, off: left to the parser that knows YAML 1.1
            }
        }
        throw Unsupported.INSTANCE; // other integers, floats, merge keys
    }

    /**
     * Whether SnakeYAML's resolver might give the value a tag other than str: it looks only at values
     * starting with a digit, a sign or a dot, and at words of at most five letters starting with one of
     * yYnNtTfFoO (bool) or ~nN (null), or with {@code <} (merge). Asking it about the rest costs a
     * regular expression each, most of this reader's time.
     */
    private static boolean typedPerhaps(String value) {
        char c = value.charAt(0);
        if (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '<') {
            return true;
        }
        if (c == '-') {
            char d = value.length() > 1 ? value.charAt(1) : ' ';
            return d >= '0' && d <= '9' || d == '.';
        }
        return value.length() <= 5 && "yYnNtTfFoO~".indexOf(c) >= 0;
    }

    /** 0 and one to ten octal digits: what Jackson reads as an int in base 8. */
    private static boolean octal(String value) {
        if (value.length() < 2 || value.length() > 11 || value.charAt(0) != '0') {
            return false;
        }
        for (int k = 1; k < value.length(); k++) {
            if (value.charAt(k) < '0' || value.charAt(k) > '7') {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal integer without sign or leading zeros, typed as Jackson types it: int up to 10 digits
     * that fit, long up to 18 (19 that fit), else left to SnakeYAML.
     */
    private static JsonNode decimal(String value) {
        int i = value.charAt(0) == '-' ? 1 : 0;
        int digits = value.length() - i;
        if (digits == 0 || digits > 18 || (value.charAt(i) == '0' && digits > 1)) {
            return null;
        }
        for (int k = i; k < value.length(); k++) {
            char d = value.charAt(k);
            if (d < '0' || d > '9') {
                return null;
            }
        }
        long v = Long.parseLong(value);
        if (digits <= 9 || (digits == 10 && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE)) {
            return NODES.numberNode((int) v);
        }
        return NODES.numberNode(v);
    }

    /** The closing quote of a double-quoted scalar opened at {@code at}, on the same line, or -1. */
    private int doubleQuotedEnd(int at, int end) {
        for (int i = at + 1; i < end; i++) {
            char d = chars[i];
            if (d == '\\') {
                i++;
            } else if (d == '"') {
                return i;
            }
        }
        return -1;
    }

    private int singleQuotedEnd(int at, int end) {
        for (int i = at + 1; i < end; i++) {
            if (chars[i] == '\'') {
                if (i + 1 < end && chars[i + 1] == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private String doubleQuoted(int open, int close) throws Unsupported {
        int slash = open + 1;
        while (slash < close && chars[slash] != '\\') {
            slash++;
        }
        if (slash == close) {
            return text.substring(open + 1, close);
        }
        StringBuilder out = new StringBuilder(close - open);
        for (int i = open + 1; i < close; i++) {
            char d = chars[i];
            if (d != '\\') {
                out.append(d);
                continue;
            }
            char e = chars[++i];
            switch (e) {
                case '\\', '"', '/' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case ' ' -> out.append(' ');
                case 'x', 'u' -> {
                    int n = e == 'x' ? 2 : 4;
                    if (i + n >= close) {
                        throw Unsupported.INSTANCE;
                    }
                    int code = 0;
                    for (int k = 1; k <= n; k++) {
                        int digit = Character.digit(chars[i + k], 16);
                        if (digit < 0) {
                            throw Unsupported.INSTANCE;
                        }
                        code = code * 16 + digit;
                    }
                    if (Character.isSurrogate((char) code)) {
                        throw Unsupported.INSTANCE;
                    }
                    out.append((char) code);
                    i += n;
                }
                default -> throw Unsupported.INSTANCE; // the rarer escapes are SnakeYAML's
            }
        }
        return out.toString();
    }

    private String singleQuoted(int open, int close) {
        String inner = text.substring(open + 1, close);
        return inner.indexOf('\'') < 0 ? inner : inner.replace("''", "'");
    }
}
