package io.koor.gitops.generator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Golden trees: a rendered tree compared byte for byte with files committed under
 * {@code src/test/resources/golden/}. Run with {@code -Dgitops.updateGolden=true} to rewrite them
 * after an intended change, then review the diff.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(Path golden, GitOpsTree tree) throws IOException {
        if (Boolean.getBoolean("gitops.updateGolden")) {
            if (Files.exists(golden)) {
                try (Stream<Path> walk = Files.walk(golden)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
                Path target = file.getKey().resolveAgainst(golden);
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        }
        assertThat(golden).as("no golden tree; run the tests with -Dgitops.updateGolden=true").isDirectory();
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(golden)) {
            onDisk = walk.filter(Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(onDisk).as("files of " + golden).containsExactlyElementsOf(
                tree.files().keySet().stream().map(TreePath::value).toList());
        for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
            assertThat(Files.readString(file.getKey().resolveAgainst(golden))).as(file.getKey().value())
                    .isEqualTo(file.getValue());
        }
    }
}
