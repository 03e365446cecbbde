package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeLinesTest {
    private static final String BLOCK_AND_FLOW = String.join("\n",
            "# a comment before the first document", // 1
            "apiVersion: v1", // 2
            "kind: ConfigMap", // 3
            "metadata:", // 4
            "  name: one", // 5
            "  labels:", // 6
            "    app: x", // 7
            "data:", // 8
            "  script: |", // 9
            "    line a", // 10
            "    line b", // 11
            "  folded: >-", // 12
            "    one", // 13
            "    two", // 14
            "  after: y", // 15
            "---", // 16
            "apiVersion: apps/v1", // 17
            "kind: Deployment", // 18
            "spec:", // 19
            "  template:", // 20
            "    spec:", // 21
            "      containers:", // 22
            "        - name: a", // 23
            "          image: i", // 24
            "          ports:", // 25
            "            - containerPort: 80", // 26
            "              protocol: TCP", // 27
            "        - name: b", // 28
            "          args: [x, y,", // 29
            "            z]", // 30
            "          env: {A: \"1\",", // 31
            "            B: \"2\"}", // 32
            "      volumes:", // 33
            "        -", // 34
            "          name: v", // 35
            "          configMap: {name: c}", // 36
            "") + "\n";

    private static List<YamlDocuments.Document> read(String text) throws YamlDocuments.YamlProblem {
        return YamlDocuments.read(text);
    }

    @Test
    void blockScalarsKeepTheLinesAfterThem() throws Exception {
        YamlDocuments.Document doc = read(BLOCK_AND_FLOW).get(0);
        assertThat(doc.line()).isEqualTo(2);
        assertThat(doc.lineOf("/metadata/name")).isEqualTo(5);
        assertThat(doc.lineOf("/metadata/labels/app")).isEqualTo(7);
        assertThat(doc.lineOf("/data/script")).isEqualTo(9);
        assertThat(doc.lineOf("/data/folded")).isEqualTo(12);
        assertThat(doc.lineOf("/data/after")).isEqualTo(15);
        assertThat(doc.node().path("data").path("script").asText()).isEqualTo("line a\nline b\n");
    }

    @Test
    void absentPointersFallBackToTheirClosestPresentParent() throws Exception {
        YamlDocuments.Document doc = read(BLOCK_AND_FLOW).get(0);
        assertThat(doc.lineOf("")).isEqualTo(2);
        assertThat(doc.lineOf("/nope")).isEqualTo(2);
        assertThat(doc.lineOf("/metadata/nope/deeper")).isEqualTo(4);
        assertThat(doc.lineOf("/metadata/name/beyond/a/scalar")).isEqualTo(5);
        assertThat(doc.lineOf("not a pointer")).isEqualTo(2);
    }

    @Test
    void theSecondDocumentOfAFileHasItsOwnLines() throws Exception {
        List<YamlDocuments.Document> docs = read(BLOCK_AND_FLOW);
        assertThat(docs).hasSize(2);
        YamlDocuments.Document doc = docs.get(1);
        assertThat(doc.line()).isEqualTo(17);
        String c = "/spec/template/spec/containers/";
        assertThat(doc.lineOf(c + "0/image")).isEqualTo(24);
        assertThat(doc.lineOf(c + "0/ports/0")).isEqualTo(26);
        assertThat(doc.lineOf(c + "0/ports/0/protocol")).isEqualTo(27);
        assertThat(doc.lineOf(c + "1")).isEqualTo(28);
        assertThat(doc.lineOf(c + "1/name")).isEqualTo(28);
        assertThat(doc.lineOf(c + "5/name")).isEqualTo(22); // no such container: the list's line
        assertThat(doc.lineOf(c + "01")).isEqualTo(22); // not an array index
        // an item whose content starts on the line after its dash is placed where the content starts
        assertThat(doc.lineOf("/spec/template/spec/volumes/0")).isEqualTo(35);
        assertThat(doc.lineOf("/spec/template/spec/volumes/0/name")).isEqualTo(35);
        assertThat(doc.lineOf("/spec/template/spec/volumes/0/configMap/name")).isEqualTo(36);
    }

    @Test
    void flowStyleSpreadOverLinesPlacesEachItem() throws Exception {
        YamlDocuments.Document doc = read(BLOCK_AND_FLOW).get(1);
        String b = "/spec/template/spec/containers/1/";
        assertThat(doc.lineOf(b + "args")).isEqualTo(29);
        assertThat(doc.lineOf(b + "args/0")).isEqualTo(29);
        assertThat(doc.lineOf(b + "args/1")).isEqualTo(29);
        assertThat(doc.lineOf(b + "args/2")).isEqualTo(30);
        assertThat(doc.lineOf(b + "env/A")).isEqualTo(31);
        assertThat(doc.lineOf(b + "env/B")).isEqualTo(32);
    }

    @Test
    void escapedPointerStepsAreKeys() throws Exception {
        YamlDocuments.Document doc = read("a: 1\nmetadata:\n  annotations:\n    example.com/x~y: v\n    plain: w\n").get(0);
        assertThat(doc.lineOf("/metadata/annotations/example.com~1x~0y")).isEqualTo(4);
        assertThat(doc.lineOf("/metadata/annotations/plain")).isEqualTo(5);
    }

    private static final String ANCHORED = String.join("\n",
            "apiVersion: v1", // 1
            "kind: Example", // 2
            "metadata:", // 3
            "  name: anchored", // 4
            "  labels: &labels", // 5
            "    app: web", // 6
            "    tier: front", // 7
            "  annotations:", // 8
            "    <<: *labels", // 9
            "    note: own", // 10
            "spec:", // 11
            "  first: &item", // 12
            "    name: one", // 13
            "  items:", // 14
            "    - *item", // 15
            "    - name: two", // 16
            "  again: *item", // 17
            "---", // 18
            "apiVersion: v1", // 19
            "kind: Other", // 20
            "spec:", // 21
            "  value: &v 3", // 22
            "  same: *v", // 23
            "") + "\n";

    @Test
    void anchorsKeepTheirLinesAndCopiesSitOnTheLineThatUsesThem() throws Exception {
        List<YamlDocuments.Document> docs = read(ANCHORED);
        assertThat(docs).hasSize(2);
        YamlDocuments.Document doc = docs.get(0);
        assertThat(doc.node().path("metadata").path("annotations").path("tier").asText()).isEqualTo("front");
        assertThat(doc.node().path("spec").path("items").path(0).path("name").asText()).isEqualTo("one");
        assertThat(doc.lineOf("/metadata/labels/tier")).isEqualTo(7);
        assertThat(doc.lineOf("/metadata/annotations/note")).isEqualTo(10);
        assertThat(doc.lineOf("/metadata/annotations/tier")).isEqualTo(8); // merged in: the map's own line
        assertThat(doc.lineOf("/spec/first/name")).isEqualTo(13);
        assertThat(doc.lineOf("/spec/items/0/name")).isEqualTo(14); // an alias item: the list's line
        assertThat(doc.lineOf("/spec/items/1/name")).isEqualTo(16);
        assertThat(doc.lineOf("/spec/again/name")).isEqualTo(17); // an alias value: its key's line
        YamlDocuments.Document second = docs.get(1);
        assertThat(second.line()).isEqualTo(19);
        assertThat(second.lineOf("/spec/value")).isEqualTo(22);
        assertThat(second.lineOf("/spec/same")).isEqualTo(23);
    }

    @Test
    void onceTabsBetweenTokensAreReadAsSpacesTheLinesStay() throws Exception {
        YamlDocuments.Document doc = read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name:\tx\ndata:\n  k:\tv\n").get(0);
        assertThat(doc.lineOf("/data/k")).isEqualTo(6);
        assertThat(doc.lineOf("/metadata/name")).isEqualTo(4);
    }

    @Test
    void everyNodeHasOneEntry() throws Exception {
        for (String text : List.of(BLOCK_AND_FLOW, ANCHORED, SCALARS)) {
            for (YamlDocuments.Document doc : read(text)) {
                assertThat(doc.lines().size()).as(text).isEqualTo(NodeLines.count(doc.node()));
            }
        }
    }

    private static final String SCALARS = String.join("\n",
            "int: 42", "negative: -7", "long: 9000000000", "big: 123456789012345678901234567890",
            "float: 1.5", "exp: 1e3", "bool: true", "no: false", "nothing: null", "tilde: ~", "empty:",
            "quoted: \"42\"", "single: 'yes'", "octal: 0o17", "hex: 0x1F", "date: 2024-01-01",
            "binary: !!binary aGVsbG8=", "list: [1, 2.5, 'three', null]", "nested: {a: [{b: c}]}",
            "---", "- just", "- a list", "---", "a scalar document", "---", "") + "\n";

    @Test
    void theTreesAreJacksonsOwn() throws Exception {
        for (String text : List.of(BLOCK_AND_FLOW, SCALARS)) {
            List<JsonNode> ours = read(text).stream().map(YamlDocuments.Document::node).toList();
            List<JsonNode> jackson = YamlDocuments.jacksonTrees(text).stream().filter(n -> !n.isNull()).toList();
            assertThat(ours).isEqualTo(jackson);
            // equal numbers of other types are not equal nodes: the types are the same too
            for (int i = 0; i < ours.size(); i++) {
                assertThat(types(ours.get(i))).isEqualTo(types(jackson.get(i)));
            }
        }
    }

    private static List<String> types(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        out.add(node.getClass().getSimpleName().replace("SharedKeys", "ObjectNode"));
        node.forEach(child -> out.addAll(types(child)));
        return out;
    }

    @Test
    void objectsReadByTheLoaderKnowTheirLinesAndAListsItemsTheirDocumentLine() throws Exception {
        TreeSource source = TreeSource.inMemory(java.nio.file.Path.of("/nowhere"), new java.util.TreeMap<>(java.util.Map.of(
                "a/deploy.yaml", BLOCK_AND_FLOW,
                "a/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n"
                        + "    metadata:\n      name: three\n")));
        LoadedTree tree = new TreeLoader().load(source);
        SourceObject deployment = tree.objects().stream().filter(o -> o.kind().equals("Deployment")).findFirst().orElseThrow();
        assertThat(deployment.lineOf("/spec/template/spec/containers/1/env/B")).isEqualTo(32);
        SourceObject item = tree.objects().stream().filter(o -> o.name().equals("three")).findFirst().orElseThrow();
        assertThat(item.lineOf("/metadata/name")).isEqualTo(1);
    }

    @Test
    void anIdentityKeepsTheLinesOfTheGivenPointersOnly() throws Exception {
        YamlDocuments.Document doc = read(BLOCK_AND_FLOW).get(1);
        SourceObject whole = new SourceObject("f.yaml", doc.line(), (ObjectNode) doc.node(), doc.lines());
        SourceObject identity = whole.identity(Set.of("/spec/template/spec/containers/0/image"));
        assertThat(identity.node().has("spec")).isFalse();
        assertThat(identity.lineOf("/spec/template/spec/containers/0/image")).isEqualTo(24);
        assertThat(identity.lineOf("/spec/template/spec/containers/1/name")).isEqualTo(17);
    }
}
