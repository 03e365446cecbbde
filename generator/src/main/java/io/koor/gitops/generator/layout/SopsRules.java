package io.koor.gitops.generator.layout;

import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Optional;

/**
 * {@code .sops.yaml} at the repository root: one creation rule per cluster that keeps Secrets in Git,
 * so {@code sops --encrypt --in-place FILE} under that cluster's directories picks its age recipient
 * without flags. Only {@code data} and {@code stringData} are encrypted, as Flux's SOPS guide does,
 * so kustomize and the validator still read each Secret's kind, name and namespace. sops matches
 * {@code path_regex} against the file's path relative to this file's directory when given an
 * absolute path, as given otherwise (getsops/sops config/config.go, parseCreationRuleForFile): the
 * pattern is anchored at a path boundary, not at the start, to match both.
 */
final class SopsRules {
    static final TreePath PATH = new TreePath(TreePath.SOPS_CONFIG);

    private SopsRules() {
    }

    static Optional<String> render(GitOpsSystem system, String header) {
        List<Cluster> encrypted = system.clusters().stream().filter(c -> c.secretEncryption().enabled()).toList();
        if (encrypted.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(header).append("creation_rules:\n");
        for (Cluster cluster : encrypted) {
            out.append("  - path_regex: '(^|/)(clusters|infrastructure/controllers|infrastructure/configs|apps)/")
                    .append(cluster.name()).append("/.+\\.ya?ml$'\n")
                    .append("    encrypted_regex: '^(data|stringData)$'\n")
                    .append("    age: ").append(cluster.secretEncryption().ageRecipient().orElseThrow()).append('\n');
        }
        return Optional.of(out.toString());
    }
}
