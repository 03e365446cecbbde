package io.koor.gitops.hetzner;

import java.util.Objects;
import java.util.Optional;

/**
 * The Hetzner API token. It only ever leaves this class in the Authorization header, and on standard
 * input over SSH into the cluster's own Secret for the cloud controller manager: printing it, logging
 * it or putting it in an exception message shows {@code ***}.
 */
public final class Token {
    public static final String ENV = "HCLOUD_TOKEN";
    private final String value;

    private Token(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Token of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Hetzner API token is empty");
        }
        return new Token(value.strip());
    }

    /** From {@value #ENV}; empty when unset, which makes planning offline. */
    public static Optional<Token> fromEnvironment() {
        return Optional.ofNullable(System.getenv(ENV)).filter(v -> !v.isBlank()).map(Token::of);
    }

    String authorization() {
        return "Bearer " + value;
    }

    /** For {@link ClusterJoin}, which hands it to the cloud controller manager on standard input only. */
    String forClusterSecret() {
        return value;
    }

    /** For tests that prove the value never shows up anywhere. */
    boolean appearsIn(String text) {
        return text != null && text.contains(value);
    }

    @Override
    public String toString() {
        return "***";
    }
}
