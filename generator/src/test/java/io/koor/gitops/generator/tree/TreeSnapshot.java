package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a directory holds, to compare trees on disk exactly: its files with their text, and its directories. */
final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** Every file, the ownership record included, but not the writers' lock (it stays by design). */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = relative(root, p);
                if (!rel.equals(WriterLock.FILE)) {
                    files.put(rel, Files.readString(p));
                }
            }
        }
        return files;
    }

    static List<String> directories(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isDirectory).filter(p -> !p.equals(root)).map(p -> relative(root, p))
                    .sorted().toList();
        }
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
