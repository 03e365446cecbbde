package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Grafana dashboard of the project's own, as Grafana's dashboard sidecar loads it: a ConfigMap labelled for
 * the sidecar holding one JSON model (Grafana's dashboard JSON model: panels on a 24-column grid, a datasource
 * variable so it works with whatever the Prometheus datasource is called). Panels are added top to bottom.
 */
final class GrafanaDashboard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> DATASOURCE = map("type", "prometheus", "uid", "${datasource}");

    private final String name;
    private final String uid;
    private final String title;
    private final List<String> tags;
    private final List<Object> panels = new ArrayList<>();

    GrafanaDashboard(String name, String uid, String title, List<String> tags) {
        this.name = name;
        this.uid = uid;
        this.title = title;
        this.tags = List.copyOf(tags);
    }

    /** One panel at (x, y), w columns wide and h rows high, each target a PromQL expression with its legend. */
    GrafanaDashboard panel(String type, String title, int x, int y, int w, int h, List<Object> targets,
                           Map<String, Object> defaults) {
        panels.add(map("id", panels.size() + 1, "type", type, "title", title, "datasource", DATASOURCE,
                "gridPos", map("x", x, "y", y, "w", w, "h", h),
                "fieldConfig", map("defaults", defaults, "overrides", List.of()),
                "targets", targets));
        return this;
    }

    /** A query of a panel; {@code legend} is also its refId, so it must be unique in the panel. */
    static Object target(String expr, String legend) {
        return map("datasource", DATASOURCE, "expr", expr, "legendFormat", legend, "refId", legend.replaceAll("\\W", "_"));
    }

    /** Every PromQL expression of the dashboard, for checks. */
    @SuppressWarnings("unchecked")
    List<String> expressions() {
        List<String> all = new ArrayList<>();
        for (Object panel : panels) {
            for (Object target : (List<Object>) ((Map<String, Object>) panel).get("targets")) {
                all.add((String) ((Map<String, Object>) target).get("expr"));
            }
        }
        return all;
    }

    String name() {
        return name;
    }

    String json() {
        Map<String, Object> model = map(
                "title", title,
                "uid", uid,
                "tags", tags,
                "editable", false,
                "schemaVersion", 39,
                "refresh", "1m",
                "time", map("from", "now-6h", "to", "now"),
                "templating", map("list", List.of(map("name", "datasource", "label", "Data source", "type", "datasource",
                        "query", "prometheus"))),
                "panels", panels);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dashboard is plain maps and lists", e);
        }
    }

    /** The ConfigMap {@code grafana-dashboard-<name>} with the sidecar's label. */
    HasMetadata configMap(String namespace, String label, String labelValue) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName("grafana-dashboard-" + name).withNamespace(namespace)
                .addToLabels(label, labelValue).endMetadata()
                .addToData(name + ".json", json())
                .build();
    }
}
