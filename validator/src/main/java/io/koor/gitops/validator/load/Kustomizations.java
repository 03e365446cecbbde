package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the parts of a kustomization that say which files are applied and which are read otherwise. */
final class Kustomizations {
    private Kustomizations() {
    }

    static KustomizationFile read(String file, YamlDocuments.Document doc) {
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        JsonNode k = doc.node();
        List<String> resources = new ArrayList<>();
        // components are directories holding a kustomization of kind Component: applied like resources
        for (String field : List.of("resources", "bases", "crds", "components")) {
            for (JsonNode entry : k.path(field)) {
                local(dir, entry.asText()).ifPresent(resources::add);
            }
        }
        Set<String> other = new HashSet<>();
        for (JsonNode patch : k.path("patches")) {
            local(dir, patch.path("path").asText()).ifPresent(other::add);
        }
        for (JsonNode patch : k.path("patchesJson6902")) {
            local(dir, patch.path("path").asText()).ifPresent(other::add);
        }
        for (JsonNode patch : k.path("patchesStrategicMerge")) {
            if (!patch.asText().contains("\n")) { // an inline patch is not a file
                local(dir, patch.asText()).ifPresent(other::add);
            }
        }
        for (JsonNode replacement : k.path("replacements")) {
            local(dir, replacement.path("path").asText()).ifPresent(other::add);
        }
        for (String field : List.of("configurations", "transformers", "generators", "validators")) {
            for (JsonNode entry : k.path(field)) {
                local(dir, entry.asText()).ifPresent(other::add);
            }
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode gen : k.path(generator)) {
                for (String list : List.of("files", "envs")) {
                    for (JsonNode f : gen.path(list)) {
                        String path = f.asText();
                        local(dir, path.contains("=") ? path.substring(path.indexOf('=') + 1) : path).ifPresent(other::add);
                    }
                }
            }
        }
        local(dir, k.path("openapi").path("path").asText()).ifPresent(other::add);
        return new KustomizationFile(dir, file, doc.line(), k, resources, other);
    }

    /** A path relative to the kustomization, as a tree path; empty for remote or escaping references. */
    static java.util.Optional<String> local(String dir, String ref) {
        if (ref == null || ref.isBlank() || ref.contains("://") || ref.startsWith("github.com/") || ref.startsWith("git@")) {
            return java.util.Optional.empty();
        }
        java.nio.file.Path p;
        try {
            p = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve(ref).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            // no file can have this name: keep it as written, so the rules report it missing
            return java.util.Optional.of((dir.isEmpty() ? "" : dir + "/") + ref);
        }
        String s = p.toString().replace('\\', '/');
        if (s.startsWith("..")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(s.equals("") ? "." : s);
    }
}
