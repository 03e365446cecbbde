package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each small subtree that repeats across the tree's objects. Manifests repeat whole
 * blocks: the same securityContext in every container, the downward-API env entries, preStop hooks,
 * probes, tolerations, affinity terms. Every object is kept until the rules have run, so without
 * sharing each copy is its own nodes; with it, a copy costs one reference. Sampled on the realistic
 * corpus of bench/peer, subtrees of at most {@value #MAX_NODES} nodes that had been seen before were
 * 71% of all nodes (a corpus written from templates repeats more than a hand-written tree does).
 *
 * <p>Subtrees are shared bottom-up as they are parsed, so a mapping's or list's children are
 * already the shared instances: two are the same when they have the same class, the same keys in
 * the same order, and the same children (containers by identity, scalars by value and type). The
 * order matters: lines are found by counting nodes in order ({@link NodeLines}), and two mappings
 * with the same fields in another order are not interchangeable for that.
 *
 * <p>Only for trees that nobody changes: the validator's loader reads objects and never writes to
 * them (a check that needs changed values, such as defaults, works on a copy). Bounded, so a tree of
 * unique subtrees only fills the table once.
 */
final class SharedSubtrees {
    /** Larger subtrees seldom repeat whole, and comparing them would cost more. */
    static final int MAX_NODES = 16;
    private static final int MAX_ENTRIES = 1 << 18;

    private final ConcurrentHashMap<Key, JsonNode> table = new ConcurrentHashMap<>();

    /** The shared instance of {@code node} (a mapping or list of {@code nodes} nodes whose children are shared already). */
    JsonNode of(JsonNode node, int nodes) {
        if (nodes > MAX_NODES) {
            return node;
        }
        Key key = new Key(node);
        JsonNode shared = table.get(key);
        if (shared != null) {
            return shared;
        }
        if (table.size() < MAX_ENTRIES) {
            shared = table.putIfAbsent(key, node);
        }
        return shared == null ? node : shared;
    }

    int size() {
        return table.size();
    }

    private static final class Key {
        private final JsonNode node;
        private final int hash;

        Key(JsonNode node) {
            this.node = node;
            int h = node.isObject() ? 1 : 2;
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    h = 31 * (31 * h + field.getKey().hashCode()) + hashOf(field.getValue());
                }
            } else {
                for (JsonNode item : node) {
                    h = 31 * h + hashOf(item);
                }
            }
            this.hash = h;
        }

        private static int hashOf(JsonNode child) {
            return child.isContainerNode() ? System.identityHashCode(child) : child.hashCode();
        }

        private static boolean same(JsonNode a, JsonNode b) {
            return a.isContainerNode() || b.isContainerNode() ? a == b : a.getClass() == b.getClass() && a.equals(b);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key other) || other.hash != hash) {
                return false;
            }
            JsonNode a = node;
            JsonNode b = other.node;
            if (a.getClass() != b.getClass() || a.size() != b.size()) {
                return false;
            }
            if (a.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> x = a.fields();
                Iterator<Map.Entry<String, JsonNode>> y = b.fields();
                while (x.hasNext()) {
                    Map.Entry<String, JsonNode> fx = x.next();
                    Map.Entry<String, JsonNode> fy = y.next();
                    if (!fx.getKey().equals(fy.getKey()) || !same(fx.getValue(), fy.getValue())) {
                        return false;
                    }
                }
                return true;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
