package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The project's own Ceph alerts and recording rule, as a PrometheusRule beside the cluster, over the
 * metrics Ceph's mgr prometheus module exports (ceph/ceph src/pybind/mgr/prometheus/module.py):
 * ceph_health_status (0 OK, 1 WARN, 2 ERR), ceph_osd_up per OSD, ceph_mon_quorum_status and
 * ceph_mon_metadata per monitor, ceph_cluster_total_bytes and _used_raw_bytes, and per pool_id
 * ceph_pool_stored, ceph_pool_max_avail and ceph_pool_metadata (which carries the pool's name).
 * Each alert has a promtool test case.
 */
final class CephRules {
    /** Raw capacity used, 0 to 1: the dashboard's gauge and the near-full alert read the same series. */
    static final String USED_RAW_RATIO = "ceph:cluster_used_raw:ratio";

    private CephRules() {
    }

    static HasMetadata prometheusRule(String ns) {
        return Resources.custom("monitoring.coreos.com/v1", "PrometheusRule", "ceph-alerts", ns, map(
                "groups", List.of(
                        map("name", "ceph-recording", "rules", List.of(map(
                                "record", USED_RAW_RATIO,
                                "expr", "ceph_cluster_total_used_raw_bytes / ceph_cluster_total_bytes"))),
                        map("name", "ceph", "rules", List.of(
                                alert("CephHealthError", "ceph_health_status == 2", "5m", "critical",
                                        "Ceph reports HEALTH_ERR: data may be unavailable; run 'ceph health detail' in the toolbox"),
                                alert("CephHealthWarning", "ceph_health_status == 1", "15m", "warning",
                                        "Ceph has reported HEALTH_WARN for 15 minutes"),
                                alert("CephOSDDown", "count(ceph_osd_up == 0) > 0", "5m", "critical",
                                        "{{ $value }} OSD(s) down: their data is served from fewer copies"),
                                alert("CephMonQuorumAtRisk",
                                        "count(ceph_mon_quorum_status == 1) <= (floor(count(ceph_mon_metadata) / 2) + 1)",
                                        "15m", "critical", "one more monitor failure loses quorum and stops all I/O"),
                                alert("CephClusterNearFull", USED_RAW_RATIO + " > 0.75", "5m", "warning",
                                        "raw capacity is over 75% used; Ceph stops writes at 95%"),
                                // stored / (stored + max_avail): how full the pool is of what it can still take
                                alert("CephPoolNearFull", "ceph_pool_stored / (ceph_pool_stored + ceph_pool_max_avail)"
                                                + " * on(pool_id) group_left(name) ceph_pool_metadata > 0.85", "5m", "warning",
                                        "pool {{ $labels.name }} is over 85% full; add OSDs or delete data before it fills"))))));
    }

    private static Map<String, Object> alert(String name, String expr, String forDuration, String severity, String summary) {
        return map("alert", name, "expr", expr, "for", forDuration, "labels", map("severity", severity),
                "annotations", map("summary", summary));
    }
}
