package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The barman-cloud command lines are those CloudNativePG's instance manager builds from the rendered
 * stanza (cloudnative-pg/barman-cloud: compression flag, --endpoint-url, --cloud-provider aws-s3,
 * destination path, server name), so that the lab's rehearsal runs what the cluster runs.
 */
class BarmanCloudTest {
    private static final Cluster FULL = TestSystems.full("big");
    private static final PostgresCluster ORDERS = FULL.apps().databases().stream()
            .filter(d -> d.name().value().equals("orders")).findFirst().orElseThrow();
    private static final BarmanCloud STORE = BarmanCloud.of(FULL, ORDERS);

    @Test
    @SuppressWarnings("unchecked")
    void theCommandsFollowTheStanzaTheClusterDeclares() {
        Map<String, Object> stanza = STORE.barmanObjectStore();
        String endpoint = (String) stanza.get("endpointURL");
        String destination = (String) stanza.get("destinationPath");
        String server = (String) stanza.get("serverName");
        String walCompression = (String) ((Map<String, Object>) stanza.get("wal")).get("compression");
        Map<String, Object> data = (Map<String, Object>) stanza.get("data");
        assertThat(STORE.walArchive("%p")).containsExactly("barman-cloud-wal-archive", "--" + walCompression,
                "--endpoint-url", endpoint, "--cloud-provider", "aws-s3", destination, server, "%p");
        assertThat(data.get("immediateCheckpoint")).isEqualTo(true);
        assertThat(STORE.backup("nightly")).containsExactly("barman-cloud-backup", "--user", "postgres", "--name", "nightly",
                "--" + data.get("compression"), "--immediate-checkpoint", "--endpoint-url", endpoint,
                "--cloud-provider", "aws-s3", destination, server);
        assertThat(STORE.restore("nightly", "/var/lib/postgresql/data")).containsExactly("barman-cloud-restore",
                "--endpoint-url", endpoint, "--cloud-provider", "aws-s3", destination, server, "nightly",
                "/var/lib/postgresql/data");
        assertThat(STORE.walRestore("%f", "%p")).containsExactly("barman-cloud-wal-restore", "--endpoint-url", endpoint,
                "--cloud-provider", "aws-s3", destination, server, "%f", "%p");
    }

    @Test
    void theLabPointsTheSameStoreAtItsOwnGateway() {
        BarmanCloud lab = STORE.at("http://127.0.0.1:8080");
        assertThat(lab.barmanObjectStore().get("endpointURL")).isEqualTo("http://127.0.0.1:8080");
        assertThat(lab.destinationPath()).isEqualTo(STORE.destinationPath()).isEqualTo("s3://db-backups/");
        assertThat(lab.serverName()).isEqualTo("orders");
        assertThat(lab.compression()).isEqualTo(ORDERS.backup().orElseThrow().compression());
    }

    @Test
    void theKeysGoByEnvironmentUnderTheSecretsKeyNames() {
        assertThat(BarmanCloud.environment("AK", "SK")).containsOnly(
                Map.entry("AWS_ACCESS_KEY_ID", "AK"), Map.entry("AWS_SECRET_ACCESS_KEY", "SK"));
        assertThat(String.join(" ", STORE.backup("x"))).doesNotContain("AWS_");
    }

    @Test
    void aDatabaseWithoutBackupsHasNoStore() {
        PostgresCluster plain = PostgresCluster.named("plain", "app", "ceph-block");
        assertThatThrownBy(() -> BarmanCloud.of(FULL, plain)).hasMessageContaining("plain declares no backup");
    }
}
