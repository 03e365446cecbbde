package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.apps.MariaDbBackup;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** mariadb-operator and its databases: the values that matter, read back from what the renderers emit. */
class MariaDbComponentsTest {

    private static Cluster cluster(boolean monitoring) {
        Cluster.Builder b = Patterns.minimalProduction("m")
                .rook(r -> r.objectStore(ObjectStore.named("objectstore").bucket("mariadb", "mariadb-backups")))
                .apps(a -> a.mariadb(MariaDbCluster.named("shop", "mariadb", "ceph-block")
                        .backup(MariaDbBackup.toBucket("mariadb-backups"))));
        return (monitoring ? b.monitoring(Monitoring.kubePrometheusStack()) : b).build();
    }

    private static Map<String, Component> byName(Cluster cluster) {
        return ClusterComponents.of(cluster).stream().collect(Collectors.toMap(Component::name, Function.identity()));
    }

    private static JsonNode object(Component component, String kind, String name) {
        HasMetadata found = RenderersTest.objects(component).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        return ManifestYaml.readAll(ManifestYaml.write("", List.of(found))).get(0);
    }

    @Test
    void theOperatorIsAPinnedChartWithItsCrdsAmongTheControllersKeepingThem() {
        Component operator = byName(cluster(false)).get(MariaDbRenderer.OPERATOR);
        assertThat(operator.layer()).isEqualTo(Layer.CONTROLLERS);
        Part.ChartInstall chart = operator.parts().stream().filter(p -> p instanceof Part.ChartInstall)
                .map(p -> (Part.ChartInstall) p).findFirst().orElseThrow();
        assertThat(chart.repositoryUrl()).isEqualTo("https://helm.mariadb.com/mariadb-operator");
        assertThat(chart.chart()).isEqualTo("mariadb-operator");
        assertThat(chart.version()).isEqualTo("25.10.3");
        assertThat(chart.values()).containsEntry("crds", Map.of("enabled", true));
        // the CRD templates carry no resource-policy of their own
        assertThat(chart.keepCrds()).isTrue();
        assertThat(chart.values()).containsKeys("podSecurityContext", "securityContext", "webhook", "certController");
    }

    @Test
    void aDatabaseIsGaleraOnePodPerNodeOnItsBlockClassWithGeneratedPasswords() {
        Component db = byName(cluster(false)).get("mariadb-shop");
        assertThat(db.layer()).isEqualTo(Layer.APPS);
        assertThat(db.dependsOn()).containsExactlyInAnyOrder(MariaDbRenderer.OPERATOR, CephClusterRenderer.COMPONENT,
                ClusterComponents.BUCKETS);
        JsonNode spec = object(db, "MariaDB", "shop").get("spec");
        assertThat(spec.at("/replicas").asInt()).isEqualTo(3);
        assertThat(spec.at("/galera/enabled").asBoolean()).isTrue();
        assertThat(spec.at("/affinity/antiAffinityEnabled").asBoolean()).isTrue();
        assertThat(spec.at("/storage/storageClassName").asText()).isEqualTo("ceph-block");
        assertThat(spec.at("/rootPasswordSecretKeyRef/generate").asBoolean()).isTrue();
        assertThat(spec.at("/passwordSecretKeyRef/generate").asBoolean()).isTrue();
        assertThat(spec.has("metrics")).isFalse();
        // no Secret of the database's is in the tree
        assertThat(RenderersTest.objects(db)).extracting(HasMetadata::getKind).doesNotContain("Secret");
    }

