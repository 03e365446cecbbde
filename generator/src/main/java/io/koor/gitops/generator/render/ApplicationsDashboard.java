package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.render.GrafanaDashboard.target;
import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Map;

/**
 * The applications as a reader and an operator see them: the uptime probes of every public endpoint (the
 * blackbox exporter's probe_success, probe_duration_seconds, probe_ssl_earliest_cert_expiry), and the
 * databases the tree runs: CloudNativePG's exporter (cloudnative-pg pkg/management/postgres/webserver/metricserver
 * pg_collector.go: cnpg_collector_up and cnpg_collector_last_available_backup_timestamp; the default queries of
 * config/manager/default-monitoring.yaml: cnpg_backends_total, cnpg_pg_replication_lag,
 * cnpg_pg_database_size_bytes), and mysqld_exporter beside MariaDB (mysql_up, and SHOW GLOBAL STATUS as
 * mysql_global_status_*, Galera's wsrep_cluster_size among them). Sections only for what the cluster has.
 */
final class ApplicationsDashboard {
    static final String NAME = "applications";

    private ApplicationsDashboard() {
    }

    /** Whether the cluster has anything the dashboard shows. */
    static boolean applies(Cluster cluster) {
        return !PublicEndpoints.of(cluster).isEmpty() || !cluster.apps().databases().isEmpty()
                || !cluster.apps().mariadbs().isEmpty();
    }

    static GrafanaDashboard dashboard(Cluster cluster) {
        GrafanaDashboard d = new GrafanaDashboard(NAME, "koor-applications", "Applications",
                List.of("applications", "koor"));
        int y = 0;
        if (!PublicEndpoints.of(cluster).isEmpty()) {
            d.panel("stat", "Up (uptime probes)", 0, y, 8, 6, List.of(target("probe_success", "{{instance}}")),
                            map("mappings", List.of(map("type", "value", "options", map(
                                    "0", map("text", "DOWN", "color", "red", "index", 0),
                                    "1", map("text", "UP", "color", "green", "index", 1))))))
                    .panel("timeseries", "Response time", 8, y, 8, 6, List.of(target("probe_duration_seconds",
                            "{{instance}}")), map("unit", "s"))
                    .panel("stat", "Certificate expires in", 16, y, 8, 6, List.of(target(
                            "(probe_ssl_earliest_cert_expiry - time()) / 86400", "{{instance}}")),
                            map("unit", "d", "decimals", 0, "thresholds", thresholds(14, 7)));
            y += 6;
        }
        if (!cluster.apps().databases().isEmpty()) {
            d.panel("stat", "PostgreSQL instances up", 0, y, 6, 6, List.of(target(
                            "sum by (namespace) (cnpg_collector_up)", "{{namespace}}")), map("decimals", 0))
                    .panel("timeseries", "Connections", 6, y, 6, 6, List.of(target(
                            "sum by (namespace, pod) (cnpg_backends_total)", "{{pod}}")), map())
                    .panel("timeseries", "Replication lag", 12, y, 6, 6, List.of(target(
                            "max by (namespace, pod) (cnpg_pg_replication_lag)", "{{pod}}")), map("unit", "s"))
                    .panel("stat", "Last base backup, hours ago", 18, y, 6, 6, List.of(target(
                            "(time() - max by (namespace) (cnpg_collector_last_available_backup_timestamp > 0)) / 3600",
                            "{{namespace}}")), map("unit", "h", "decimals", 1, "thresholds", thresholds(26, 50)))
                    .panel("timeseries", "Database size", 0, y + 6, 24, 6, List.of(target(
                            "max by (namespace, datname) (cnpg_pg_database_size_bytes)", "{{namespace}}/{{datname}}")),
                            map("unit", "bytes"));
            y += 12;
        }
        if (!cluster.apps().mariadbs().isEmpty()) {
            d.panel("stat", "MariaDB servers up", 0, y, 8, 6, List.of(target("sum by (namespace) (mysql_up)",
                            "{{namespace}}")), map("decimals", 0))
                    .panel("stat", "Galera cluster size", 8, y, 8, 6, List.of(target(
                            "max by (namespace) (mysql_global_status_wsrep_cluster_size)", "{{namespace}}")),
                            map("decimals", 0))
                    // one exporter probes every server: the server is the target label mariadb-operator relabels
                    // from its /probe parameter (pkg/builder/servicemonitor_builder.go), not the scraped pod
                    .panel("timeseries", "Connections", 16, y, 8, 6, List.of(target(
                            "sum by (namespace, target) (mysql_global_status_threads_connected)", "{{target}}")), map());
        }
        return d;
    }

    /** Green above {@code warn}, orange to {@code bad}, red below, for "time left" figures; reversed when warn < bad. */
    private static Map<String, Object> thresholds(int warn, int bad) {
        return warn < bad
                ? map("mode", "absolute", "steps", List.of(map("color", "green", "value", null),
                        map("color", "orange", "value", warn), map("color", "red", "value", bad)))
                : map("mode", "absolute", "steps", List.of(map("color", "red", "value", null),
                        map("color", "orange", "value", bad), map("color", "green", "value", warn)));
    }
}
