package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.layout.Layouts;
import io.koor.gitops.generator.testing.Golden;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.testing.Kustomize;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed applications: the policies every object carries, its references resolving, the tree validating. */
class ApplicationComponentsTest {
    private static final Cluster CLUSTER = TestSystems.withApplications("apps-demo");
    private static final Map<String, Component> COMPONENTS = ClusterComponents.of(CLUSTER).stream()
            .collect(Collectors.toMap(Component::name, Function.identity()));

    @TempDir
    Path root;

    private static JsonNode object(String component, String kind, String name) {
        HasMetadata found = RenderersTest.objects(COMPONENTS.get(component)).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        return ManifestYaml.readAll(ManifestYaml.write("", List.of(found))).get(0);
    }

    private static List<JsonNode> all(String component) {
        return ManifestYaml.readAll(ManifestYaml.write("", RenderersTest.objects(COMPONENTS.get(component))));
    }

    @Test
    void anApplicationIsAComponentOfTheAppsLayerAfterWhatItUses() {
        Component site = COMPONENTS.get("app-site");
        assertThat(site.layer()).isEqualTo(Layer.APPS);
        assertThat(site.dependsOn()).containsExactlyInAnyOrder(CephClusterRenderer.COMPONENT, ClusterComponents.BUCKETS,
                PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);
        assertThat(COMPONENTS.get("app-probe").dependsOn()).isEmpty();
        // the bucket claims make the namespace of site; probe makes its own
        assertThat(all("app-site")).extracting(o -> o.at("/kind").asText()).doesNotContain("Namespace");
        assertThat(all("app-probe")).extracting(o -> o.at("/kind").asText()).contains("Namespace");
    }

