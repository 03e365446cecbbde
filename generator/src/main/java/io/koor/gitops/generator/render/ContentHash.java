package io.koor.gitops.generator.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short digest of what an immutable object holds, for its name: a new content is a new object (a Job's
 * template cannot change), and the reconciler prunes the old one.
 */
final class ContentHash {
    private ContentHash() {
    }

    /** The first 10 hex digits of the text's SHA-256. */
    static String of(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
