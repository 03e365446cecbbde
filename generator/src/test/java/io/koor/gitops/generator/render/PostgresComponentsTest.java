package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CloudNativePG and its databases: the values that matter, read back from what the renderers emit. */
class PostgresComponentsTest {
    private static final Cluster FULL = TestSystems.full("big");

    private static Map<String, Component> byName(Cluster cluster) {
        return ClusterComponents.of(cluster).stream().collect(Collectors.toMap(Component::name, Function.identity()));
    }

    private static JsonNode object(Component component, String kind, String name) {
        HasMetadata found = RenderersTest.objects(component).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        return ManifestYaml.readAll(ManifestYaml.write("", List.of(found))).get(0);
    }

    @Test
    void theOperatorIsAPinnedChartAmongTheControllersKeepingItsCrds() {
        Component operator = byName(FULL).get(PostgresRenderer.OPERATOR);
        assertThat(operator.layer()).isEqualTo(Layer.CONTROLLERS);
        Part.ChartInstall chart = operator.parts().stream().filter(p -> p instanceof Part.ChartInstall)
                .map(p -> (Part.ChartInstall) p).findFirst().orElseThrow();
        assertThat(chart.repositoryUrl()).isEqualTo("https://cloudnative-pg.github.io/charts");
        assertThat(chart.chart()).isEqualTo("cloudnative-pg");
        assertThat(chart.version()).isEqualTo("0.28.3");
        assertThat(chart.namespace()).isEqualTo("cnpg-system");
        // the chart's CRD templates carry helm.sh/resource-policy: keep themselves
        assertThat(chart.keepCrds()).isFalse();
    }

