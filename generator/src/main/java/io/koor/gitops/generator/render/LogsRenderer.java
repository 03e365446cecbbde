package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Logs;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.values.DnsLabel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pods' logs in Loki on a Ceph bucket, in the apps layer after the bucket claims (Loki reads the claim's keys)
 * and the monitoring stack: Loki in monolithic mode (grafana-community/helm-charts charts/loki: deploymentMode
 * Monolithic, one replica, replication factor 1, TSDB schema v13 on s3), then Grafana Alloy as one Deployment
 * tailing every pod's log through the API server (loki.source.kubernetes: no host paths, so no privileged
 * DaemonSet) and pushing to Loki's gateway. The stack's Grafana gets Loki as a data source
 * ({@link #grafanaDataSource()}).
 */
final class LogsRenderer {
    static final String COMPONENT = "logs";
    /** Loki's gateway Service (the chart's nginx, release loki: loki-gateway on port 80), Grafana's and Alloy's target. */
    static final String LOKI_URL = "http://loki-gateway." + Monitoring.NAMESPACE + ".svc";

    private LogsRenderer() {
    }

    static Component render(Cluster cluster, Logs logs, Set<String> needs) {
        ObjectStore store = cluster.rook().storeHolding(DnsLabel.of(Monitoring.NAMESPACE), logs.bucketClaim())
                .orElseThrow();
        Part.ChartInstall loki = new Part.ChartInstall("grafana-community", "https://grafana-community.github.io/helm-charts",
                "loki", logs.lokiChart().text(), Monitoring.NAMESPACE, Optional.empty(), Part.CrdPolicy.DEFAULT,
                lokiValues(cluster, logs, store));
        Part.ChartInstall alloy = new Part.ChartInstall("grafana", "https://grafana.github.io/helm-charts", "alloy",
                logs.alloyChart().text(), Monitoring.NAMESPACE, Optional.empty(), Part.CrdPolicy.DEFAULT, alloyValues());
        return new Component(COMPONENT, Layer.APPS, needs, false, List.of(loki, alloy));
    }

    /**
     * Loki's values. The bucket's keys come from the claim's Secret as environment variables, which Loki puts into
     * its configuration (the chart always passes {@code -config.expand-env=true}: templates/_pod.tpl); the bucket (named as its claim) holds the chunks and
     * index, and is named for the ruler too, which the chart requires with object storage and nothing here uses.
     * The compactor deletes what is older than the retention (retention_enabled needs delete_request_store).
     * No memcached caches, canary or Helm test: a single small Loki.
     */
    static Map<String, Object> lokiValues(Cluster cluster, Logs logs, ObjectStore store) {
        String claim = logs.bucketClaim().value();
        boolean tls = store.tlsSecret().isPresent();
        return map(
                "deploymentMode", "Monolithic",
                "loki", map(
                        "auth_enabled", false,
                        "commonConfig", map("replication_factor", 1),
                        "schemaConfig", map("configs", List.of(map("from", "2026-01-01", "store", "tsdb",
                                "object_store", "s3", "schema", "v13",
                                "index", map("prefix", "loki_index_", "period", "24h")))),
                        "storage", map(
                                "type", "s3",
                                "bucketNames", map("chunks", claim, "ruler", claim),
                                "s3", map(
                                        "endpoint", ObjectStoreRenderer.gatewayAddress(cluster, store, tls),
                                        "region", "us-east-1",
                                        "accessKeyId", "${AWS_ACCESS_KEY_ID}",
                                        "secretAccessKey", "${AWS_SECRET_ACCESS_KEY}",
                                        "s3ForcePathStyle", true,
                                        "insecure", !tls)),
                        "compactor", map("retention_enabled", true, "delete_request_store", "s3"),
                        "limits_config", map("retention_period", logs.retentionDays() * 24 + "h")),
                "singleBinary", map(
                        "replicas", 1,
                        "extraEnv", List.of(secretEnv("AWS_ACCESS_KEY_ID", claim), secretEnv("AWS_SECRET_ACCESS_KEY", claim)),
                        "resources", map("requests", map("cpu", "200m", "memory", "512Mi"), "limits", map("memory", "2Gi"))),
                "read", map("replicas", 0),
                "write", map("replicas", 0),
                "backend", map("replicas", 0),
                "chunksCache", map("enabled", false),
                "resultsCache", map("enabled", false),
                "lokiCanary", map("enabled", false),
                "test", map("enabled", false));
    }

    /**
     * Alloy as one Deployment (clustering off: one collector for the cluster) with the chart's default RBAC, which
     * reads pods and pods/log; every pod's containers tailed, labelled with namespace, pod, container and app.
     */
    static Map<String, Object> alloyValues() {
        return map(
                "controller", map("type", "deployment", "replicas", 1),
                "alloy", map(
                        "configMap", map("create", true, "content", ALLOY_CONFIG),
                        "resources", map("requests", map("cpu", "50m", "memory", "128Mi"), "limits", map("memory", "512Mi"))));
    }

    /** Grafana's data source for Loki (kube-prometheus-stack: grafana.additionalDataSources). */
    static Map<String, Object> grafanaDataSource() {
        return map("name", "Loki", "type", "loki", "uid", "loki", "access", "proxy", "url", LOKI_URL);
    }

    private static Map<String, Object> secretEnv(String key, String secret) {
        return map("name", key, "valueFrom", map("secretKeyRef", map("name", secret, "key", key)));
    }

    /** Alloy's configuration (loki.source.kubernetes reads the targets' __meta_kubernetes_* pod labels). */
    static final String ALLOY_CONFIG = String.join("\n",
            "discovery.kubernetes \"pods\" {",
            "  role = \"pod\"",
            "}",
            "",
            "discovery.relabel \"pods\" {",
            "  targets = discovery.kubernetes.pods.targets",
            "  rule {",
            "    source_labels = [\"__meta_kubernetes_namespace\"]",
            "    target_label  = \"namespace\"",
            "  }",
            "  rule {",
            "    source_labels = [\"__meta_kubernetes_pod_name\"]",
            "    target_label  = \"pod\"",
            "  }",
            "  rule {",
            "    source_labels = [\"__meta_kubernetes_pod_container_name\"]",
            "    target_label  = \"container\"",
            "  }",
            "  rule {",
            "    source_labels = [\"__meta_kubernetes_pod_label_app_kubernetes_io_name\"]",
            "    target_label  = \"app\"",
            "  }",
            "}",
            "",
            "loki.source.kubernetes \"pods\" {",
            "  targets    = discovery.relabel.pods.output",
            "  forward_to = [loki.write.default.receiver]",
            "}",
            "",
            "loki.write \"default\" {",
            "  endpoint {",
            "    url = \"" + LOKI_URL + "/loki/api/v1/push\"",
            "  }",
            "}",
            "");
}
