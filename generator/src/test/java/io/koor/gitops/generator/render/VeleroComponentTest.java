package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.generator.testing.TestSystems;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Velero: the chart's values that decide whether backups reach the bucket and the volumes are snapshotted. */
class VeleroComponentTest {
    private final Component velero = ClusterComponents.of(TestSystems.full("big")).stream()
            .filter(c -> c.name().equals(VeleroRenderer.COMPONENT)).findFirst().orElseThrow();

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> values, String... path) {
        Object node = values;
        for (String key : path) {
            node = key.matches("\\d+") ? ((List<Object>) node).get(Integer.parseInt(key)) : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    @Test
    void aPinnedChartInTheAppsLayerAfterItsBucketAndTheSnapshotController() {
        Part.ChartInstall chart = RenderersTest.chart(velero);
        assertThat(velero.layer()).isEqualTo(Layer.APPS);
        assertThat(velero.dependsOn()).contains(ClusterComponents.BUCKETS, PlatformRenderer.SNAPSHOT_CONTROLLER);
        assertThat(chart.repositoryUrl()).isEqualTo("https://vmware-tanzu.github.io/helm-charts");
        assertThat(chart.version()).isEqualTo("11.2.0");
        assertThat(chart.namespace()).isEqualTo("velero");
        assertThat(chart.crds()).isEqualTo(Part.CrdPolicy.CREATE_REPLACE);
        assertThat((String) at(chart.values(), "initContainers", "0", "image"))
                .isEqualTo("velero/velero-plugin-for-aws:v1.13.2");
    }

    @Test
    void backupsGoToTheClaimsBucketAtTheGatewayWithTheClaimsKeysFromTheEnvironment() {
        Map<String, Object> values = RenderersTest.chart(velero).values();
        assertThat((Object) at(values, "credentials", "useSecret")).isEqualTo(false);
        assertThat((String) at(values, "configuration", "features")).isEqualTo("EnableCSI");
        assertThat((String) at(values, "configuration", "backupStorageLocation", "0", "bucket")).isEqualTo("cluster-backups");
        assertThat((String) at(values, "configuration", "backupStorageLocation", "0", "config", "s3Url"))
                .isEqualTo("https://rook-ceph-rgw-s3.rook-ceph.svc:443");
        assertThat((String) at(values, "configuration", "backupStorageLocation", "0", "config", "s3ForcePathStyle"))
                .isEqualTo("true");
        assertThat((String) at(values, "configuration", "extraEnvVars", "0", "valueFrom", "secretKeyRef", "name"))
                .isEqualTo("cluster-backups");
        assertThat((String) at(values, "configuration", "extraEnvVars", "1", "valueFrom", "secretKeyRef", "key"))
                .isEqualTo("AWS_SECRET_ACCESS_KEY");
        assertThat((Object) at(values, "snapshotsEnabled")).isEqualTo(false);
    }

    @Test
    void schedulesTakeTheVolumesAndKeepTheirBackupsForTheirTtl() {
        Map<String, Object> values = RenderersTest.chart(velero).values();
        assertThat((String) at(values, "schedules", "nightly", "schedule")).isEqualTo("0 3 * * *");
        assertThat((String) at(values, "schedules", "nightly", "template", "ttl")).isEqualTo("720h");
        assertThat((Object) at(values, "schedules", "nightly", "template", "snapshotVolumes")).isEqualTo(true);
        assertThat((Map<String, Object>) at(values, "schedules", "nightly", "template")).doesNotContainKey("includedNamespaces");
        assertThat((List<String>) at(values, "schedules", "shop-hourly", "template", "includedNamespaces"))
                .containsExactly("shop");
    }

    @Test
    void theSnapshotClassesAreTheOnesVeleroPicks() {
        assertThat(ToolsRenderer.blockSnapshotClass(TestSystems.full("big").rook()).getMetadata().getLabels())
                .containsEntry("velero.io/csi-volumesnapshot-class", "true");
    }
}
