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
 * A small Ceph overview dashboard of the project's own, for Grafana's dashboard sidecar: health,
 * raw capacity used, client IOPS and throughput, placement group states, OSDs up and in. Built from
 * the metrics Ceph's mgr prometheus module exports (ceph/ceph src/pybind/mgr/prometheus/module.py:
 * ceph_health_status 0/1/2, ceph_cluster_total_*bytes, the per-pool counters ceph_pool_rd/wr(_bytes),
 * ceph_pg_&lt;state&gt; and ceph_pg_total per pool, ceph_osd_up/in per OSD) and the recording rule
 * {@link CephRules#USED_RAW_RATIO}.
 */
final class CephDashboard {
    static final String NAME = "ceph-overview";
    static final String UID = "koor-ceph-overview";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> DATASOURCE = map("type", "prometheus", "uid", "${datasource}");

    private CephDashboard() {
    }

    static HasMetadata configMap(String namespace, String label, String labelValue) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName("grafana-dashboard-" + NAME).withNamespace(namespace)
                .addToLabels(label, labelValue).endMetadata()
                .addToData(NAME + ".json", json())
                .build();
    }

    static String json() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(dashboard()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dashboard is plain maps and lists", e);
        }
    }

    private static Map<String, Object> dashboard() {
        List<Object> panels = new ArrayList<>();
        panels.add(panel(1, "stat", "Health", 0, 0, 6, 5, List.of(target("max(ceph_health_status)", "health")), map(
                "mappings", List.of(map("type", "value", "options", map(
                        "0", map("text", "HEALTH_OK", "color", "green", "index", 0),
                        "1", map("text", "HEALTH_WARN", "color", "orange", "index", 1),
                        "2", map("text", "HEALTH_ERR", "color", "red", "index", 2)))))));
        panels.add(panel(2, "gauge", "Raw capacity used", 6, 0, 6, 5,
                List.of(target(CephRules.USED_RAW_RATIO, "used")), map("unit", "percentunit", "min", 0, "max", 1,
                        "thresholds", map("mode", "absolute", "steps", List.of(
                                map("color", "green", "value", null), map("color", "orange", "value", 0.75),
                                map("color", "red", "value", 0.85))))));
        panels.add(panel(3, "stat", "OSDs", 12, 0, 12, 5, List.of(
                target("count(ceph_osd_up)", "total"),
                target("sum(ceph_osd_up)", "up"),
                target("sum(ceph_osd_in)", "in")), map()));
        panels.add(panel(4, "timeseries", "Client IOPS", 0, 5, 12, 8, List.of(
                target("sum(rate(ceph_pool_rd[5m]))", "read"),
                target("sum(rate(ceph_pool_wr[5m]))", "write")), map("unit", "iops")));
        panels.add(panel(5, "timeseries", "Client throughput", 12, 5, 12, 8, List.of(
                target("sum(rate(ceph_pool_rd_bytes[5m]))", "read"),
                target("sum(rate(ceph_pool_wr_bytes[5m]))", "write")), map("unit", "Bps")));
        panels.add(panel(6, "timeseries", "Placement groups", 0, 13, 24, 8, List.of(
                target("sum(ceph_pg_total)", "total"),
                target("sum(ceph_pg_active)", "active"),
                target("sum(ceph_pg_clean)", "clean"),
                target("sum(ceph_pg_degraded)", "degraded"),
                target("sum(ceph_pg_undersized)", "undersized")), map()));
        return map(
                "title", "Ceph overview",
                "uid", UID,
                "tags", List.of("ceph", "koor"),
                "editable", false,
                "schemaVersion", 39,
                "refresh", "1m",
                "time", map("from", "now-6h", "to", "now"),
                "templating", map("list", List.of(map("name", "datasource", "label", "Data source", "type", "datasource",
                        "query", "prometheus"))),
                "panels", panels);
    }

    private static Map<String, Object> panel(int id, String type, String title, int x, int y, int w, int h,
                                             List<Object> targets, Map<String, Object> defaults) {
        return map("id", id, "type", type, "title", title, "datasource", DATASOURCE,
                "gridPos", map("x", x, "y", y, "w", w, "h", h),
                "fieldConfig", map("defaults", defaults, "overrides", List.of()),
                "targets", targets);
    }

    private static Map<String, Object> target(String expr, String legend) {
        return map("datasource", DATASOURCE, "expr", expr, "legendFormat", legend, "refId", legend);
    }
}
