package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A {@code kustomization.yaml}: what it applies ({@code resources}, relative paths resolved to
 * tree paths, remote ones left out) and which files it reads as something other than standalone
 * objects (patches, generator inputs, transformer configs), which are therefore not checked alone.
 */
public record KustomizationFile(String dir, String file, int line, JsonNode node, List<String> resources,
                                Set<String> nonResourceFiles) {
    public KustomizationFile {
        resources = List.copyOf(resources);
        nonResourceFiles = Set.copyOf(nonResourceFiles);
    }
}
