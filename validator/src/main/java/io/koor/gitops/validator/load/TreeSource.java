package io.koor.gitops.validator.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a tree's files come from: a directory on disk (a checkout, for {@code validate}) or a map of
 * relative path to text (the generator's tree before it is written). Paths are relative, with '/'.
 * The root is where the tree is or will be: the repository's own settings (suppressions) live there.
 */
public sealed interface TreeSource {

    Path root();

    /** Whether a file or directory exists at the relative path. */
    boolean exists(String path);

    boolean isDirectory(String path);

    /** The file's text, when it is a file of the tree. */
    Optional<String> text(String path);

    static TreeSource directory(Path root) {
        return new Directory(root.toAbsolutePath().normalize());
    }

    /** @param root where these files would be written */
    static TreeSource inMemory(Path root, SortedMap<String, String> files) {
        return new InMemory(root.toAbsolutePath().normalize(), new TreeMap<>(files));
    }

    /** A checkout on disk: nothing outside it is seen, neither through '..' nor through a symbolic link. */
    record Directory(Path root) implements TreeSource {
        @Override
        public boolean exists(String path) {
            return resolve(path).map(Files::exists).orElse(false);
        }

        @Override
        public boolean isDirectory(String path) {
            return resolve(path).map(Files::isDirectory).orElse(false);
        }

        @Override
        public Optional<String> text(String path) {
            try {
                Optional<Path> file = resolve(path);
                return file.isPresent() && Files.isRegularFile(file.get()) ? Optional.of(Files.readString(file.get()))
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** None when no file system allows the name (a NUL in it, say), or when it leaves the tree. */
        private Optional<Path> resolve(String path) {
            try {
                Path file = root.resolve(path).normalize();
                if (!file.startsWith(root)) {
                    return Optional.empty();
                }
                return !Files.exists(file) || file.toRealPath().startsWith(root.toRealPath()) ? Optional.of(file)
                        : Optional.empty();
            } catch (InvalidPathException | IOException e) {
                return Optional.empty();
            }
        }
    }

    /** Files held in memory; directories are the prefixes of their paths. */
    record InMemory(Path root, SortedMap<String, String> files) implements TreeSource {
        @Override
        public boolean exists(String path) {
            return files.containsKey(normalize(path)) || isDirectory(path);
        }

        @Override
        public boolean isDirectory(String path) {
            String dir = normalize(path);
            if (dir.isEmpty()) {
                return true;
            }
            String prefix = dir + "/";
            return !files.subMap(prefix, prefix + Character.MAX_VALUE).isEmpty();
        }

        @Override
        public Optional<String> text(String path) {
            return Optional.ofNullable(files.get(normalize(path)));
        }

        /** "./a/../b/" is "b"; a path leaving the tree, or one no file system allows, matches nothing. */
        private static String normalize(String path) {
            try {
                String p = Path.of(path.replace('\\', '/')).normalize().toString().replace('\\', '/');
                return p.startsWith("..") || p.startsWith("/") ? "\0" : p;
            } catch (InvalidPathException e) {
                return "\0";
            }
        }
    }
}
