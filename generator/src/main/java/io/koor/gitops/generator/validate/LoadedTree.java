package io.koor.gitops.generator.validate;

import io.koor.gitops.generator.schema.Violation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A tree on disk as the validators see it: the objects with file and line, the kustomizations,
 * the problems found while reading (not YAML, duplicate keys, limits) and what was skipped, and why.
 */
public record LoadedTree(Path root, List<SourceObject> objects, Map<String, KustomizationFile> kustomizations,
                         List<String> yamlFiles, List<Violation> problems, List<String> skipped) {
    public LoadedTree {
        objects = List.copyOf(objects);
        kustomizations = Map.copyOf(kustomizations);
        yamlFiles = List.copyOf(yamlFiles);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }
}
