package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.values.DnsLabel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Velero from vmware-tanzu/helm-charts, in the apps layer: it reads the bucket's keys from the claim's
 * Secret, which Rook only makes once the claim is applied there. Cluster objects go to the bucket through
 * velero-plugin-for-aws; volumes are taken as CSI snapshots (the {@code EnableCSI} feature, Velero's
 * site/content/docs/v1.17/csi.md), with the VolumeSnapshotClasses labelled for it.
 */
public final class VeleroRenderer {
    public static final String COMPONENT = "velero";

    private VeleroRenderer() {
    }

    static Component render(Cluster cluster, VeleroBackups velero, Set<String> needs) {
        String secret = velero.bucketClaim().value();
        ObjectStore store = cluster.rook().storeHolding(DnsLabel.of(VeleroBackups.NAMESPACE), velero.bucketClaim())
                .orElseThrow();
        String endpoint = ObjectStoreRenderer.gatewayUrl(cluster, store);
        Map<String, Object> schedules = new LinkedHashMap<>();
        for (VeleroBackups.Schedule schedule : velero.schedules()) {
            Map<String, Object> template = map("ttl", schedule.ttl(), "snapshotVolumes", true);
            if (!schedule.namespaces().isEmpty()) {
                template.put("includedNamespaces", schedule.namespaces().stream().map(Object::toString).toList());
            }
            schedules.put(schedule.name().value(), map("schedule", schedule.cron(), "template", template));
        }
        Map<String, Object> values = map(
                "initContainers", List.of(map(
                        "name", "velero-plugin-for-aws",
                        "image", velero.awsPlugin().toString(),
                        "volumeMounts", List.of(map("mountPath", "/target", "name", "plugins")))),
                // Flux replaces the chart's crds/ on upgrade (CreateReplace), so the chart's kubectl job is not needed.
                "upgradeCRDs", false,
                // No credentials file: the AWS SDK reads the keys from the environment, set from the claim's Secret.
                "credentials", map("useSecret", false),
                "configuration", map(
                        "features", "EnableCSI",
                        "backupStorageLocation", List.of(map(
                                "name", "default",
                                "provider", "aws",
                                "bucket", velero.bucketClaim().value(),
                                "default", true,
                                // RGW: path-style addressing; no checksum header, which RGW rejects
                                // (velero-plugin-for-aws README at v1.13.2, "Ceph S3")
                                "config", map("region", "us-east-1", "s3ForcePathStyle", "true", "s3Url", endpoint,
                                        "checksumAlgorithm", ""))),
                        "extraEnvVars", List.of(
                                secretEnv("AWS_ACCESS_KEY_ID", secret),
                                secretEnv("AWS_SECRET_ACCESS_KEY", secret))),
                // CSI snapshots need no VolumeSnapshotLocation, which is for the providers' own snapshotters
                "snapshotsEnabled", false,
                "schedules", schedules);
        Part.ChartInstall chart = new Part.ChartInstall("vmware-tanzu", "https://vmware-tanzu.github.io/helm-charts",
                "velero", velero.chart().text(), VeleroBackups.NAMESPACE, Optional.empty(), Part.CrdPolicy.CREATE_REPLACE,
                values);
        // The server talks to the API server and to the bucket's gateways, nothing else (its namespace denies all
        // else); the chart labels its pods app.kubernetes.io/name: velero (templates/deployment.yaml at velero-11.2.0).
        HasMetadata egress = NetworkPolicies.egress("velero-egress", VeleroBackups.NAMESPACE,
                map("app.kubernetes.io/name", "velero"),
                List.of(NetworkPolicies.toApiServer(cluster), NetworkPolicies.toGateways(cluster, store)));
        return new Component(COMPONENT, Layer.APPS, needs, false, List.of(chart, new Part.Manifests(List.of(egress))));
    }

    private static Map<String, Object> secretEnv(String key, String secret) {
        return map("name", key, "valueFrom", map("secretKeyRef", map("name", secret, "key", key)));
    }
}
