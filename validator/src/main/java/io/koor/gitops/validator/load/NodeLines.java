package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * The line of every node of one parsed YAML document, recorded while the document is parsed, so
 * that findings (and pull-request annotations) can point at the offending line without reading the
 * file again. One {@code int} per node, in the tree's pre-order (a node, then its children in
 * order): a field's entry is the line of its key, a list item's the line where the item starts, the
 * root's the line the document starts at. An entry of 0 means the node has no line of its own (the
 * copy of an anchor that an alias or a {@code <<} merge stands for): it is placed on its parent's.
 *
 * <p>Looking a pointer up walks the tree it was recorded for, counting the nodes it passes, so the
 * tree must be the one parsed, unchanged.
 */
public final class NodeLines {
    private final int[] lines;
    /** Instead of lines: the lines of a few pointers, found while the whole tree was there. */
    private final Map<String, Integer> placed;

    NodeLines(int[] lines) {
        this.lines = lines;
        this.placed = null;
    }

    private NodeLines(Map<String, Integer> placed) {
        this.lines = new int[0];
        this.placed = Map.copyOf(placed);
    }

    /**
     * The lines of just these pointers, for an object whose tree is dropped once it is checked
     * (a schema-only run keeps only its identity): the few pointers of its findings are looked up
     * before, the rest fall back to the document's line.
     */
    static NodeLines placed(Map<String, Integer> lines) {
        return new NodeLines(lines);
    }

    /** The same lines for the same nodes (two readers of one document agree). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NodeLines other && Arrays.equals(lines, other.lines) && java.util.Objects.equals(placed, other.placed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lines);
    }

    @Override
    public String toString() {
        return placed != null ? placed.toString() : Arrays.toString(lines);
    }

    /** How many nodes the recorded tree has. */
    int size() {
        return lines.length;
    }

    /**
     * The line of {@code pointer} (RFC 6901) in {@code root}, the tree these lines were recorded
     * for, or of its closest present parent; {@code documentLine} when not even the first step of
     * the pointer is present.
     */
    public int lineOf(JsonNode root, String pointer, int documentLine) {
        if (placed != null) {
            return placed.getOrDefault(pointer, documentLine);
        }
        int best = documentLine;
        if (pointer.isEmpty() || pointer.charAt(0) != '/') {
            return best;
        }
        JsonNode node = root;
        int index = 0; // of node, in pre-order
        int from = 1;
        while (from <= pointer.length()) {
            int to = pointer.indexOf('/', from);
            if (to < 0) {
                to = pointer.length();
            }
            String step = pointer.substring(from, to);
            from = to + 1;
            int child = index + 1;
            JsonNode next = null;
            if (node.isObject()) {
                String name = unescape(step);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    if (field.getKey().equals(name)) {
                        next = field.getValue();
                        break;
                    }
                    child += count(field.getValue());
                }
            } else if (node.isArray()) {
                int item = arrayIndex(step);
                if (item >= 0 && item < node.size()) {
                    for (int i = 0; i < item; i++) {
                        child += count(node.get(i));
                    }
                    next = node.get(item);
                }
            }
            if (next == null || child >= lines.length) {
                break;
            }
            node = next;
            index = child;
            if (lines[index] > 0) {
                best = lines[index];
            }
        }
        return best;
    }

    /** The nodes in a tree, itself included. */
    static int count(JsonNode node) {
        if (!node.isContainerNode()) {
            return 1;
        }
        int n = 1;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private static String unescape(String step) {
        return step.indexOf('~') < 0 ? step : step.replace("~1", "/").replace("~0", "~");
    }

    /** A pointer's array index: digits without a leading zero (or "0"), else -1. */
    private static int arrayIndex(String step) {
        if (step.isEmpty() || step.length() > 9 || step.length() > 1 && step.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < step.length(); i++) {
            if (step.charAt(i) < '0' || step.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(step);
    }

    /** A growing list of lines while one document is parsed. */
    static final class Recorder {
        private int[] lines = new int[64];
        private int size;

        void add(int line) {
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, size * 2);
            }
            lines[size++] = line;
        }

        /** Entries of 0 for a whole subtree that has no lines of its own. */
        void addUnplaced(int nodes) {
            for (int i = 0; i < nodes; i++) {
                add(0);
            }
        }

        int size() {
            return size;
        }

        NodeLines done() {
            NodeLines result = new NodeLines(Arrays.copyOf(lines, size));
            size = 0;
            return result;
        }
    }
}