    @Test
    void theBackupDumpsIntoTheClaimedBucketThroughTheGatewayWithTheClaimsKeys() {
        JsonNode spec = object(byName(cluster(false)).get("mariadb-shop"), "Backup", "shop").get("spec");
        assertThat(spec.at("/mariaDbRef/name").asText()).isEqualTo("shop");
        assertThat(spec.at("/schedule/cron").asText()).isEqualTo("0 3 * * *");
        assertThat(spec.at("/maxRetention").asText()).isEqualTo("720h");
        JsonNode s3 = spec.at("/storage/s3");
        assertThat(s3.at("/bucket").asText()).isEqualTo("mariadb-backups");
        assertThat(s3.at("/prefix").asText()).isEqualTo("shop");
        assertThat(s3.at("/endpoint").asText()).isEqualTo("rook-ceph-rgw-objectstore.rook-ceph.svc:80");
        assertThat(s3.at("/accessKeyIdSecretKeyRef/name").asText()).isEqualTo("mariadb-backups");
        assertThat(s3.at("/accessKeyIdSecretKeyRef/key").asText()).isEqualTo("AWS_ACCESS_KEY_ID");
        assertThat(s3.at("/secretAccessKeySecretKeyRef/key").asText()).isEqualTo("AWS_SECRET_ACCESS_KEY");
        assertThat(s3.at("/tls/enabled").asBoolean()).isFalse();
    }

    @Test
    void ingressIsDeniedButForPeersOnGaleraPortsAndTheOperator() {
        Component db = byName(cluster(false)).get("mariadb-shop");
        JsonNode allow = object(db, "NetworkPolicy", "shop-instances").get("spec");
        assertThat(allow.at("/podSelector/matchLabels/app.kubernetes.io~1instance").asText()).isEqualTo("shop");
        assertThat(allow.at("/ingress/0/ports").findValuesAsText("port"))
                .containsExactly("3306", "4444", "4567", "4568", "5555", "5566");
        assertThat(allow.at("/ingress/1/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("mariadb-operator");
        assertThat(allow.at("/ingress/1/ports").findValuesAsText("port")).containsExactly("3306", "5555", "5566");
        assertThat(object(db, "NetworkPolicy", "shop-default-deny-ingress").at("/spec/podSelector").isEmpty()).isTrue();
    }

    @Test
    void metricsAndPrometheusIngressOnlyWithTheTreesMonitoring() {
        Component db = byName(cluster(true)).get("mariadb-shop");
        assertThat(db.dependsOn()).contains(MonitoringRenderer.STACK);
        assertThat(object(db, "MariaDB", "shop").at("/spec/metrics/enabled").asBoolean()).isTrue();
        assertThat(object(db, "NetworkPolicy", "shop-metrics").at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(9104);
        assertThat(RenderersTest.objects(byName(cluster(false)).get("mariadb-shop"))).extracting(o -> o.getMetadata().getName())
                .doesNotContain("shop-metrics");
    }

    @Test
    void theDatabasesNamespaceIsBaselineForTheOperatorsPods() {
        Cluster c = cluster(false);
        assertThat(Namespaces.application(c, "mariadb")).isEqualTo(PodSecurity.BASELINE);
        assertThat(Namespaces.application(c, "other")).isEqualTo(PodSecurity.RESTRICTED);
    }

    /**
     * Both layouts of a cluster with a MariaDB and monitoring pass the whole validator: the strict schemas of
     * k8s.mariadb.com (../shared/schemas, mariadb-operator 25.10.3) and the reconcile check, which must know
     * that the operator's chart serves k8s.mariadb.com before the apps apply.
     */
    @Test
    void bothLayoutsValidateWithNoFindings(@org.junit.jupiter.api.io.TempDir Path flux,
                                           @org.junit.jupiter.api.io.TempDir Path argo) throws java.io.IOException {
        GitOpsSystem system = GitOpsSystem.of(cluster(true));
        for (var layout : List.of(Map.entry(flux, system),
                Map.entry(argo, system.reconciledBy(Reconciler.argoCd("https://github.com/koor/demo-gitops.git", "main"))))) {
            Path root = layout.getKey();
            new TreeWriter(root).write(Layouts.render(layout.getValue(), "io.koor.gitops.model.presets.Patterns",
                    PriceTable.snapshot2026()), false);
            // the Argo CD health check for Applications, which provisioning restores (see ArgoCdLayoutTest)
            java.nio.file.Files.createDirectories(root.resolve(".gitops"));
            java.nio.file.Files.writeString(root.resolve(".gitops/external-apis.yaml"), "argoApplicationHealth: true\n");
            ValidationReport report = new ValidationService().validate(root, ValidationOptions.builder()
                    .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                    .offline(true).build());
            assertThat(report.violations()).as(root.toString()).isEmpty();
            assertThat(report.objects()).isPositive();
        }
    }
}
