package io.koor.gitops.validator.load;

import io.koor.gitops.validator.finding.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tree as the validators see it: where its files come from, the objects with file and line, the
 * kustomizations, the problems found while reading (not YAML, duplicate keys, limits) and what was
 * skipped, and why.
 */
public record LoadedTree(TreeSource source, List<SourceObject> objects, Map<String, KustomizationFile> kustomizations,
                         List<String> yamlFiles, List<Violation> problems, List<String> skipped) {
    public LoadedTree {
        objects = List.copyOf(objects);
        kustomizations = Map.copyOf(kustomizations);
        yamlFiles = List.copyOf(yamlFiles);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    /** Where the tree is, or will be written. */
    public Path root() {
        return source.root();
    }
}