    @Test
    void aDatabaseRunsThreeInstancesOnePerNodeOnItsBlockClassAndArchivesToItsBucket() {
        Component db = byName(FULL).get("postgres-orders");
        assertThat(db.layer()).isEqualTo(Layer.APPS);
        assertThat(db.dependsOn()).contains(PostgresRenderer.OPERATOR, CephClusterRenderer.COMPONENT,
                ClusterComponents.BUCKETS, MonitoringRenderer.STACK); // the stack brings the PodMonitor CRD when monitoring is on
        JsonNode spec = object(db, "Cluster", "orders").get("spec");
        assertThat(spec.at("/instances").asInt()).isEqualTo(3);
        assertThat(spec.at("/imageName").asText()).isEqualTo("ghcr.io/cloudnative-pg/postgresql:18.3-system-trixie");
        assertThat(spec.at("/storage/storageClass").asText()).isEqualTo("ceph-block");
        assertThat(spec.at("/affinity/podAntiAffinityType").asText()).isEqualTo("required");
        assertThat(spec.at("/affinity/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(spec.at("/backup/retentionPolicy").asText()).isEqualTo("14d");
        JsonNode store = spec.at("/backup/barmanObjectStore");
        assertThat(store.at("/destinationPath").asText()).isEqualTo("s3://db-backups/");
        // the object store of TestSystems.full serves TLS
        assertThat(store.at("/endpointURL").asText()).isEqualTo("https://rook-ceph-rgw-s3.rook-ceph.svc:443");
        // the keys come from the Secret Rook makes for the claim, named after it, in the database's namespace
        assertThat(store.at("/s3Credentials/accessKeyId/name").asText()).isEqualTo("db-backups");
        assertThat(store.at("/s3Credentials/accessKeyId/key").asText()).isEqualTo("AWS_ACCESS_KEY_ID");
        assertThat(store.at("/s3Credentials/secretAccessKey/key").asText()).isEqualTo("AWS_SECRET_ACCESS_KEY");
        assertThat(object(byName(FULL).get(ClusterComponents.BUCKETS), "ObjectBucketClaim", "db-backups")
                .at("/spec/bucketName").asText()).isEqualTo("db-backups");

        JsonNode scheduled = object(db, "ScheduledBackup", "orders").get("spec");
        assertThat(scheduled.at("/schedule").asText()).isEqualTo("0 0 2 * * *");
        assertThat(scheduled.at("/cluster/name").asText()).isEqualTo("orders");
        assertThat(scheduled.at("/method").asText()).isEqualTo("barmanObjectStore");
    }

    @Test
    void theRestoreClusterReadsTheSameStoreUnderTheSourcesNameToThePointInTime() {
        Component db = byName(FULL).get("postgres-orders");
        JsonNode source = object(db, "Cluster", "orders").at("/spec/backup/barmanObjectStore");
        JsonNode spec = object(db, "Cluster", "orders-restore").get("spec");
        assertThat(spec.at("/bootstrap/recovery/source").asText()).isEqualTo("orders");
        assertThat(spec.at("/bootstrap/recovery/recoveryTarget/targetTime").asText()).isEqualTo("2026-12-01T06:00:00Z");
        assertThat(spec.at("/externalClusters/0/name").asText()).isEqualTo("orders");
        assertThat(spec.at("/externalClusters/0/barmanObjectStore")).isEqualTo(source);
        assertThat(source.at("/serverName").asText()).isEqualTo("orders");
        // the restored cluster does not archive into its source's WAL
        assertThat(spec.has("backup")).isFalse();
    }

    @Test
    void ingressIsDeniedButForTheOperatorThePeersAndLabelledClients() {
        Component db = byName(FULL).get("postgres-orders");
        JsonNode deny = object(db, "NetworkPolicy", "default-deny-ingress").get("spec");
        assertThat(deny.at("/podSelector").isEmpty()).isTrue();
        assertThat(deny.has("ingress")).isFalse();
        JsonNode allow = object(db, "NetworkPolicy", "orders-instances").get("spec");
        assertThat(allow.at("/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("cnpg-system");
        assertThat(allow.at("/ingress/0/ports").findValuesAsText("port")).containsExactly("8000", "5432");
        assertThat(allow.at("/ingress/1/from/0/podSelector/matchLabels/postgres.koor.io~1client-of").asText())
                .isEqualTo("orders");
        assertThat(allow.at("/ingress/1/ports").findValuesAsText("port")).containsExactly("5432");
    }

    @Test
    void podMonitorsOnlyWhenTheTreeBringsThePrometheusCrds() {
        assertThat(RenderersTest.objects(byName(FULL).get("postgres-orders"))).extracting(HasMetadata::getKind)
                .contains("PodMonitor");
        Cluster plain = Patterns.minimalProduction("p")
                .rook(r -> r.objectStore(io.koor.gitops.model.ceph.ObjectStore.named("objectstore")
                        .bucket("db", "backups")))
                .apps(a -> a.postgres(io.koor.gitops.model.apps.PostgresCluster.named("app", "db", "ceph-block")
                        .backup(io.koor.gitops.model.apps.BarmanBackup.toBucket("backups"))))
                .build();
        Component db = byName(plain).get("postgres-app");
        assertThat(RenderersTest.objects(db)).extracting(HasMetadata::getKind).doesNotContain("PodMonitor", "Namespace");
        assertThat(db.dependsOn()).doesNotContain(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS, MonitoringRenderer.STACK);
        assertThat(object(db, "Cluster", "app").at("/spec/backup/barmanObjectStore/endpointURL").asText())
                .isEqualTo("http://rook-ceph-rgw-objectstore.rook-ceph.svc:80");
    }

    @Test
    void aDatabaseInANamespaceNoClaimMakesCreatesItOnce() {
        List<String> kinds = RenderersTest.objects(byName(FULL).get("postgres-catalog")).stream()
                .map(HasMetadata::getKind).toList();
        assertThat(kinds.stream().filter("Namespace"::equals)).hasSize(1);
        assertThat(RenderersTest.objects(byName(FULL).get("postgres-orders"))).extracting(HasMetadata::getKind)
                .doesNotContain("Namespace");
    }

    @Test
    void theDatabaseClustersAreRetained() {
        Part.Manifests clusters = (Part.Manifests) byName(FULL).get("postgres-orders").parts().get(0);
        assertThat(clusters.retained()).isTrue();
        assertThat(clusters.objects()).extracting(HasMetadata::getKind).containsOnly("Cluster");
    }
}
