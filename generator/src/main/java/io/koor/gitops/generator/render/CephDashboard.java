package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import static io.koor.gitops.generator.render.GrafanaDashboard.target;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

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

    private CephDashboard() {
    }

    static HasMetadata configMap(String namespace, String label, String labelValue) {
        return dashboard().configMap(namespace, label, labelValue);
    }

    static String json() {
        return dashboard().json();
    }

    static GrafanaDashboard dashboard() {
        return new GrafanaDashboard(NAME, UID, "Ceph overview", List.of("ceph", "koor"))
                .panel("stat", "Health", 0, 0, 6, 5, List.of(target("max(ceph_health_status)", "health")), map(
                        "mappings", List.of(map("type", "value", "options", map(
                                "0", map("text", "HEALTH_OK", "color", "green", "index", 0),
                                "1", map("text", "HEALTH_WARN", "color", "orange", "index", 1),
                                "2", map("text", "HEALTH_ERR", "color", "red", "index", 2))))))
                .panel("gauge", "Raw capacity used", 6, 0, 6, 5,
                        List.of(target(CephRules.USED_RAW_RATIO, "used")), map("unit", "percentunit", "min", 0, "max", 1,
                                "thresholds", map("mode", "absolute", "steps", List.of(
                                        map("color", "green", "value", null), map("color", "orange", "value", 0.75),
                                        map("color", "red", "value", 0.85)))))
                .panel("stat", "OSDs", 12, 0, 12, 5, List.of(
                        target("count(ceph_osd_up)", "total"),
                        target("sum(ceph_osd_up)", "up"),
                        target("sum(ceph_osd_in)", "in")), map())
                .panel("timeseries", "Client IOPS", 0, 5, 12, 8, List.of(
                        target("sum(rate(ceph_pool_rd[5m]))", "read"),
                        target("sum(rate(ceph_pool_wr[5m]))", "write")), map("unit", "iops"))
                .panel("timeseries", "Client throughput", 12, 5, 12, 8, List.of(
                        target("sum(rate(ceph_pool_rd_bytes[5m]))", "read"),
                        target("sum(rate(ceph_pool_wr_bytes[5m]))", "write")), map("unit", "Bps"))
                .panel("timeseries", "Placement groups", 0, 13, 24, 8, List.of(
                        target("sum(ceph_pg_total)", "total"),
                        target("sum(ceph_pg_active)", "active"),
                        target("sum(ceph_pg_clean)", "clean"),
                        target("sum(ceph_pg_degraded)", "degraded"),
                        target("sum(ceph_pg_undersized)", "undersized")), map());
    }
}
