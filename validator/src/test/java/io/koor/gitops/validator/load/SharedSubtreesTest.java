package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SharedSubtreesTest {
    private static final String TWO = String.join("\n",
            "apiVersion: v1", // 1
            "kind: Pod", // 2
            "metadata:", // 3
            "  name: a", // 4
            "spec:", // 5
            "  containers:", // 6
            "    - name: one", // 7
            "      securityContext:", // 8
            "        runAsNonRoot: true", // 9
            "        capabilities: {drop: [ALL]}", // 10
            "---", // 11
            "apiVersion: v1", // 12
            "kind: Pod", // 13
            "metadata:", // 14
            "  name: b", // 15
            "  labels: {x: '1'}", // 16
            "spec:", // 17
            "  containers:", // 18
            "    - name: two", // 19
            "      image: i", // 20
            "      securityContext:", // 21
            "        runAsNonRoot: true", // 22
            "        capabilities:", // 23
            "          drop:", // 24
            "            - ALL", // 25
            "    - name: three", // 26
            "      securityContext:", // 27
            "        capabilities: {drop: [ALL]}", // 28
            "        runAsNonRoot: true", // 29
            "      ports: [{containerPort: 1}]", // 30
            "      other: [{containerPort: 1.0}]", // 31
            "") + "\n";

    private static JsonNode security(List<YamlDocuments.Document> docs, int doc, int container) {
        return docs.get(doc).node().path("spec").path("containers").path(container).path("securityContext");
    }

    @Test
    void repeatedBlocksAreOneInstanceAndKeepTheirOwnLines() throws Exception {
        SharedSubtrees shared = new SharedSubtrees();
        List<YamlDocuments.Document> docs = YamlDocuments.read(TWO, shared);
        assertThat(security(docs, 0, 0)).isSameAs(security(docs, 1, 0)); // flow or block style alike
        // the lines come from each document's own record, not from the shared nodes
        assertThat(docs.get(0).lineOf("/spec/containers/0/securityContext/capabilities/drop/0")).isEqualTo(10);
        assertThat(docs.get(1).lineOf("/spec/containers/0/securityContext/capabilities/drop/0")).isEqualTo(25);
        assertThat(docs.get(1).lineOf("/spec/containers/0/securityContext/runAsNonRoot")).isEqualTo(22);
        assertThat(shared.size()).isPositive();
    }

    @Test
    void theSameFieldsInAnotherOrderOrNumbersOfAnotherTypeAreNotShared() throws Exception {
        List<YamlDocuments.Document> docs = YamlDocuments.read(TWO, new SharedSubtrees());
        JsonNode reordered = security(docs, 1, 1);
        assertThat(reordered).isEqualTo(security(docs, 1, 0)); // equal as maps
        assertThat(reordered).isNotSameAs(security(docs, 1, 0)); // but not interchangeable for lines
        assertThat(docs.get(1).lineOf("/spec/containers/1/securityContext/runAsNonRoot")).isEqualTo(29);
        JsonNode container = docs.get(1).node().path("spec").path("containers").path(1);
        assertThat(container.path("ports").path(0)).isNotSameAs(container.path("other").path(0));
        assertThat(container.path("other").path(0).path("containerPort").isDouble()).isTrue();
    }

    @Test
    void withoutSharingEveryCopyIsItsOwn() throws Exception {
        List<YamlDocuments.Document> docs = YamlDocuments.read(TWO);
        assertThat(security(docs, 0, 0)).isEqualTo(security(docs, 1, 0)).isNotSameAs(security(docs, 1, 0));
    }

    @Test
    void theLoaderSharesWhenItKeepsWholeObjectsOnly() throws Exception {
        TreeSource source = TreeSource.inMemory(Path.of("/nowhere"), new TreeMap<>(Map.of("a.yaml", TWO)));
        LoadedTree whole = new TreeLoader().load(source);
        JsonNode first = whole.objects().get(0).node().path("spec").path("containers").path(0).path("securityContext");
        JsonNode second = whole.objects().get(1).node().path("spec").path("containers").path(0).path("securityContext");
        assertThat(first).isSameAs(second);
        assertThat(whole.objects().get(1).lineOf("/spec/containers/0/securityContext/capabilities")).isEqualTo(23);
    }
}
