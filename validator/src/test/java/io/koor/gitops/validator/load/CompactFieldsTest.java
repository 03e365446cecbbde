package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactFieldsTest {
    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    /** The same operations on a CompactFields and a LinkedHashMap leave equal maps, in the same order. */
    private static void assertSame(CompactFields ours, Map<String, JsonNode> theirs) {
        assertThat(ours).isEqualTo(theirs);
        assertThat(theirs).isEqualTo(ours);
        assertThat(ours.hashCode()).isEqualTo(theirs.hashCode());
        assertThat(new ArrayList<>(ours.keySet())).containsExactlyElementsOf(theirs.keySet());
        assertThat(new ArrayList<>(ours.values())).containsExactlyElementsOf(theirs.values());
        for (String key : theirs.keySet()) {
            assertThat(ours.get(key)).isEqualTo(theirs.get(key));
            assertThat(ours.containsKey(key)).isTrue();
        }
        assertThat(ours.get("absent")).isNull();
        assertThat(ours.containsKey("absent")).isFalse();
    }

    @Test
    void behavesAsALinkedHashMapBelowAndAboveTheIndexThreshold() {
        CompactFields ours = new CompactFields();
        Map<String, JsonNode> theirs = new LinkedHashMap<>();
        for (int i = 0; i < 3 * CompactFields.INDEXED; i++) {
            String key = new String("k" + i); // not the same instance as the lookups' keys
            assertThat(ours.put(key, text("v" + i))).isEqualTo(theirs.put(key, text("v" + i)));
            assertSame(ours, theirs);
        }
        assertThat(ours.put("k3", text("new"))).isEqualTo(theirs.put("k3", text("new"))); // keeps its place
        assertSame(ours, theirs);
        for (String gone : List.of("k0", "k10", "k23", "k5")) {
            assertThat(ours.remove(gone)).isEqualTo(theirs.remove(gone));
            assertSame(ours, theirs);
        }
        assertThat(ours.remove("absent")).isNull();
        while (ours.size() > 2) { // back below the threshold, the scan finds what the index did
            String first = ours.keySet().iterator().next();
            ours.remove(first);
            theirs.remove(first);
            assertSame(ours, theirs);
        }
        ours.trim();
        assertSame(ours, theirs);
        ours.put("after-trim", text("x"));
        theirs.put("after-trim", text("x"));
        assertSame(ours, theirs);
        ours.clear();
        assertThat(ours).isEmpty();
        assertThat(ours.get("after-trim")).isNull();
    }

    @Test
    void entriesWriteThroughAndTheIteratorRemoves() {
        CompactFields ours = new CompactFields();
        for (String k : List.of("a", "b", "c", "d")) {
            ours.put(k, text(k));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ours.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("b")) {
                it.remove();
            } else {
                e.setValue(text(e.getKey().toUpperCase()));
            }
        }
        assertThat(ours.keySet()).containsExactly("a", "c", "d");
        assertThat(ours.get("c")).isEqualTo(text("C"));
        assertThat(ours.keySet().contains("c")).isTrue();
        assertThat(ours.values()).containsExactly(text("A"), text("C"), text("D"));
        Iterator<JsonNode> values = ours.values().iterator();
        values.next();
        values.remove(); // through the values view, as through the entries
        Iterator<String> keys = ours.keySet().iterator();
        assertThat(keys.next()).isEqualTo("c");
        keys.remove();
        assertThat(ours).containsOnlyKeys("d");
        assertThat(ours.get("c")).isNull();
        assertThat(ours.entrySet()).containsExactly(Map.entry("d", text("D")));
    }

    @Test
    void parsedObjectsAreEqualToJacksonsOwnAndUseTheCompactStorage() throws Exception {
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b}\ndata:\n"
                + String.join("", java.util.stream.IntStream.range(0, 20).mapToObj(i -> "  key" + i + ": v" + i + "\n").toList());
        JsonNode ours = YamlDocuments.read(yaml).get(0).node();
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        plain.put("apiVersion", "v1").put("kind", "ConfigMap");
        plain.putObject("metadata").put("name", "x").putObject("labels").put("a", "b");
        ObjectNode data = plain.putObject("data");
        for (int i = 0; i < 20; i++) {
            data.put("key" + i, "v" + i);
        }
        assertThat(ours).isEqualTo(plain);
        assertThat(plain).isEqualTo(ours);
        assertThat(ours.hashCode()).isEqualTo(plain.hashCode());
        assertThat(ours.path("data").path("key17").asText()).isEqualTo("v17");
        assertThat(ours.toString()).isEqualTo(plain.toString());
        java.lang.reflect.Field children = ObjectNode.class.getDeclaredField("_children");
        children.setAccessible(true);
        assertThat(children.get(ours.path("metadata"))).isInstanceOf(CompactFields.class);
    }
}
