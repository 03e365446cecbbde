package io.koor.gitops.generator.schema;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place to look for a JSON Schema, in kubeconform's own template syntax, so users can reuse
 * their kubeconform flags as they are. A location not ending in {@code json} is a directory in
 * kubeconform's core layout: {@code <dir>/v1.32.0-standalone-strict/deployment-apps-v1.json}.
 */
public record SchemaLocation(String template) {
    static final String DIRECTORY_SUFFIX =
            "/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json";
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

    public SchemaLocation {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("a schema location is empty");
        }
        if (template.startsWith("http://") || template.startsWith("https://")) {
            throw new IllegalArgumentException("schema location " + template + ": downloading schemas is not"
                    + " supported yet; download them into a directory and give its path");
        }
        if (template.equals("default")) {
            throw new IllegalArgumentException("schema location 'default' is kubeconform's download location, which"
                    + " needs the network; give a local directory holding the same layout");
        }
    }

    /** The file this location names for one kind, or the location's text if a variable is unknown. */
    public Path resolve(String apiVersion, String kind, String kubernetesVersion, boolean strict) {
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
        return Path.of(out.toString());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
