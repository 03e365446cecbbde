package io.koor.gitops.validator.schema;

import io.koor.gitops.model.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place to look for a JSON Schema, in kubeconform's own template syntax, so users can reuse
 * their kubeconform flags as they are: a directory or an http(s) URL template, or {@code default},
 * kubeconform's own download location. A location not ending in {@code json} gets kubeconform's
 * core layout appended: {@code <dir>/v1.32.0-standalone-strict/deployment-apps-v1.json}.
 */
public record SchemaLocation(String template) {
    /** kubeconform's built-in location (pkg/registry/registry.go), used for the word {@code default}. */
    static final String KUBECONFORM_DEFAULT = "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/"
            + "{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json";
    static final String DIRECTORY_SUFFIX =
            "/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

    public SchemaLocation {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("a schema location is empty");
        }
        if (template.equals("default")) {
            template = KUBECONFORM_DEFAULT;
        }
    }

    /**
     * A file (or URL) of CustomResourceDefinitions, such as a project's published {@code crds.yaml}:
     * schemas are derived from the CRDs in it, as from CRDs in the tree. For CRDs that no schema
     * catalogue has at the release a tree uses.
     */
    public boolean isCrdManifest() {
        return !template.contains("{{") && (template.endsWith(".yaml") || template.endsWith(".yml"));
    }

    public boolean isRemote() {
        return template.startsWith("http://") || template.startsWith("https://");
    }

    /**
     * A local location that cannot hold any schema is a typo, not a tree without schemas: the
     * directory, or a template's fixed directory (before its first variable), must exist.
     *
     * @throws ConfigurationException naming {@code schemaLocations} when it does not
     */
    public void requireExisting() {
        if (isRemote()) {
            return;
        }
        int variable = template.indexOf("{{");
        String fixed = variable < 0 ? template : template.substring(0, variable);
        Path path;
        try {
            path = Path.of(fixed.isEmpty() ? "." : fixed);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("schemaLocations", template, "no file system allows this path");
        }
        boolean file = variable < 0 && (template.endsWith("json") || isCrdManifest());
        // "/schemas/crd-{{.Group}}.json" needs /schemas; "/schemas/{{.Group}}/..." needs /schemas/ itself
        Path needed = variable < 0 || fixed.isEmpty() || fixed.endsWith("/") ? path : path.toAbsolutePath().getParent();
        if (file ? !Files.isRegularFile(needed) : !Files.isDirectory(needed)) {
            throw new ConfigurationException("schemaLocations", template, "there is no " + (file ? "schema file " : "directory ")
                    + needed.toAbsolutePath() + "; give an existing directory (kubeconform's layout), a template whose"
                    + " directory exists, a URL template, or 'default'");
        }
    }

    /** The local file this location names for one kind (for a directory or file template). */
    public Path resolve(String apiVersion, String kind, String kubernetesVersion, boolean strict) {
        return Path.of(fill(apiVersion, kind, kubernetesVersion, strict));
    }

    /** The location's template filled in for one kind: a path, or a URL for a remote location. */
    public String fill(String apiVersion, String kind, String kubernetesVersion, boolean strict) {
        String full = template.endsWith("json") ? template : stripSlash(template) + DIRECTORY_SUFFIX;
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String firstLabel = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
        Map<String, String> vars = Map.of(
                "NormalizedKubernetesVersion", kubernetesVersion.equals("master") ? "master" : "v" + kubernetesVersion,
                "StrictSuffix", strict ? "-strict" : "",
                "ResourceKind", kind.toLowerCase(Locale.ROOT),
                "KindSuffix", (group.isEmpty() ? "" : "-" + firstLabel.toLowerCase(Locale.ROOT)) + "-"
                        + version.toLowerCase(Locale.ROOT),
                "Group", group.toLowerCase(Locale.ROOT),
                "ResourceAPIVersion", version.toLowerCase(Locale.ROOT));
        Matcher m = VARIABLE.matcher(full);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("schema location " + template + ": unknown variable ." + m.group(1)
                        + "; kubeconform knows " + String.join(", ", new java.util.TreeSet<>(vars.keySet())));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
