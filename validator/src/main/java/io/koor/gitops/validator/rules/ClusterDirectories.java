package io.koor.gitops.validator.rules;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a repository tells its clusters apart. Flux bootstraps each cluster at its own path, so one
 * repository often holds several clusters' entry points: {@code clusters/<name>/} at the root (the
 * Flux examples), or deeper ({@code kubernetes/clusters/<name>/}); or, without such a folder, root
 * Kustomizations that define the same object in sibling directories ({@code kubernetes/main/...}
 * and {@code kubernetes/staging/...}), which can only be two clusters' own.
 */
final class ClusterDirectories {
    private ClusterDirectories() {
    }

    /**
     * Cluster name -> its directory: the sub-directories of the outermost {@code clusters/} folder
     * that hold YAML files; empty when the tree has none.
     */
    static Map<String, String> of(Collection<String> yamlFiles) {
        String root = null;
        for (String file : yamlFiles) {
            String candidate = clustersFolder(file);
            if (candidate != null && (root == null || candidate.length() < root.length())) {
                root = candidate;
            }
        }
        Map<String, String> out = new TreeMap<>();
        if (root == null) {
            return out;
        }
        for (String file : yamlFiles) {
            if (file.startsWith(root)) {
                String[] rest = file.substring(root.length()).split("/");
                if (rest.length > 1) {
                    out.put(rest[0], root + rest[0]);
                }
            }
        }
        return out;
    }

    /** The folder "…/clusters/" (with its slash) a file lies two or more levels below, or null. */
    private static String clustersFolder(String file) {
        String[] parts = file.split("/");
        for (int i = 0; i + 2 < parts.length; i++) {
            if (parts[i].equals("clusters")) {
                return String.join("/", List.of(parts).subList(0, i + 1)) + "/";
            }
        }
        return null;
    }

    /**
     * Root applier files grouped by cluster: one group ("") unless two root files define the same
     * applier, then one group per directory where the roots' paths part (named by that directory).
     *
     * @param appliersIn the identities of the appliers a file defines
     */
    static Map<String, Set<String>> ofRoots(Set<String> roots, Function<String, List<String>> appliersIn) {
        Map<String, Set<String>> out = new TreeMap<>();
        Set<String> seen = new java.util.HashSet<>();
        boolean clash = roots.stream().flatMap(f -> appliersIn.apply(f).stream()).anyMatch(id -> !seen.add(id));
        String common = commonDirectory(roots);
        Set<String> parts = new TreeSet<>();
        roots.forEach(f -> parts.add(segmentAfter(common, f)));
        if (!clash || parts.size() < 2 || parts.contains("")) {
            out.put("", new TreeSet<>(roots));
            return out;
        }
        roots.forEach(f -> out.computeIfAbsent(segmentAfter(common, f), c -> new TreeSet<>()).add(f));
        return out;
    }

    private static String commonDirectory(Set<String> files) {
        String common = null;
        for (String f : files) {
            String dir = f.contains("/") ? f.substring(0, f.lastIndexOf('/') + 1) : "";
            if (common == null) {
                common = dir;
            }
            while (!dir.startsWith(common)) {
                common = common.substring(0, common.substring(0, common.length() - 1).lastIndexOf('/') + 1);
            }
        }
        return common == null ? "" : common;
    }

    /** The directory right below {@code common} on the way to {@code file}; "" when the file is in it. */
    private static String segmentAfter(String common, String file) {
        String rest = file.substring(common.length());
        return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : "";
    }
}
