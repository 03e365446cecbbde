package io.koor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.GenerateOptions;
import io.koor.gitops.generator.GitOpsService;
import io.koor.gitops.generator.events.EventSink;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.Ownership;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed demo tree is the golden tree: what the definition generates, byte for byte
 * (regenerate with the README's generate command). Beside it, the few values that matter are pinned,
 * so a change to them shows up as a failing assertion and not only as a golden diff.
 */
class DemoTreeTest {
    private static final Path REPO = Path.of(System.getProperty("gitops.repositoryRoot", "..")).toAbsolutePath().normalize();
    private final GitOpsSystem system = new KoorDemoSystem().system();
    private final GitOpsTree tree = render(system);

    private static GitOpsTree render(GitOpsSystem system) {
        try {
            return new GitOpsService(EventSink.SILENT).render(system, GenerateOptions.builder(REPO,
                    KoorDemoSystem.class.getName()).validation(ValidationOptions.builder()
                    .schemaLocations(schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                    .build()).build());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As demo/pom.xml: the clusters run Kubernetes 1.35 and 1.36, for which no core schemas exist here,
     * so core objects are checked against the newest there are, v1.32.0, named explicitly.
     */
    static List<String> schemaLocations() {
        List<String> locations = new ArrayList<>(SharedData.schemaLocations());
        locations.set(0, SharedData.schemas() + "/v1.32.0-standalone-strict/{{.ResourceKind}}{{.KindSuffix}}.json");
        return locations;
    }

    private JsonNode doc(String path, int index) {
        return ManifestYaml.readAll(tree.text(new TreePath(path))).get(index);
    }

    @Test
    void theCommittedTreeIsExactlyWhatTheDefinitionGenerates() throws IOException {
        List<String> drift = new ArrayList<>();
        for (Map.Entry<TreePath, String> file : tree.files().entrySet()) {
            Path onDisk = file.getKey().resolveAgainst(REPO);
            if (!Files.isRegularFile(onDisk) || !Files.readString(onDisk).equals(file.getValue())) {
                drift.add(file.getKey().value());
            }
        }
        assertThat(drift).as("files differing from the definition; run the README's generate command").isEmpty();
        assertThat(Files.readString(REPO.resolve(Ownership.FILE))).isEqualTo(Ownership.of(tree).text());
        try (Stream<Path> walk = Stream.of("clusters", "infrastructure", "apps").map(REPO::resolve)
                .filter(Files::isDirectory).flatMap(DemoTreeTest::walk)) {
            List<String> extra = walk.filter(Files::isRegularFile).map(p -> REPO.relativize(p).toString())
                    .filter(p -> !tree.files().containsKey(new TreePath(p))).toList();
            assertThat(extra).as("files in the generated roots that the definition does not produce").isEmpty();
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void demoAndStagingHaveTheSameShapeAndStagingRunsTheNewerRook() {
        assertThat(system.clusters()).extracting(c -> c.name().value()).containsExactly("demo", "staging");
        for (String cluster : List.of("demo", "staging")) {
            JsonNode ceph = doc("infrastructure/configs/" + cluster + "/ceph-cluster/cephcluster-rook-ceph.yaml", 0);
            assertThat(ceph.at("/spec/mon/count").asInt()).isEqualTo(3);
            assertThat(ceph.at("/spec/storage/nodes")).hasSize(4);
            assertThat(ceph.at("/spec/storage/nodes/3/name").asText()).isEqualTo(cluster + "-storage-4");
            assertThat(ceph.at("/spec/storage/nodes/0/devices")).hasSize(2);
            JsonNode pool = doc("infrastructure/configs/" + cluster + "/ceph-cluster/cephblockpool-replicapool.yaml", 0);
            assertThat(pool.at("/spec/replicated/size").asInt()).isEqualTo(3);
            assertThat(pool.at("/spec/failureDomain").asText()).isEqualTo("host");
        }
        String release = "infrastructure/controllers/%s/rook-ceph-operator/helmrelease-rook-ceph.yaml";
        assertThat(doc(release.formatted("demo"), 0).at("/spec/chart/spec/version").asText()).isEqualTo("v1.19.10");
        assertThat(doc(release.formatted("staging"), 0).at("/spec/chart/spec/version").asText()).isEqualTo("v1.20.6");
        String ceph = "infrastructure/configs/%s/ceph-cluster/cephcluster-rook-ceph.yaml";
        assertThat(doc(ceph.formatted("demo"), 0).at("/spec/cephVersion/image").asText()).isEqualTo("quay.io/ceph/ceph:v19.2.6");
        assertThat(doc(ceph.formatted("staging"), 0).at("/spec/cephVersion/image").asText()).isEqualTo("quay.io/ceph/ceph:v20.2.4");
        assertThat(system.clusters()).extracting(c -> c.kubernetesVersion().minor()).containsExactly(35, 36);
        assertThat(system.clusters()).allSatisfy(c -> {
            assertThat(c.location().networkZone()).isEqualTo("eu-central");
            assertThat(c.controlPlane().count()).isEqualTo(1);
            assertThat(c.workers().count()).isEqualTo(2);
        });
    }

    @Test
    void fileAndObjectStorageForTheDemoApplications() {
        JsonNode fs = doc("infrastructure/configs/demo/ceph-filesystems/cephfilesystem-cephfs.yaml", 0);
        assertThat(fs.at("/spec/metadataServer/activeStandby").asBoolean()).isTrue();
        JsonNode store = doc("infrastructure/configs/demo/ceph-object-stores/cephobjectstore-objectstore.yaml", 0);
        assertThat(store.at("/spec/gateway/instances").asInt()).isEqualTo(2);
        assertThat(doc("apps/demo/ceph-buckets/objectbucketclaim-static-site.yaml", 0).at("/metadata/namespace").asText())
                .isEqualTo("cdn");
        assertThat(doc("apps/demo/ceph-buckets/objectbucketclaim-database-backups.yaml", 0)
                .at("/spec/storageClassName").asText()).isEqualTo("ceph-bucket");
    }

    @Test
    void theDatabaseRunsOnBlockStorageAndIsBackedUpToItsBucketAtEachClustersVersions() {
        for (String cluster : List.of("demo", "staging")) {
            JsonNode db = doc("apps/" + cluster + "/postgres-app/cluster-app.yaml", 0).get("spec");
            assertThat(db.at("/instances").asInt()).isEqualTo(3);
            assertThat(db.at("/storage/storageClass").asText()).isEqualTo("ceph-block");
            assertThat(db.at("/backup/barmanObjectStore/destinationPath").asText()).isEqualTo("s3://database-backups/");
            assertThat(db.at("/backup/barmanObjectStore/endpointURL").asText())
                    .isEqualTo("http://rook-ceph-rgw-objectstore.rook-ceph.svc:80");
            assertThat(db.at("/backup/barmanObjectStore/s3Credentials/accessKeyId/name").asText())
                    .isEqualTo("database-backups");
            JsonNode claim = doc("apps/" + cluster + "/ceph-buckets/objectbucketclaim-database-backups.yaml", 0);
            assertThat(claim.at("/metadata/namespace").asText()).isEqualTo("database");
            assertThat(claim.at("/spec/bucketName").asText()).isEqualTo("database-backups");
        }
        assertThat(doc("infrastructure/controllers/demo/cloudnative-pg/helmrelease-cloudnative-pg.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("0.28.3");
        assertThat(doc("infrastructure/controllers/staging/cloudnative-pg/helmrelease-cloudnative-pg.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("0.29.0");
        assertThat(doc("apps/staging/postgres-app/cluster-app.yaml", 0).at("/spec/imageName").asText())
                .isEqualTo("ghcr.io/cloudnative-pg/postgresql:18.4-system-trixie");
        assertThat(tree.text(new TreePath("clusters/demo/README.md"))).contains(
                "## Databases and their restore runbook",
                "kubectl -n database get backups.postgresql.cnpg.io -l cnpg.io/cluster=app",
                "kubectl -n database wait cluster/app-restore --for=condition=Ready --timeout=30m");
    }

    @Test
    void mariaDbRunsAsGaleraOnBlockStorageAndDumpsIntoItsBucketAtEachClustersVersions() {
        for (String cluster : List.of("demo", "staging")) {
            JsonNode db = doc("apps/" + cluster + "/mariadb-shop/mariadb-shop.yaml", 0).get("spec");
            assertThat(db.at("/replicas").asInt()).isEqualTo(3);
            assertThat(db.at("/galera/enabled").asBoolean()).isTrue();
            assertThat(db.at("/affinity/antiAffinityEnabled").asBoolean()).isTrue();
            assertThat(db.at("/storage/storageClassName").asText()).isEqualTo("ceph-block");
            assertThat(db.at("/rootPasswordSecretKeyRef/generate").asBoolean()).isTrue();
            assertThat(db.at("/metrics/enabled").asBoolean()).isTrue();
            JsonNode s3 = doc("apps/" + cluster + "/mariadb-shop/backup-shop.yaml", 0).at("/spec/storage/s3");
            assertThat(s3.at("/bucket").asText()).isEqualTo("mariadb-backups");
            assertThat(s3.at("/endpoint").asText()).isEqualTo("rook-ceph-rgw-objectstore.rook-ceph.svc:80");
            assertThat(s3.at("/accessKeyIdSecretKeyRef/name").asText()).isEqualTo("mariadb-backups");
            assertThat(doc("apps/" + cluster + "/ceph-buckets/objectbucketclaim-mariadb-backups.yaml", 0)
                    .at("/metadata/namespace").asText()).isEqualTo("mariadb");
        }
        assertThat(doc("infrastructure/controllers/demo/mariadb-operator/helmrelease-mariadb-operator.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("25.10.3");
        assertThat(doc("infrastructure/controllers/staging/mariadb-operator/helmrelease-mariadb-operator.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo("25.10.4");
        assertThat(tree.text(new TreePath("clusters/demo/README.md"))).contains(
                "## MariaDB databases and their restore runbook", "kubectl -n mariadb create job shop-manual --from=cronjob/shop");
    }

    @Test
    void veleroBacksTheClusterUpToItsBucketAndTakesTheVolumesAsCsiSnapshots() {
        JsonNode release = doc("apps/demo/velero/helmrelease-velero.yaml", 0).get("spec");
        assertThat(release.at("/chart/spec/version").asText()).isEqualTo("11.2.0");
        assertThat(release.at("/values/configuration/features").asText()).isEqualTo("EnableCSI");
        assertThat(release.at("/values/configuration/backupStorageLocation/0/bucket").asText()).isEqualTo("cluster-backups");
        assertThat(release.at("/values/configuration/extraEnvVars/0/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("cluster-backups");
        assertThat(doc("apps/demo/ceph-buckets/objectbucketclaim-cluster-backups.yaml", 0).at("/metadata/namespace").asText())
                .isEqualTo("velero");
        assertThat(doc("infrastructure/configs/demo/ceph-cluster/volumesnapshotclass-ceph-block-snapshots.yaml", 0)
                .at("/metadata/labels/velero.io~1csi-volumesnapshot-class").asText()).isEqualTo("true");
        assertThat(tree.text(new TreePath("clusters/demo/README.md"))).contains(
                "## Cluster backups (Velero) and their restore runbook",
                "kubectl -n velero get backups.velero.io -l velero.io/schedule-name=velero-daily",
                "  scheduleName: velero-daily");
    }

    @Test
    void theStreamEncodesIntoItsBucketAndIsServedWithTlsAtEachClustersHost() {
        for (String cluster : List.of("demo", "staging")) {
            JsonNode encoder = doc("apps/" + cluster + "/streaming/deployment-stream-encoder.yaml", 0).at("/spec/template/spec");
            assertThat(encoder.at("/containers/0/image").asText()).isEqualTo("jrottenberg/ffmpeg:8.1.2-ubuntu2404");
            assertThat(encoder.at("/containers/1/envFrom/1/secretRef/name").asText()).isEqualTo("stream");
            JsonNode claim = doc("apps/" + cluster + "/ceph-buckets/objectbucketclaim-stream.yaml", 0);
            assertThat(claim.at("/metadata/namespace").asText()).isEqualTo("streaming");
            JsonNode ingress = doc("apps/" + cluster + "/streaming/ingress-stream.yaml", 0);
            assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("stream." + cluster + ".koor.tech");
            assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText())
                    .isEqualTo("letsencrypt-production");
            assertThat(doc("apps/" + cluster + "/streaming/configmap-stream-files.yaml", 0).at("/data/lifecycle.xml").asText())
                    .contains("<Prefix>recordings/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>7</Days>");
        }
        // the stream's Ingress brings Traefik and cert-manager into the tree, before the apps
        assertThat(doc("infrastructure/controllers/demo/cert-manager/helmrelease-cert-manager.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo(io.koor.gitops.model.presets.Versions.CERT_MANAGER_CHART);
    }

    @Test
    void koorsDataControlCenterReadsItsSessionSecretMadeInTheClusterBeforeIt() {
        for (String cluster : List.of("demo", "staging")) {
            JsonNode release = doc("apps/" + cluster + "/data-control-center/helmrelease-data-control-center.yaml", 0);
            assertThat(release.at("/metadata/namespace").asText()).isEqualTo("rook-ceph");
            assertThat(release.at("/spec/chart/spec/version").asText()).isEqualTo("0.3.7");
            assertThat(release.at("/spec/valuesFrom/0/name").asText()).isEqualTo("data-control-center-session");
            assertThat(release.at("/spec/values/config").has("jwt")).isFalse();
            assertThat(release.at("/spec/values/ingress/hosts/0/host").asText()).isEqualTo("dcc." + cluster + ".koor.tech");
            // the Job that makes the Secret is in the configs, which the apps wait for
            assertThat(tree.files().keySet()).anyMatch(p -> p.value().matches("infrastructure/configs/" + cluster
                    + "/data-control-center-session/job-data-control-center-session-[0-9a-f]{10}\\.yaml"));
            assertThat(tree.text(new TreePath("clusters/" + cluster + "/README.md"))).contains(
                    "## Koor Data Control Center", "get secret data-control-center-session -o jsonpath='{.data.adminPassword}'");
        }
    }

    @Test
    void eachClusterExplainsItselfInItsReadme() {
        String readme = tree.text(new TreePath("clusters/demo/README.md"));
        assertThat(readme).contains("| storage | 4 | cx43 | 16 GB | 2 × 100 GB |", "| ceph-block (default) | block (RBD) |",
                "| ceph-filesystem | file (CephFS) |", "| ceph-bucket | object (S3 buckets) |", "```mermaid");
        assertThat(readme).doesNotContain("Not for production");
    }

    @Test
    void rookIsReadyBeforeTheCephClusterAndTheClusterBeforeTheApps() {
        JsonNode configs = doc("clusters/demo/infrastructure.yaml", 1);
        assertThat(configs.at("/metadata/name").asText()).isEqualTo("infra-configs");
        assertThat(configs.at("/spec/dependsOn/0/name").asText()).isEqualTo("infra-controllers");
        assertThat(doc("clusters/demo/infrastructure.yaml", 0).at("/spec/wait").asBoolean()).isTrue();
        // the apps wait for the storage, and for the controllers, which run CloudNativePG
        assertThat(doc("clusters/demo/apps.yaml", 0).at("/spec/dependsOn").findValuesAsText("name"))
                .containsExactly("infra-controllers", "infra-configs");
        // the object store and filesystem the apps use are ready by Rook's word, not only created
        assertThat(configs.at("/spec/healthCheckExprs").findValuesAsText("kind"))
                .containsExactly("CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore");
        // the snapshot classes' CRDs and controller come with the controllers
        assertThat(doc("infrastructure/controllers/demo/snapshot-controller/helmrelease-snapshot-controller.yaml", 0)
                .at("/spec/chart/spec/version").asText()).isEqualTo(io.koor.gitops.model.presets.Versions.SNAPSHOT_CONTROLLER_CHART);
        // Calico's CRDs from their own chart beside the operator's, and the cloud controller manager bootstrap installed
        assertThat(doc("infrastructure/controllers/demo/network/helmrelease-calico-crds.yaml", 0)
                .at("/spec/chart/spec/chart").asText()).isEqualTo("crd.projectcalico.org.v1");
        assertThat(doc("infrastructure/controllers/demo/cloud-controller-manager/helmrelease-hccm.yaml", 0)
                .at("/spec/releaseName").asText()).isEqualTo("hccm");
    }

    /** Flux manages itself from this repository: its sync objects and its controllers, pinned, in Git. */
    @Test
    void fluxsOwnManifestsAreInGit() {
        for (String cluster : List.of("demo", "staging")) {
            JsonNode git = doc("clusters/" + cluster + "/flux-system/gotk-sync.yaml", 0);
            assertThat(git.at("/spec/url").asText()).isEqualTo(KoorDemoSystem.REPOSITORY);
            assertThat(doc("clusters/" + cluster + "/flux-system/gotk-sync.yaml", 1).at("/spec/path").asText())
                    .isEqualTo("./clusters/" + cluster);
            JsonNode oci = doc("clusters/" + cluster + "/flux-system/flux-components.yaml", 0);
            assertThat(oci.at("/spec/ref/tag").asText()).isEqualTo("v" + io.koor.gitops.model.presets.Versions.FLUX);
            assertThat(doc("clusters/" + cluster + "/flux-system/flux-components.yaml", 1).at("/spec/prune").asBoolean(true))
                    .isFalse();
        }
    }

    @Test
    void bothClustersAreMonitoredStagingOnTheNewerChartsAndGuestsMayOnlyLook() {
        for (String cluster : List.of("demo", "staging")) {
            String dir = "infrastructure/controllers/" + cluster + "/monitoring/";
            JsonNode stack = doc(dir + "helmrelease-kube-prometheus-stack.yaml", 0);
            assertThat(stack.at("/spec/chart/spec/version").asText())
                    .isEqualTo(cluster.equals("demo") ? "87.21.0" : io.koor.gitops.model.presets.Versions.KUBE_PROMETHEUS_STACK_CHART);
            assertThat(stack.at("/spec/install/crds").asText()).isEqualTo("CreateReplace");
            assertThat(doc(dir + "helmrelease-prometheus-blackbox-exporter.yaml", 0).at("/spec/chart/spec/version").asText())
                    .isEqualTo(cluster.equals("demo") ? "11.16.0" : io.koor.gitops.model.presets.Versions.BLACKBOX_EXPORTER_CHART);
            // the stack replaces the bare CRD chart, and Rook's monitoring is on with it
            assertThat(tree.files().keySet()).noneMatch(p -> p.value().contains(cluster + "/prometheus-operator-crds/"));
            assertThat(doc("infrastructure/configs/" + cluster + "/ceph-cluster/cephcluster-rook-ceph.yaml", 0)
                    .at("/spec/monitoring/enabled").asBoolean()).isTrue();
            assertThat(doc("infrastructure/configs/" + cluster + "/monitoring-config/configmap-grafana-dashboard-ceph-overview.yaml", 0)
                    .at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            // every public host is probed: the site, the stream's page and the Data Control Center
            for (String host : List.of("site", "stream", "dcc")) {
                assertThat(doc("infrastructure/configs/" + cluster + "/monitoring-config/probe-" + host + "-" + cluster
                        + "-koor-tech.yaml", 0).at("/spec/targets/staticConfig/static/0").asText())
                        .isEqualTo("https://" + host + "." + cluster + ".koor.tech/");
            }
            JsonNode guests = doc("infrastructure/configs/" + cluster + "/access/clusterrolebinding-demo-guest.yaml", 0);
            // as the API server sees the group of Dex's token: behind its --oidc-groups-prefix
            assertThat(guests.at("/subjects/0/name").asText()).isEqualTo("oidc:koor-tech:demo-guests");
            assertThat(doc("infrastructure/configs/" + cluster + "/access/clusterrole-demo-guest.yaml", 0).at("/rules")
                    .findValues("verbs")).allSatisfy(v -> assertThat(v.toString()).isEqualTo("[\"get\",\"list\",\"watch\"]"));
        }
    }

    /**
     * Sign-in through Dex, read across the objects that must agree: what Dex's configuration expands and reads from
     * its environment is what its Secrets hold; Grafana's client secret is the Job's copy; Grafana is sent back to
     * the callback Dex allows; kubectl's client is public with no redirect URIs, which is what lets kubelogin use any
     * loopback port (Dex's validateRedirectURI allows loopback only to public clients without named URIs).
     */
    @Test
    void peopleSignInThroughDexWithTheirGitHubTeams() throws IOException {
        for (String cluster : List.of("demo", "staging")) {
            String dir = "infrastructure/controllers/" + cluster + "/dex/";
            JsonNode values = doc(dir + "helmrelease-dex.yaml", 0).at("/spec/values");
            String issuer = "https://login." + cluster + ".koor.tech";
            assertThat(values.at("/config/issuer").asText()).isEqualTo(issuer);
            JsonNode github = values.at("/config/connectors/0/config");
            assertThat(github.at("/redirectURI").asText()).isEqualTo(issuer + "/callback");
            assertThat(github.at("/orgs/0/name").asText()).isEqualTo("koor-tech");
            assertThat(github.at("/orgs/0/teams").toString()).isEqualTo("[\"platform-admins\",\"demo-guests\"]");
            assertThat(github.at("/teamNameField").asText()).isEqualTo("slug");
            JsonNode kubectl = values.at("/config/staticClients/0");
            assertThat(kubectl.at("/id").asText()).isEqualTo("kubernetes");
            assertThat(kubectl.at("/public").asBoolean()).isTrue();
            assertThat(kubectl.has("redirectURIs")).isFalse();
            JsonNode grafanaClient = values.at("/config/staticClients/1");
            assertThat(grafanaClient.at("/redirectURIs/0").asText())
                    .isEqualTo("https://grafana." + cluster + ".koor.tech/login/generic_oauth");
            // the names Dex reads from its environment are the keys its Secrets hold
            assertThat(github.at("/clientID").asText()).isEqualTo("$GITHUB_CLIENT_ID");
            assertThat(values.at("/envFrom/0/secretRef/name").asText()).isEqualTo("dex-github");
            assertThat(values.at("/envFrom/0/secretRef/optional").asBoolean()).isTrue();
            assertThat(values.at("/envFrom/1/secretRef/name").asText()).isEqualTo("dex-clients");
            JsonNode job = tree.files().keySet().stream().filter(p -> p.value().startsWith(dir + "job-")).findFirst()
                    .map(p -> doc(p.value(), 0)).orElseThrow();
            Map<String, String> env = new java.util.TreeMap<>();
            job.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.at("/name").asText(), e.at("/value").asText()));
            assertThat(env).containsEntry("SECRET_NAME", "dex-clients")
                    .containsEntry("SECRET_KEY", grafanaClient.at("/secretEnv").asText());
            JsonNode grafana = doc("infrastructure/controllers/" + cluster + "/monitoring/helmrelease-kube-prometheus-stack.yaml", 0)
                    .at("/spec/values/grafana");
            JsonNode ref = grafana.at("/envValueFrom/GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET/secretKeyRef");
            assertThat(env.get("COPIES")).isEqualTo("monitoring/" + ref.at("/name").asText() + "/" + ref.at("/key").asText());
            JsonNode oauth = grafana.at("/grafana.ini/auth.generic_oauth");
            assertThat(oauth.at("/client_id").asText()).isEqualTo(grafanaClient.at("/id").asText());
            assertThat(oauth.at("/token_url").asText()).isEqualTo(issuer + "/token");
            assertThat(oauth.has("client_secret")).isFalse();
            assertThat(oauth.at("/role_attribute_path").asText()).isEqualTo(
                    "contains(groups[*], 'koor-tech:platform-admins') && 'Admin' || contains(groups[*], 'koor-tech:demo-guests') && 'Viewer'");
            assertThat(doc("infrastructure/configs/" + cluster + "/monitoring-config/probe-login-" + cluster
                    + "-koor-tech-well-known-openid-configuration.yaml", 0).at("/spec/targets/staticConfig/static/0").asText())
                    .isEqualTo(issuer + "/.well-known/openid-configuration");
        }
    }

    @Test
    void kubectlKustomizeBuildsEveryCommittedKustomization() throws IOException {
        Kustomize.assumeAvailable();
        List<String> dirs = tree.files().keySet().stream().filter(p -> p.fileName().equals("kustomization.yaml"))
                .map(TreePath::parent).toList();
        // with clusters/<cluster>/flux-system/, the apps', monitoring's and activity's directories, and per cluster the
        // CDN and the stream with the ingress controller and cert-manager (with its issuers) they bring,
        // mariadb-operator with the MariaDB, the visitor bot and the wrk benchmark, the Data Control Center and its
        // session Job, the logs (Loki and Alloy), Dex, and staging's ceph-csi-drivers for Rook v1.20.6
        assertThat(dirs).hasSize(79);
        for (String dir : dirs) {
            Kustomize.Build build = Kustomize.build(REPO.resolve(dir));
            assertThat(build.exitCode()).as(dir + ": " + build.errors()).isZero();
        }
    }
}
