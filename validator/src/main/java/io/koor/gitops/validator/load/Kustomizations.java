package io.koor.gitops.validator.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the parts of a kustomization that say which files are applied and which are read otherwise. */
final class Kustomizations {
    private Kustomizations() {
    }

    /** What one entry of the kustomization names, as written, with the JSON pointer of the entry. */
    private static final class Entries {
        final String dir;
        final List<KustomizationFile.Reference> remote = new ArrayList<>();
        final List<KustomizationFile.Reference> outside = new ArrayList<>();

        Entries(String dir) {
            this.dir = dir;
        }

        Optional<String> local(String pointer, String ref) {
            Optional<String> path = Kustomizations.local(dir, ref);
            if (ref != null && !ref.isBlank() && path.isEmpty()) {
                (remote(ref) ? remote : outside).add(new KustomizationFile.Reference(pointer, ref));
            }
            return path;
        }
    }

    static KustomizationFile read(String file, YamlDocuments.Document doc) {
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        JsonNode k = doc.node();
        Entries entries = new Entries(dir);
        List<String> resources = new ArrayList<>();
        // components are directories holding a kustomization of kind Component: applied like resources
        for (String field : List.of("resources", "bases", "crds", "components")) {
            int i = 0;
            for (JsonNode entry : k.path(field)) {
                entries.local("/" + field + "/" + i++, entry.asText()).ifPresent(resources::add);
            }
        }
        Set<String> other = new HashSet<>();
        for (String field : List.of("patches", "patchesJson6902", "replacements")) {
            int i = 0;
            for (JsonNode patch : k.path(field)) {
                entries.local("/" + field + "/" + i++ + "/path", patch.path("path").asText()).ifPresent(other::add);
            }
        }
        int smp = 0;
        for (JsonNode patch : k.path("patchesStrategicMerge")) {
            if (!patch.asText().contains("\n")) { // an inline patch is not a file
                entries.local("/patchesStrategicMerge/" + smp, patch.asText()).ifPresent(other::add);
            }
            smp++;
        }
        for (String field : List.of("configurations", "transformers", "generators", "validators")) {
            int i = 0;
            for (JsonNode entry : k.path(field)) {
                if (entry.isTextual()) { // an inline transformer is not a file
                    entries.local("/" + field + "/" + i, entry.asText()).ifPresent(other::add);
                }
                i++;
            }
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            int g = 0;
            for (JsonNode gen : k.path(generator)) {
                for (String list : List.of("files", "envs")) {
                    int i = 0;
                    for (JsonNode f : gen.path(list)) {
                        String path = f.asText();
                        entries.local("/" + generator + "/" + g + "/" + list + "/" + i++,
                                path.contains("=") ? path.substring(path.indexOf('=') + 1) : path).ifPresent(other::add);
                    }
                }
                g++;
            }
        }
        entries.local("/openapi/path", k.path("openapi").path("path").asText()).ifPresent(other::add);
        return new KustomizationFile(dir, file, doc.line(), k, resources, other, entries.remote, entries.outside);
    }

    /** What kustomize fetches itself: a git repository (HTTPS or SSH) or a file over HTTP(S). */
    static boolean remote(String ref) {
        return ref.contains("://") || ref.startsWith("github.com/") || ref.startsWith("git@");
    }

    /** A path relative to the kustomization, as a tree path; empty for remote or escaping references. */
    static Optional<String> local(String dir, String ref) {
        if (ref == null || ref.isBlank() || remote(ref)) {
            return Optional.empty();
        }
        Path p;
        try {
            p = Path.of(dir.isEmpty() ? "." : dir).resolve(ref).normalize();
        } catch (InvalidPathException e) {
            // no file can have this name: keep it as written, so the rules report it missing
            return Optional.of((dir.isEmpty() ? "" : dir + "/") + ref);
        }
        String s = p.toString().replace('\\', '/');
        if (s.startsWith("..") || p.isAbsolute() || s.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(s.equals("") ? "." : s);
    }
}
