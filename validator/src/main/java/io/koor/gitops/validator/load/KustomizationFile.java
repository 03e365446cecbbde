package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * A {@code kustomization.yaml} (or {@code .yml}, or {@code Kustomization}): what it applies
 * ({@code resources}, relative paths resolved to tree paths) and which files it reads as something
 * other than standalone objects (patches, generator inputs, transformer configs), which are
 * therefore not checked alone. References kustomize fetches itself ({@code remote}) and paths
 * leaving the tree ({@code outsideTree}) are kept apart, as written, and never read.
 */
public record KustomizationFile(String dir, String file, int line, JsonNode node, List<String> resources,
                                Set<String> nonResourceFiles, List<Reference> remote, List<Reference> outsideTree) {
    /** An entry as written, and the JSON pointer of the entry in the kustomization. */
    public record Reference(String pointer, String written) {
    }

    /** A path written in this kustomization, as a tree path; empty for a remote one or one leaving the tree. */
    public java.util.Optional<String> local(String ref) {
        return Kustomizations.local(dir, ref);
    }

    public KustomizationFile {
        resources = List.copyOf(resources);
        nonResourceFiles = Set.copyOf(nonResourceFiles);
        remote = List.copyOf(remote);
        outsideTree = List.copyOf(outsideTree);
    }
}
