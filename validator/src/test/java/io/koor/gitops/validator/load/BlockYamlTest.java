package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast reader of block YAML against Jackson's YAML parser (SnakeYAML), which stays the reference:
 * wherever the fast reader gives a tree, it must be the same tree (node types, field order, values)
 * with the same lines; where it is not sure it must give up, never guess. Checked on constructs one by
 * one, and over every YAML file of this repository's generated tree, of the validator's fixtures, and
 * of the real repositories named by {@code GITOPS_REAL_TREES} when that directory is present.
 */
class BlockYamlTest {
    /** Within the subset: the fast reader reads it, to SnakeYAML's tree. */
    @ParameterizedTest
    @ValueSource(strings = {
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: b\ndata:\n  k: v\n",
            "# leading comment\n---\napiVersion: v1 # trailing\nkind: Secret\n---\n\n---\nkind: Two\n",
            "a:\n- 1\n- -2\n- 0\n- -0\n- 2147483647\n- 2147483648\n- 123456789012345678\n- -2147483648\n",
            "a: ~\nb: null\nc: Null\nd:\ne: true\nf: False\ng: TRUE\nh: nul\ni: truth\n",
            "v: 10Gi\nw: 500m\nx: 1.2.3\ny: 2024-01-01\nz: v1.2\nimage: nginx:1.27\nurl: http://a:80/b\nhash: a#b\n",
            "s: 'it''s'\nd: \"a\\\"b\\\\c\\nd\\u00e9\\x41\"\ne: \"\"\nf: ''\n\"quoted key\": 1\n'single': 2\n",
            "spec:\n  containers:\n  - name: a\n    args: [\"--x\", '-y', z, 3, true]\n    env: []\n    resources: {}\n"
                    + "  - name: b\n    ports:\n      - containerPort: 80\n        protocol: TCP\n",
            "script: |\n  echo a\n\n    indented\n  # not a comment\n\nnext: |-\n  no newline\nlast: 1\n",
            "a: |\n  x\n  y",
            "empty: |\nafter: 1\n",
            "leading: |\n\n\n  after two blank lines\n  \n  x\nnext: |-\n\n  y\n",
            "list:\n-\n  a: 1\n-\n- x\n-   spaced: 1\n    more: 2\n",
            "k :  v\nkey with spaces: value with spaces   \n",
            "  indented: root\n  second: 2\n",
            "a:\n  b:\n    c:\n      d: [ ]\n",
            "a: x # comment: with colon\nb: \"# not a comment\"\n",
            "plain: -v\nmore: --flag=1\nq: ?x\ncolon: :x\n",
            "a: b\n    # an indented comment after a value\nc: d\n",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {}\nspec:\n  replicas: 3\n"
                    + "  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n"
                    + "        command: [\"sh\", \"-c\"]\n        args:\n        - |\n          echo hello\n"
                    + "        - --port=80\n",
            "",
            "# only a comment\n",
            "defaultMode: 0440\nmode: 0755\nzero: 00\nmax: 07777777777\nnot octal: 0448\n",
    })
    void readsTheBlockYamlOfManifestsAsSnakeYamlDoes(String text) throws Exception {
        assertThat(assertAgree("fixture", text)).as("read by the fast reader:\n" + text).isTrue();
    }

    /** Outside the subset, or not YAML at all: the fast reader gives up and SnakeYAML decides. */
    @ParameterizedTest
    @ValueSource(strings = {
            "- a\n",
            "a: 'multi\n  line'\n",
            "a: >\n  folded\n",
            "a: b\n  c\n",
            "a: yes\n",
            "a: 1.5\n",
            "a: 1e3\n",
            "a: 0x1F\n",
            "a: 1_000\n",
            "a: 1\na: 2\n",
            "a:\tb\n",
            "a: b\r\nc: d\r\n",
            "a: {b: 1}\n",
            "a: !!str 1\n",
            "a: |+\n  kept\n\n",
            "a: |2\n   two\n",
            "a: [1,\n  2]\n",
            "a: [1, [2]]\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: b: c\n",
            "- - x\n",
            "a:\n  - b\n c: 1\n",
            "a: \"unclosed\n",
            "just a scalar\n",
            "a: 1\n...\n",
            "? complex\n: key\n",
            "a: \"\\N\"\n",
    })
    void givesUpOutsideItsSubset(String text) throws Exception {
        assertThat(BlockYaml.read(text, null)).as(text).isNull();
        assertAgree("fixture", text);
    }

