package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which files the generator wrote, and what it wrote: {@code .gitops/generated.sha256} in the
 * output directory, in {@code sha256sum} format so that {@code sha256sum -c} can check it too.
 * A file not listed here is the user's and is never replaced or deleted.
 */
public record Ownership(SortedMap<TreePath, String> hashes) {
    public static final String FILE = ".gitops/generated.sha256";

    public Ownership {
        hashes = new TreeMap<>(hashes);
    }

    public static Ownership empty() {
        return new Ownership(new TreeMap<>());
    }

    public static Ownership of(GitOpsTree tree) {
        SortedMap<TreePath, String> hashes = new TreeMap<>();
        tree.files().keySet().forEach(path -> hashes.put(path, sha256(tree.bytes(path))));
        return new Ownership(hashes);
    }

    public static Ownership read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        if (!Files.exists(file)) {
            return empty();
        }
        SortedMap<TreePath, String> hashes = new TreeMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64 || !line.substring(0, 64).matches("[0-9a-f]{64}")) {
                throw new IOException(file + ":" + lineNo + ": not a 'sha256  path' line; restore the file from Git"
                        + " (git checkout -- " + FILE + ") or delete it to let the generator start over");
            }
            try {
                hashes.put(new TreePath(line.substring(66)), line.substring(0, 64));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        return new Ownership(hashes);
    }

    public boolean owns(TreePath path) {
        return hashes.containsKey(path);
    }

    public String hash(TreePath path) {
        return hashes.get(path);
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<TreePath, String> e : hashes.entrySet()) {
            out.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        return out.toString();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
