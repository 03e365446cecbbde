package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * StorageClasses that storage charts other than Rook's create, read from the values the way their
 * templates read them:
 * <ul>
 * <li>OpenEBS's local PV provisioner: templates/hostpath-class.yaml renders one named
 * {@code hostpathClass.name} when {@code hostpathClass.enabled}, by default openebs-hostpath and
 * enabled (openebs/dynamic-localpv-provisioner@2f165df9 deploy/helm/charts). The openebs umbrella
 * chart passes it its {@code localpv-provisioner:} values; there the class counts only when those
 * values are written, so a release that leaves the engine to its defaults is not assumed to.</li>
 * <li>democratic-csi: templates/storage-classes.yaml renders one per {@code storageClasses[].name}
 * (democratic-csi/charts@79a3c025 stable/democratic-csi).</li>
 * </ul>
 */
final class StorageCharts {
    private static final String LOCALPV = "localpv-provisioner";

    private StorageCharts() {
    }

    static List<String> storageClasses(String chart, JsonNode values) {
        List<String> names = new ArrayList<>();
        switch (chart) {
            case LOCALPV -> hostpathClass(values, names);
            case "openebs" -> {
                if (values.has(LOCALPV)) {
                    hostpathClass(values.path(LOCALPV), names);
                }
            }
            case "democratic-csi" -> values.path("storageClasses").forEach(c -> names.add(c.path("name").asText("")));
            default -> { }
        }
        names.removeIf(String::isEmpty);
        return names;
    }

    private static void hostpathClass(JsonNode values, List<String> names) {
        JsonNode hostpath = values.path("hostpathClass");
        if (hostpath.path("enabled").asBoolean(true)) {
            names.add(hostpath.path("name").asText("openebs-hostpath"));
        }
    }
}
