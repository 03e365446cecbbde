package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeLoaderTest {
    @TempDir
    Path root;

    private void file(String path, String text) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private LoadedTree load() throws IOException {
        return new TreeLoader().load(root);
    }

    @Test
    void everyDocumentKeepsItsFileAndLine() throws IOException {
        file("a/multi.yaml", "# comment\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n---\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: two\n");
        file("a/list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata:\n      name: three\n");
        LoadedTree tree = load();
        assertThat(tree.objects()).extracting(o -> o.file() + ":" + o.line() + ":" + o.name())
                .containsExactly("a/list.yaml:1:three", "a/multi.yaml:2:one", "a/multi.yaml:8:two");
        assertThat(tree.problems()).isEmpty();
    }

    @Test
    void notYamlIsAFindingWithLineAndColumn() throws IOException {
        file("bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a: b\n");
        Violation v = load().problems().get(0);
        assertThat(v.ruleId()).isEqualTo("yaml-invalid");
        assertThat(v.file()).isEqualTo("bad.yaml");
        assertThat(v.line()).isEqualTo(4);
        assertThat(v.message()).startsWith("line 4, column 10: not valid YAML: mapping values are not allowed here");
    }

    @Test
    void anUnclosedQuoteOrBracketIsPlacedWhereItBegins() throws IOException {
        // the parser only notices at the end of the file; the fix belongs where the quote or bracket opened
        file("quote.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"open\n  b: c\n");
        Violation quote = load().problems().get(0);
        assertThat(quote.line()).isEqualTo(6);
        assertThat(quote.message()).contains("end of stream", "what begins here is never closed");
        assertThat(quote.hint()).contains("quote, ] or }");
        file("quote.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n");
        assertThat(load().problems().get(0).line()).isEqualTo(4);
    }

    @Test
    void duplicateKeysAreErrors() throws IOException {
        file("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n  a: \"2\"\n");
        Violation v = load().problems().get(0);
        assertThat(v.ruleId()).isEqualTo("yaml-invalid");
        assertThat(v.line()).isEqualTo(7);
        assertThat(v.message()).contains("duplicate key 'a'");
    }

    @Test
    void patchesAndGeneratorInputsAreNotStandaloneObjects() throws IOException {
        file("app/kustomization.yaml", """
                resources:
                  - deploy.yaml
                  - https://example.com/remote.yaml
                patches:
                  - path: patch.yaml
                patchesStrategicMerge:
                  - smp.yaml
                configMapGenerator:
                  - name: cfg
                    files:
                      - settings=config.yaml
                """);
        file("app/deploy.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n");
        file("app/patch.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n  labels: {x: y}\n");
        file("app/smp.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n");
        file("app/config.yaml", "setting: true\n");
        LoadedTree tree = load();
        assertThat(tree.objects()).extracting(SourceObject::file).containsExactly("app/deploy.yaml");
        assertThat(tree.kustomizations().get("app").resources()).containsExactly("app/deploy.yaml");
        assertThat(tree.skipped()).anyMatch(s -> s.startsWith("app/patch.yaml: read by a kustomization as a patch"));
        assertThat(tree.problems()).extracting(Violation::ruleId).containsExactly("kustomize-remote-resource");
    }

    @Test
    void helmChartsAndValuesFilesAreSkippedAndSaidSo() throws IOException {
        file("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n");
        file("charts/web/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");
        file("apps/values-prod.yaml", "replicaCount: 3\n");
        LoadedTree tree = load();
        assertThat(tree.objects()).isEmpty();
        assertThat(tree.problems()).isEmpty();
        assertThat(tree.skipped()).containsExactly("apps/values-prod.yaml: Helm values, not a manifest",
                "charts/web/: a Helm chart (templates and values are rendered by Helm, not applied as they are)");
    }

    /** As in khuedoan/homelab's metal/roles/cilium: Jinja2 that only Ansible renders, on disk and in memory alike. */
    @Test
    void anAnsibleRolesTemplatesAreSkippedAndSaidSo() throws IOException {
        file("metal/roles/cilium/tasks/main.yml", "- name: Install Cilium\n  ansible.builtin.template:\n    src: pool.yaml\n");
        file("metal/roles/cilium/templates/pool.yaml", "apiVersion: cilium.io/v2alpha1\nkind: CiliumLoadBalancerIPPool\n"
                + "spec:\n  blocks:\n{% for block in blocks %}\n    - cidr: {{ block }}\n{% endfor %}\n");
        // a templates/ directory of no Ansible role is read as any other
        file("apps/templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n");
        LoadedTree tree = load();
        assertThat(tree.problems()).isEmpty();
        assertThat(tree.objects()).extracting(SourceObject::file).containsExactly("apps/templates/ns.yaml");
        assertThat(tree.skipped()).contains("metal/roles/cilium/: an Ansible role (tasks for Ansible, and templates it renders"
                + " with Jinja2; not applied as they are)");
        java.util.SortedMap<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        LoadedTree memory = new TreeLoader().load(TreeSource.inMemory(root, files));
        assertThat(memory.problems()).isEmpty();
        assertThat(memory.skipped()).isEqualTo(tree.skipped());
    }

    @Test
    void yamlThatIsNotAManifestIsAWarning() throws IOException {
        file("notes.yaml", "owner: storage-team\n");
        assertThat(load().problems()).singleElement().satisfies(v -> assertThat(v.ruleId()).isEqualTo("not-a-manifest"));
    }

    @Test
    void hiddenAndBuildDirectoriesAreNotRead() throws IOException {
        file(".git/x.yaml", "a: [\n");
        file("target/x.yaml", "a: [\n");
        assertThat(load().yamlFiles()).isEmpty();
    }

    @Test
    void hostileInputIsRefusedWithinBounds() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 12; i++) {
            char prev = (char) ('a' + i);
            char next = (char) ('a' + i + 1);
            bomb.append(next).append(": &").append(next).append(" [");
            bomb.append(("*" + prev + ", ").repeat(9)).append("*").append(prev).append("]\n");
        }
        file("bomb.yaml", bomb.toString());
        file("deep.yaml", "a: ".repeat(1) + "[".repeat(5000) + "]".repeat(5000) + "\n");
        file("big.yaml", "a: " + "x".repeat(YamlDocuments.MAX_FILE_BYTES) + "\n");
        long start = System.nanoTime();
        LoadedTree tree = load();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tree.problems()).extracting(Violation::file).contains("big.yaml", "deep.yaml");
        assertThat(tree.problems()).filteredOn(v -> v.file().equals("big.yaml")).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo("line 1, column 1: the file has 4096 KiB, more than the limit of 4 MiB");
            assertThat(v.hint()).isEqualTo("split it into several files");
        });
        assertThat(tree.problems()).filteredOn(v -> v.file().equals("deep.yaml")).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo("line 1, column 104: nested more than 100 levels deep, the limit");
            assertThat(v.hint()).contains("flatten");
        });
        assertThat(tree.problems()).filteredOn(v -> v.file().equals("bomb.yaml")).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("yaml-invalid");
            assertThat(v.message()).contains("more than 50 aliases to maps or lists", "alias bombs");
            assertThat(v.hint()).contains("instead of using YAML anchors and aliases");
        });
        // Bounded: not a timing assertion on speed, a guard against exponential expansion hanging the run.
        assertThat(millis).isLessThan(60_000);
    }

    @Test
    void componentsAreFollowedAndTheirPatchesAreNotStandalone() throws IOException {
        file("app/kustomization.yaml", "resources:\n  - deploy.yaml\ncomponents:\n  - ../monitoring\n");
        file("app/deploy.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n");
        file("monitoring/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                + "resources:\n  - servicemonitor.yaml\npatches:\n  - path: add-labels.yaml\n");
        file("monitoring/servicemonitor.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sm\n");
        file("monitoring/add-labels.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n");
        LoadedTree tree = load();
        assertThat(tree.kustomizations().get("app").resources()).containsExactly("app/deploy.yaml", "monitoring");
        assertThat(tree.objects()).extracting(SourceObject::file).containsExactly("app/deploy.yaml",
                "monitoring/servicemonitor.yaml");
    }

    @Test
    void aTabInTheIndentationIsNamedWhereItIs() throws IOException {
        file("tab.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n");
        Violation v = load().problems().get(0);
        assertThat(v.line()).isEqualTo(4);
        assertThat(v.message()).isEqualTo("line 4, column 1: a tab character in the indentation");
        assertThat(v.hint()).isEqualTo("YAML indents with spaces only: replace the tab with spaces");
    }

    /** kubectl's go-yaml reads a tab between tokens as whitespace, as YAML 1.2 says (s-separate-in-line). */
    @Test
    void tabsBetweenTokensAreWhitespaceAsKubectlReadsThem() throws IOException {
        file("cm.yaml", "---\t\napiVersion: v1\nkind: ConfigMap\nmetadata:\t\n  name:\ttabs\t\n  labels: {a: b}\t\n"
                + "data:\n  quoted: \"q\"\t\n  block: |\n    kept\t\n  list: [x]\t # a comment\n");
        LoadedTree tree = load();
        assertThat(tree.problems()).isEmpty();
        assertThat(tree.objects()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("tabs");
            assertThat(o.node().at("/data/quoted").asText()).isEqualTo("q");
            assertThat(o.node().at("/data/block").asText()).as("a block scalar keeps its tab").isEqualTo("kept\t\n");
            assertThat(o.node().at("/data/list/0").asText()).isEqualTo("x");
        });
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndColumn() throws IOException {
        Path p = root.resolve("latin1.yaml");
        Files.write(p, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Violation v = load().problems().get(0);
        assertThat(v.line()).isEqualTo(4);
        assertThat(v.message()).isEqualTo("line 4, column 12: byte 0xE9 is not UTF-8 text (Kubernetes reads manifests as UTF-8)");
        assertThat(v.hint()).contains("save the file as UTF-8");
    }

    @Test
    void aFileThatDoesNotParseIsStillAFileOfTheTree() throws IOException {
        file("only.yaml", "a: [\n");
        LoadedTree tree = load();
        assertThat(tree.yamlFiles()).containsExactly("only.yaml");
        assertThat(tree.problems()).extracting(Violation::ruleId).containsExactly("yaml-invalid");
    }

    /** go-yaml expands aliases and merges {@code <<}; Jackson alone would read an alias as the anchor's name. */
    @Test
    void aliasesStandForTheirAnchorsValue() throws IOException {
        file("anchors.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: &labels {app: web, tier: front}
                spec:
                  selector:
                    matchLabels: *labels
                  template:
                    metadata:
                      labels:
                        <<: *labels
                        tier: overridden
                    spec:
                      containers: []
                """);
        LoadedTree tree = load();
        assertThat(tree.problems()).isEmpty();
        assertThat(tree.objects().get(0).node().at("/spec/selector/matchLabels").toString())
                .isEqualTo("{\"app\":\"web\",\"tier\":\"front\"}");
        assertThat(tree.objects().get(0).node().at("/spec/template/metadata/labels").toString())
                .isEqualTo("{\"tier\":\"overridden\",\"app\":\"web\"}");
        assertThat(tree.objects().get(0).line()).isEqualTo(1);
    }

    @Test
    void duplicateKeysBesideAliasesAreErrorsToo() throws IOException {
        file("dup.yaml", "a: &x [1]\nb: *x\nb: 2\n");
        Violation v = load().problems().get(0);
        assertThat(v.line()).isEqualTo(3);
        assertThat(v.message()).isEqualTo("line 3, column 1: duplicate key 'b'");
    }

    @Test
    void everyKustomizationFileNameKustomizeKnowsIsAKustomization() throws IOException {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            String dir = name.replace('.', '-');
            file(dir + "/" + name, "resources:\n  - cm.yaml\npatches:\n  - path: patch.yaml\n");
            file(dir + "/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
            file(dir + "/patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        }
        LoadedTree tree = load();
        assertThat(tree.kustomizations()).containsOnlyKeys("kustomization-yaml", "kustomization-yml", "Kustomization");
        assertThat(tree.kustomizations().values()).extracting(KustomizationFile::file).containsExactlyInAnyOrder(
                "kustomization-yaml/kustomization.yaml", "kustomization-yml/kustomization.yml", "Kustomization/Kustomization");
        assertThat(tree.objects()).extracting(SourceObject::file).containsExactly("Kustomization/cm.yaml",
                "kustomization-yaml/cm.yaml", "kustomization-yml/cm.yaml");
    }
}