    /** Every YAML file of the generated tree, the fixtures, and real repositories when present. */
    @Test
    void agreesWithSnakeYamlOnRealTrees() throws Exception {
        List<Path> roots = new ArrayList<>();
        Path repository = Path.of("..").toAbsolutePath().normalize();
        for (String dir : List.of("clusters", "infrastructure", "apps")) {
            roots.add(repository.resolve(dir));
        }
        roots.add(Path.of("src/test/resources"));
        String real = System.getProperty("GITOPS_REAL_TREES", System.getenv("GITOPS_REAL_TREES"));
        if (real != null && Files.isDirectory(Path.of(real))) {
            roots.add(Path.of(real));
        } else {
            System.err.println("BlockYamlTest: GITOPS_REAL_TREES is not set to a directory; real repositories not compared");
        }
        int files = 0;
        int fast = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> yaml;
            try (Stream<Path> walk = Files.walk(root)) {
                yaml = walk.filter(p -> Files.isRegularFile(p) && TreeLoader.isYaml(p.getFileName().toString())).sorted().toList();
            }
            for (Path file : yaml) {
                byte[] bytes = Files.readAllBytes(file);
                String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                files++;
                if (assertAgree(file.toString(), text)) {
                    fast++;
                }
            }
        }
        System.err.printf("BlockYamlTest: %d YAML files compared, %d read by the fast reader (%d%%)%n", files, fast,
                files == 0 ? 0 : 100 * fast / files);
        assertThat(files).isGreaterThan(300);
        // the generated tree is plain block YAML: nearly all of it must take the fast path
        assertThat(fast).as("files the fast reader read").isGreaterThan(files * 3 / 4);
    }

    /**
     * Seeded edits of real manifests at the characters YAML's structure hangs on (a colon, a dash, a
     * quote, an indentation space, a line break, a '#', a '|'): whatever the fast reader accepts,
     * SnakeYAML must read to the same tree, and what SnakeYAML refuses the fast reader must give up
     * on, so that no malformed file loses its message.
     */
    @Test
    void neverAcceptsWhatSnakeYamlRefusesNorReadsAnEditDifferently() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("..").toAbsolutePath().normalize().resolve("apps"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().limit(120).toList();
        }
        assertThat(files).isNotEmpty();
        java.util.Random random = new java.util.Random(20261203);
        String structural = ":- \"'\n#|[]{}>";
        int edits = 0;
        int fast = 0;
        int refused = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            for (int k = 0; k < 40; k++) {
                StringBuilder edited = new StringBuilder(text);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    int at = random.nextInt(edited.length());
                    switch (random.nextInt(3)) {
                        case 0 -> edited.deleteCharAt(at);
                        case 1 -> edited.insert(at, structural.charAt(random.nextInt(structural.length())));
                        default -> edited.setCharAt(at, structural.charAt(random.nextInt(structural.length())));
                    }
                }
                String variant = edited.toString();
                edits++;
                try {
                    YamlDocuments.parse(variant, null);
                } catch (YamlDocuments.YamlProblem | YamlDocuments.SeparatingTab e) {
                    refused++;
                }
                if (assertAgree(file + " edit " + k, variant)) {
                    fast++;
                }
            }
        }
        System.err.printf("BlockYamlTest: %d edits, %d refused by SnakeYAML, %d read by the fast reader, all agreeing%n",
                edits, refused, fast);
        assertThat(refused).as("edits that break the YAML").isGreaterThan(edits / 10);
        assertThat(fast).as("edits the fast reader still reads").isGreaterThan(edits / 10);
    }

    /** True when the fast reader read it; fails when it read it differently from SnakeYAML. */
    private static boolean assertAgree(String file, String text) throws IOException {
        if (text.indexOf('&') >= 0 && text.indexOf('*') >= 0) {
            return false; // anchors and aliases go to AnchoredDocuments, not to either reader
        }
        List<YamlDocuments.Document> fast = BlockYaml.read(text, null);
        List<YamlDocuments.Document> slow;
        try {
            slow = YamlDocuments.parse(text, null);
        } catch (YamlDocuments.YamlProblem | YamlDocuments.SeparatingTab e) {
            assertThat(fast).as(file + ": SnakeYAML refuses it (" + e.getMessage() + "), the fast reader must give up").isNull();
            return false;
        }
        if (fast == null) {
            return false;
        }
        assertThat(fast).as(file + ": documents").hasSameSizeAs(slow);
        for (int i = 0; i < slow.size(); i++) {
            String at = file + " document " + (i + 1);
            assertThat(fast.get(i).line()).as(at + ": line").isEqualTo(slow.get(i).line());
            assertThat(difference(fast.get(i).node(), slow.get(i).node(), "")).as(at).isNull();
            assertThat(fast.get(i).lines()).as(at + ": node lines").isEqualTo(slow.get(i).lines());
        }
        // with shared subtrees the readers must agree too (same counts handed to the table)
        SharedSubtrees a = new SharedSubtrees();
        SharedSubtrees b = new SharedSubtrees();
        List<YamlDocuments.Document> fastShared = BlockYaml.read(text, a);
        try {
            YamlDocuments.parse(text, b);
        } catch (YamlDocuments.YamlProblem | YamlDocuments.SeparatingTab e) {
            throw new AssertionError(e);
        }
        assertThat(fastShared).isNotNull();
        assertThat(a.size()).as(file + ": shared subtrees").isEqualTo(b.size());
        return true;
    }

    /** Where two trees differ (type, value, field order), or null. */
    private static String difference(JsonNode fast, JsonNode slow, String at) {
        if (fast.getClass() != slow.getClass()) {
            return at + ": " + fast.getClass().getSimpleName() + " " + fast + " where SnakeYAML gives "
                    + slow.getClass().getSimpleName() + " " + slow;
        }
        if (slow.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> f = fast.fields();
            Iterator<Map.Entry<String, JsonNode>> s = slow.fields();
            while (f.hasNext() && s.hasNext()) {
                Map.Entry<String, JsonNode> x = f.next();
                Map.Entry<String, JsonNode> y = s.next();
                if (!x.getKey().equals(y.getKey())) {
                    return at + ": key " + x.getKey() + " where SnakeYAML gives " + y.getKey();
                }
                String d = difference(x.getValue(), y.getValue(), at + "/" + y.getKey());
                if (d != null) {
                    return d;
                }
            }
            return f.hasNext() || s.hasNext() ? at + ": a different number of keys" : null;
        }
        if (slow.isArray()) {
            if (fast.size() != slow.size()) {
                return at + ": " + fast.size() + " items where SnakeYAML gives " + slow.size();
            }
            for (int i = 0; i < slow.size(); i++) {
                String d = difference(fast.get(i), slow.get(i), at + "/" + i);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return fast.equals(slow) ? null : at + ": " + cut(fast) + " where SnakeYAML gives " + cut(slow);
    }

    private static String cut(JsonNode node) {
        String shown = node.toString();
        return shown.length() > 160 ? shown.substring(0, 160) + "..." : shown;
    }
}