    @Test
    void everyPodMeetsPodSecurityRestrictedAndCarriesTheStandardLabels() {
        List<JsonNode> pods = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            all("app-site").stream().filter(o -> o.at("/kind").asText().equals(kind)).forEach(o -> pods.add(o.at("/spec/template")));
        }
        all("app-site").stream().filter(o -> o.at("/kind").asText().equals("Job")).forEach(o -> pods.add(o.at("/spec/template")));
        all("app-site").stream().filter(o -> o.at("/kind").asText().equals("CronJob"))
                .forEach(o -> pods.add(o.at("/spec/jobTemplate/spec/template")));
        assertThat(pods).hasSize(4);
        for (JsonNode pod : pods) {
            JsonNode spec = pod.at("/spec");
            assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(spec.at("/securityContext/runAsUser").asInt()).isPositive();
            assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            JsonNode c = spec.at("/containers/0");
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(c.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(c.at("/volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
            assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("50m");
            assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("64Mi");
            assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("128Mi");
            assertThat(c.at("/image").asText()).doesNotEndWith(":latest").contains(":");
            JsonNode labels = pod.at("/metadata/labels");
            assertThat(labels.at("/app.kubernetes.io~1part-of").asText()).isEqualTo("site");
            assertThat(labels.at("/app.kubernetes.io~1managed-by").asText()).isEqualTo("demo-gitops");
            assertThat(labels.has("app.kubernetes.io/name") && labels.has("app.kubernetes.io/instance")
                    && labels.has("app.kubernetes.io/component")).isTrue();
        }
        JsonNode web = object("app-site", "Deployment", "web");
        assertThat(web.at("/spec/template/spec/securityContext/runAsUser").asInt()).isEqualTo(101);
        assertThat(web.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asText())
                .isEqualTo("kubernetes.io/hostname");
        assertThat(web.at("/spec/template/spec/topologySpreadConstraints/0/labelSelector/matchLabels"))
                .isEqualTo(web.at("/spec/selector/matchLabels"));
        assertThat(object("app-site", "Job", "seed").at("/spec/template/spec").has("topologySpreadConstraints")).isFalse();
    }

    @Test
    void referencesResolve() {
        // PVC template -> a StorageClass of the tree
        JsonNode files = object("app-site", "StatefulSet", "files");
        assertThat(files.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("ceph-block");
        assertThat(RenderersTest.objects(COMPONENTS.get(CephClusterRenderer.COMPONENT))).anyMatch(o ->
                o.getKind().equals("StorageClass") && o.getMetadata().getName().equals("ceph-block"));
        // StatefulSet -> its headless Service
        assertThat(object("app-site", "Service", files.at("/spec/serviceName").asText()).at("/spec/clusterIP").asText())
                .isEqualTo("None");
        // envFrom -> the Secret and ConfigMap Rook names after the claim in the namespace (keys AWS_*, BUCKET_*)
        JsonNode report = object("app-site", "CronJob", "report");
        assertThat(report.at("/spec/suspend").asBoolean()).isTrue();
        JsonNode from = report.at("/spec/jobTemplate/spec/template/spec/containers/0/envFrom");
        assertThat(from.at("/0/configMapRef/name").asText()).isEqualTo("site-content");
        assertThat(from.at("/1/secretRef/name").asText()).isEqualTo("site-content");
        assertThat(RenderersTest.objects(COMPONENTS.get(ClusterComponents.BUCKETS))).anyMatch(o ->
                o.getKind().equals("ObjectBucketClaim") && o.getMetadata().getName().equals("site-content")
                        && o.getMetadata().getNamespace().equals("site"));
        // the mounted ConfigMap -> holds the generator's file, and the binary file base64-encoded
        JsonNode scripts = object("app-site", "ConfigMap", "scripts");
        assertThat(scripts.at("/data/report.sh").asText()).isEqualTo(AppFiles.text("testing/report.sh"))
                .contains("BUCKET_NAME");
        assertThat(scripts.at("/binaryData/favicon.ico").asText()).isEqualTo("AAABAA==");
        assertThat(report.at("/spec/jobTemplate/spec/template/spec/volumes").findValuesAsText("name")).contains("scripts");
        // Ingress -> Service -> pods, with the certificate from the named issuer
        JsonNode ingress = object("app-site", "Ingress", "www-site-example-com");
        JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
        JsonNode service = object("app-site", "Service", backend.at("/name").asText());
        assertThat(service.at("/spec/ports").findValuesAsText("name")).contains(backend.at("/port/name").asText());
        assertThat(service.at("/spec/selector")).isEqualTo(object("app-site", "Deployment", "web")
                .at("/spec/selector/matchLabels"));
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("traefik");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText())
                .isEqualTo("letsencrypt-staging");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("www-site-example-com-tls");
        assertThat(PublicEndpoints.of(CLUSTER)).extracting(Object::toString).contains("https://www.site.example.com/");
    }

    @Test
    void theNamespaceDeniesAllButWhatTheApplicationDeclares() {
        JsonNode deny = object("app-site", "NetworkPolicy", "default-deny").at("/spec");
        assertThat(deny.at("/podSelector").isEmpty()).isTrue();
        assertThat(deny.at("/policyTypes").findValuesAsText("")).isEmpty();
        assertThat(deny.at("/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(deny.has("ingress") || deny.has("egress")).isFalse();
        JsonNode dns = object("app-site", "NetworkPolicy", "allow-dns").at("/spec/egress/0");
        assertThat(dns.at("/to/0/podSelector/matchLabels/k8s-app").asText()).isEqualTo("kube-dns");
        assertThat(dns.at("/ports").findValuesAsText("port")).containsExactly("53", "53");
        JsonNode fromIngress = object("app-site", "NetworkPolicy", "web-from-ingress").at("/spec");
        assertThat(fromIngress.at("/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("traefik");
        assertThat(fromIngress.at("/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
        // Rook's RGW pods listen on 8080 behind the Service's port 80
        JsonNode toStore = object("app-site", "NetworkPolicy", "report-to-object-store").at("/spec/egress/0");
        assertThat(toStore.at("/to/0/podSelector/matchLabels/rook_object_store").asText()).isEqualTo("objectstore");
        assertThat(toStore.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("rook-ceph");
        assertThat(toStore.at("/ports/0/port").asInt()).isEqualTo(8080);
        // probe -> site: egress from probe's namespace, ingress into site's, on site's ports only
        JsonNode out = object("app-probe", "NetworkPolicy", "to-site").at("/spec/egress/0");
        assertThat(out.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("site");
        assertThat(out.at("/ports").findValuesAsText("port")).containsExactly("8080", "8081");
        JsonNode in = object("app-site", "NetworkPolicy", "from-probe").at("/spec/ingress/0");
        assertThat(in.at("/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()).isEqualTo("probe");
        assertThat(all("app-probe")).extracting(o -> o.at("/metadata/name").asText()).doesNotContain("web-from-ingress");
    }

    /**
     * A cluster that brings its own ingress controller runs it in a namespace the tree does not know: the
     * routed ports are open to every namespace then (as for the CDN and Dex), not to a traefik that is not there.
     */
    @Test
    void withTheClustersOwnIngressControllerTheRoutedPortsAdmitAnyNamespace() {
        Cluster own = TestSystems.withApplications("apps-demo", io.koor.gitops.model.cluster.Platform.whenNeeded()
                .ingressController(io.koor.gitops.model.cluster.Platform.Install.NEVER));
        Component site = ClusterComponents.of(own).stream().filter(c -> c.name().equals("app-site")).findFirst().orElseThrow();
        JsonNode policy = ManifestYaml.readAll(ManifestYaml.write("", RenderersTest.objects(site))).stream()
                .filter(o -> o.at("/kind").asText().equals("NetworkPolicy") && o.at("/metadata/name").asText().equals("web-from-ingress"))
                .findFirst().orElseThrow().at("/spec/ingress/0");
        assertThat(policy.at("/from/0/namespaceSelector").isObject()).isTrue();
        assertThat(policy.at("/from/0/namespaceSelector").isEmpty()).as("every namespace").isTrue();
        assertThat(policy.at("/ports/0/port").asInt()).isEqualTo(8080);
    }

    private static GitOpsTree flux() {
        return new FluxLayout("io.koor.gitops.generator.testing.TestSystems").render(GitOpsSystem.of(CLUSTER));
    }

    @Test
    void anApplicationUsesThePostgresOfAnotherNamespaceWithARoleAndCredentialsMadeInTheCluster() {
        // the database side: a managed role reading its password from the kept Secret, a Database it owns
        JsonNode db = object("postgres-shopdb", "Cluster", "shopdb");
        assertThat(db.at("/spec/managed/roles/0/name").asText()).isEqualTo("ledger");
        assertThat(db.at("/spec/managed/roles/0/passwordSecret/name").asText()).isEqualTo("shopdb-role-ledger");
        JsonNode database = object("postgres-shopdb", "Database", "shopdb-ledger");
        assertThat(database.at("/spec/owner").asText()).isEqualTo("ledger");
        assertThat(database.at("/spec/cluster/name").asText()).isEqualTo("shopdb");
        JsonNode job = all("postgres-shopdb").stream().filter(o -> o.path("kind").asText().equals("Job"))
                .findFirst().orElseThrow();
        assertThat(job.at("/metadata/namespace").asText()).isEqualTo("database");
        assertThat(job.at("/spec/template/spec/containers/0/env").toString()).contains("\"ledger/ledger\"",
                "shopdb-rw.database.svc");
        // its service account may read and update only the copy in the application's namespace
        JsonNode role = all("postgres-shopdb").stream().filter(o -> o.path("kind").asText().equals("Role")
                && o.at("/metadata/namespace").asText().equals("ledger")).findFirst().orElseThrow();
        assertThat(role.at("/rules/1/resourceNames").toString()).isEqualTo("[\"postgres-shopdb\"]");
        // the instances admit the application's namespace on 5432
        assertThat(object("postgres-shopdb", "NetworkPolicy", "shopdb-instances").at("/spec/ingress").toString())
                .contains("{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"ledger\"}}}");
        // the application side: libpq's variables from the copy, egress to the instances only
        JsonNode export = object("app-ledger", "CronJob", "export");
        String env = export.at("/spec/jobTemplate/spec/template/spec/containers/0/env").toString();
        assertThat(env).contains("PGHOST", "PGPASSWORD", "\"name\":\"postgres-shopdb\"").doesNotContain("\"value\":\"ledger\"");
        JsonNode egress = object("app-ledger", "NetworkPolicy", "export-to-postgres-shopdb");
        assertThat(egress.at("/spec/egress/0/to/0/podSelector/matchLabels/cnpg.io~1cluster").asText()).isEqualTo("shopdb");
        assertThat(egress.at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(5432);
    }

    @Test
    void rendersItsGoldenTree() throws IOException {
        Golden.assertMatches(Path.of("src/test/resources/golden/typed-applications"), flux());
    }

    @Test
    void bothLayoutsValidateWithoutFindingsAndBuild() throws IOException {
        Kustomize.assumeAvailable();
        GitOpsTree argo = Layouts.render(GitOpsSystem.of(CLUSTER).reconciledBy(
                Reconciler.argoCd("https://github.com/koor/demo-gitops.git", "main")), "TestSystems", PriceTable.snapshot2026());
        for (GitOpsTree tree : List.of(flux(), argo)) {
            Path dir = root.resolve(tree == argo ? "argo" : "flux");
            new TreeWriter(dir).write(tree, false);
            if (tree == argo) {
                // as ArgoCdLayoutTest: provisioning restores Argo CD's Application health check outside Git
                java.nio.file.Files.createDirectories(dir.resolve(".gitops"));
                java.nio.file.Files.writeString(dir.resolve(".gitops/external-apis.yaml"), "argoApplicationHealth: true\n");
            }
            ValidationReport report = new ValidationService().validate(dir, ValidationOptions.builder()
                    .schemaLocations(SharedData.schemaLocations()).missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL)
                    .kustomizeBuild(true).offline(true).build());
            assertThat(report.violations()).as(dir.getFileName().toString()).isEmpty();
        }
    }
}
