package io.koor.gitops.hetzner;

import java.util.Optional;

/**
 * What a node needs to join, made on the first control-plane node just before the joins: a
 * bootstrap token that expires within the hour (and is deleted after the joins), the hash of the
 * cluster CA's public key that the joiner pins, and for control-plane joiners the key that decrypts
 * the uploaded control-plane certificates (which kubeadm deletes after two hours). They travel only
 * over SSH, on standard input, and are never printed.
 */
record JoinSecrets(String token, String caCertHash, Optional<String> certificateKey) {
    JoinSecrets {
        if (!token.matches("[a-z0-9]{6}\\.[a-z0-9]{16}")) {
            throw new IllegalArgumentException("kubeadm printed no bootstrap token of the form [a-z0-9]{6}.[a-z0-9]{16}");
        }
        if (!caCertHash.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a CA public key pin: sha256:<64 hex digits>");
        }
        certificateKey.filter(k -> !k.matches("[0-9a-f]{64}")).ifPresent(k -> {
            throw new IllegalArgumentException("kubeadm printed no certificate key of 64 hex digits");
        });
    }

    /** The public half of the token, which names it (for {@code kubeadm token delete}). */
    String tokenId() {
        return token.substring(0, 6);
    }

    /** Replaces every secret in text (an error message from a node, say) by ***. */
    String redact(String text) {
        String out = text.replace(token, "***").replace(token.substring(7), "***");
        return certificateKey.map(k -> out.replace(k, "***")).orElse(out);
    }

    @Override
    public String toString() {
        return "JoinSecrets[***]";
    }
}
