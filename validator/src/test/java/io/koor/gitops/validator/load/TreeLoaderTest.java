package io.koor.gitops.validator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        file("bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [unclosed\n");
        Violation v = load().problems().get(0);
        assertThat(v.ruleId()).isEqualTo("yaml-invalid");
        assertThat(v.file()).isEqualTo("bad.yaml");
        assertThat(v.line()).isGreaterThanOrEqualTo(4);
        assertThat(v.message()).startsWith("not valid YAML at line").contains("column");
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
        assertThat(tree.problems()).isEmpty();
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
        assertThat(tree.problems()).filteredOn(v -> v.file().equals("big.yaml")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("larger than 4 MiB"));
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
}
