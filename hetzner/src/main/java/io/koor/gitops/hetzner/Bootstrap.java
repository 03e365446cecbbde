package io.koor.gitops.hetzner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What nodes need to form a cluster and hand it to its reconciler: the kubeadm join token and
 * certificate key, the Git repository it reconciles from, and whether that is Flux or Argo CD. The secrets are derived from the API token and
 * the cluster name (SHA-256): secret, and the same on every run, so an interrupted provisioning can be
 * resumed and the late nodes still join. They appear in user data only, never in plans or logs.
 */
public record Bootstrap(String joinToken, String certificateKey, String gitUrl, String gitBranch, boolean argoCd) {
    public Bootstrap {
        Objects.requireNonNull(gitUrl, "gitUrl");
        Objects.requireNonNull(gitBranch, "gitBranch");
        if (!joinToken.matches("[a-z0-9]{6}\\.[a-z0-9]{16}") || !certificateKey.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("malformed bootstrap secrets");
        }
    }

    /** For Flux, reconciling from {@code gitUrl} at {@code gitBranch}. */
    public static Bootstrap derive(Token token, String cluster, String gitUrl, String gitBranch) {
        String tokenHex = sha256(token.authorization() + "|kubeadm-token|" + cluster);
        String joinToken = base36(tokenHex.substring(0, 6)) + "." + base36(tokenHex.substring(6, 22));
        return new Bootstrap(joinToken, sha256(token.authorization() + "|certificate-key|" + cluster), gitUrl, gitBranch,
                false);
    }

    /** The same secrets, for Argo CD following the repository and revision its Applications name. */
    public Bootstrap withArgoCd() {
        return new Bootstrap(joinToken, certificateKey, gitUrl, gitBranch, true);
    }

    /** Maps hex digits onto kubeadm's token alphabet [a-z0-9], one character each. */
    private static String base36(String hex) {
        StringBuilder out = new StringBuilder();
        for (char c : hex.toCharArray()) {
            int v = Character.digit(c, 16);
            out.append(v < 10 ? (char) ('0' + v) : (char) ('a' + v - 10));
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Bootstrap[gitUrl=" + gitUrl + ", gitBranch=" + gitBranch + (argoCd ? ", Argo CD" : ", Flux")
                + ", secrets=***]";
    }
}
