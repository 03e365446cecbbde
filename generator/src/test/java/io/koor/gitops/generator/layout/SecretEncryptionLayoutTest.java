package io.koor.gitops.generator.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.access.SecretEncryption;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SOPS with age: the creation rules, the Flux Kustomizations' decryption, and what the validator says of both. */
class SecretEncryptionLayoutTest {
    /** A recipient from getsops/sops's own tests (config/config_test.go). */
    private static final String RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
    /** A Secret as sops encrypts it (getsops/sops aes/cipher.go, stores/stores.go); validator fixtures hold the same shape. */
    private static final Path SOPS_SECRET = Path.of("../validator/src/test/resources/rules/secret-sops-undecryptable/passes/secret.yaml");

    private static final java.util.Set<String> SECRET_RULES = java.util.Set.of("secret-plaintext",
            "secret-sops-undecryptable", "secret-sops-not-decrypted");

    @TempDir
    Path root;

    private static Cluster cluster(boolean sops) {
        Cluster c = TestSystems.full("lab");
        return new Cluster(c.name(), c.kubernetesVersion(), c.location(), c.controlPlane(), c.storage(), c.workers(),
                c.network(), c.rook(), c.platform(), c.apps(), c.monitoring(), c.access(),
                sops ? SecretEncryption.sopsAge(RECIPIENT) : SecretEncryption.none(), c.activity());
    }

    private static GitOpsTree tree(boolean sops, Reconciler reconciler) {
        return Layouts.render(GitOpsSystem.of(cluster(sops)).reconciledBy(reconciler), "test", PriceTable.snapshot2026());
    }

    @Test
    void creationRulesCoverTheClustersDirectoriesAndEncryptOnlyDataAndStringData() {
        GitOpsTree tree = tree(true, Reconciler.flux());
        List<JsonNode> docs = ManifestYaml.readAll(tree.text(new TreePath(".sops.yaml")));
        JsonNode rule = docs.get(0).path("creation_rules").get(0);
        assertThat(rule.path("age").asText()).isEqualTo(RECIPIENT);
        assertThat(rule.path("encrypted_regex").asText()).isEqualTo("^(data|stringData)$");
        // sops compiles path_regex with Go's RE2; these paths need no look-around, so java.util.regex agrees
        Pattern paths = Pattern.compile(rule.path("path_regex").asText());
        assertThat(List.of("apps/lab/velero/secret.yaml", "/repo/infrastructure/configs/lab/x/s.yml",
                "clusters/lab/flux-system/secret.yaml")).allMatch(p -> paths.matcher(p).find());
        assertThat(List.of("apps/other/x/secret.yaml", "apps/lab/README.md", "docs/apps/labs/x.yaml"))
                .noneMatch(p -> paths.matcher(p).find());
        assertThat(tree(false, Reconciler.flux()).files()).doesNotContainKey(new TreePath(".sops.yaml"));
    }

    @Test
    void everyFluxKustomizationDecryptsWithTheAgeKeySecret() {
        for (boolean sops : List.of(true, false)) {
            GitOpsTree tree = tree(sops, Reconciler.flux());
            for (String file : List.of("clusters/lab/infrastructure.yaml", "clusters/lab/apps.yaml")) {
                for (JsonNode k : ManifestYaml.readAll(tree.text(new TreePath(file)))) {
                    JsonNode decryption = k.at("/spec/decryption");
                    if (sops) {
                        assertThat(decryption.path("provider").asText()).isEqualTo("sops");
                        assertThat(decryption.at("/secretRef/name").asText()).isEqualTo("sops-age");
                    } else {
                        assertThat(decryption.isMissingNode()).as(file).isTrue();
                    }
                }
            }
        }
        assertThat(tree(true, Reconciler.flux()).text(new TreePath("clusters/lab/README.md")))
                .contains("kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=/dev/stdin");
        assertThat(tree(true, Reconciler.argoCd("https://git.example.com/g.git", "main")).text(new TreePath("clusters/lab/README.md")))
                .contains("Argo CD does not decrypt SOPS files itself");
    }

    /** An encrypted Secret added under the apps passes when the tree decrypts, and is flagged when it does not. */
    @Test
    void theValidatorAcceptsAnEncryptedSecretOnlyWhereFluxDecryptsIt() throws IOException {
        assertThat(secretFindings(true)).isEmpty();
        assertThat(secretFindings(false)).extracting(Violation::ruleId).containsExactly("secret-sops-not-decrypted");
    }

    private List<Violation> secretFindings(boolean sops) throws IOException {
        Path dir = root.resolve(sops ? "with" : "without");
        new TreeWriter(dir).write(tree(sops, Reconciler.flux()), false);
        Path apps = dir.resolve("apps/lab/ceph-buckets");
        Files.copy(SOPS_SECRET, apps.resolve("secret-db.yaml"));
        Path kustomization = apps.resolve("kustomization.yaml");
        String text = Files.readString(kustomization, StandardCharsets.UTF_8);
        assertThat(text).contains("resources:\n");
        Files.writeString(kustomization, text.replace("resources:\n", "resources:\n  - secret-db.yaml\n"),
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return new ValidationService().validate(dir, ValidationOptions.builder().build()).violations().stream()
                .filter(v -> SECRET_RULES.contains(v.ruleId())).toList();
    }
}
