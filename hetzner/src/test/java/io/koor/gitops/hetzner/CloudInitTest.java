package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every node's user data against cloud-init's own schema, within Hetzner's 32 KiB, and doing its role's job. */
class CloudInitTest {
    static final Path SCHEMA = Path.of(System.getProperty("gitops.shared", "../../shared"), "hetzner", "cloud-init",
            "schema-cloud-config-v1.json").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Bootstrap BOOTSTRAP = Bootstrap.derive(Token.of("secret-api-token"), "demo",
            "https://git.example.com/koor/demo-gitops.git", "main");

    static Stream<Cluster> clusters() {
        return Stream.of(Patterns.minimalProduction("demo").build(), Patterns.highlyAvailable("ha").build(),
                Patterns.singleNodeExperiment("lab").build());
    }

    private static String userData(DesiredState desired, String server) {
        return CloudInit.userData(desired, desired.ofType(DesiredResource.Server.class).stream().filter(s -> s.name().equals(server))
                .findFirst().orElseThrow(), BOOTSTRAP);
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyUserDataMatchesCloudInitsSchemaAndFits(Cluster cluster) throws Exception {
        assumeTrue(Files.isRegularFile(SCHEMA), "SKIPPED: no cloud-init schema at " + SCHEMA);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
        DesiredState desired = DesiredState.of(cluster, "ops");
        for (DesiredResource.Server server : desired.ofType(DesiredResource.Server.class)) {
            for (Bootstrap bootstrap : List.of(BOOTSTRAP, BOOTSTRAP.withArgoCd())) {
                String data = CloudInit.userData(desired, server, bootstrap);
                assertThat(data).startsWith("#cloud-config\n");
                assertThat(data.getBytes(StandardCharsets.UTF_8).length).as(server.name()).isLessThan(CloudInit.MAX_BYTES);
                JsonNode doc = YAML.readTree(data);
                assertThat(schema.validate(doc)).as(server.name() + " " + bootstrap).isEmpty();
            }
        }
        // and the check can fail: a wrong shape is caught
        assertThat(schema.validate(YAML.readTree("#cloud-config\nruncmd: 5\npackage_update: maybe\n"))).isNotEmpty();
    }

    @Test
    void theFirstControlPlaneInitsInstallsTheNetworkAndHandsTheClusterToFlux() {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String first = userData(desired, "demo-control-plane-1");
        assertThat(first).contains("kubeadm init --config /etc/kubeadm/config.yaml --upload-certs",
                "kubelet=1.32.4-1.1", "pkgs.k8s.io/core:/stable:/v1.32/deb/", "isv:/cri-o:/stable:/v1.32/deb/",
                "helm install calico projectcalico/tigera-operator --version " + BootstrapVersions.CALICO,
                "cidr: 10.244.0.0/16", "--path=./clusters/demo",
                "--url=https://git.example.com/koor/demo-gitops.git", "advertiseAddress: 10.0.0.2",
                "podSubnet: 10.244.0.0/16", "token: " + BOOTSTRAP.joinToken());
        assertThat(first).doesNotContain("kubeadm join").doesNotContain("multus");
        // kubectl from outside: the public address joins the API certificate, and a kubeconfig names it
        int sans = first.indexOf("certSANs:\n        - " + CloudInit.PUBLIC_IP);
        int fill = first.indexOf("hetzner/v1/metadata/public-ipv4");
        int init = first.indexOf("kubeadm init");
        assertThat(sans).as("certSANs placeholder in the ClusterConfiguration").isPositive();
        assertThat(fill).isPositive().isLessThan(init);
        assertThat(first).contains("public_ip=${public_ip:-10.0.0.2}", "> " + CloudInit.PUBLIC_KUBECONFIG);
    }

    @Test
    void argoCdBootstrapPinsArgoRestoresApplicationHealthAndAppliesTheRoot() throws Exception {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        Bootstrap argo = BOOTSTRAP.withArgoCd();
        String data = CloudInit.userData(desired, desired.firstControlPlane(), argo);
        Map<String, String> files = new java.util.HashMap<>();
        YAML.readTree(data).path("write_files").forEach(f -> files.put(f.path("path").asText(), f.path("content").asText()));

        JsonNode root = YAML.readTree(files.get(CloudInit.ARGO_ROOT));
        Path appSchema = Path.of(System.getProperty("gitops.shared", "../../shared"), "schemas", "argoproj.io",
                "application_v1alpha1.json").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(appSchema), "SKIPPED: no Argo CD Application schema at " + appSchema);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ObjectMapper().readTree(appSchema.toFile()));
        assertThat(schema.validate(root)).isEmpty();
        assertThat(root.at("/spec/source/path").asText()).isEqualTo("clusters/demo");
        assertThat(root.at("/spec/source/repoURL").asText()).isEqualTo(argo.gitUrl());

        String health = YAML.readTree(files.get(CloudInit.ARGO_CM_PATCH))
                .path("data").path("resource.customizations.health.argoproj.io_Application").asText();
        assertThat(health).contains("obj.status.health.status", "return hs");

        String script = files.get("/usr/local/sbin/koor-bootstrap");
        int install = script.indexOf("argo-cd/" + BootstrapVersions.ARGO_CD + "/manifests/install.yaml");
        int patch = script.indexOf("patch configmap argocd-cm");
        int apply = script.indexOf("kubectl apply -f " + CloudInit.ARGO_ROOT);
        assertThat(install).isPositive();
        assertThat(patch).isGreaterThan(install);
        assertThat(apply).isGreaterThan(patch);
        assertThat(data).doesNotContain("flux");
        assertThat(userData(desired, "demo-worker-1")).doesNotContain("argocd");
    }

    @Test
    void otherNodesJoinAndStorageNodesAreLabelled() {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String storage = userData(desired, "demo-storage-2");
        assertThat(storage).contains("kubeadm join", "apiServerEndpoint: 10.0.0.2:6443", "value: 10.0.0.4",
                "storage.koor.io/node=true").doesNotContain("flux install").doesNotContain("taints:");
        assertThat(userData(desired, "demo-worker-1")).doesNotContain("storage.koor.io/node");
    }

    @Test
    void dedicatedStorageNodesAreTaintedAndControlPlanesJoinWithTheCertificateKey() {
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        assertThat(userData(ha, "ha-storage-1")).contains("key: storage.koor.io/dedicated", "effect: NoSchedule");
        assertThat(userData(ha, "ha-control-plane-2")).contains("controlPlane:", "certificateKey: " + BOOTSTRAP.certificateKey());
        assertThat(userData(ha, "ha-control-plane-1")).contains("helm install cilium cilium/cilium --version "
                + BootstrapVersions.CILIUM + " --namespace kube-system", "mode: kubernetes");
        DesiredState multus = DesiredState.of(Patterns.minimalProduction("m")
                .network(io.koor.gitops.model.cluster.Network.calico().withMultus()).build(), "ops");
        assertThat(userData(multus, "m-control-plane-1")).contains("multus-cni/" + BootstrapVersions.MULTUS
                + "/deployments/multus-daemonset-thick.yml");
    }

    @Test
    void bootstrapSecretsAreStableSecretAndWellFormed() {
        Bootstrap again = Bootstrap.derive(Token.of("secret-api-token"), "demo", "u", "b");
        assertThat(again.joinToken()).isEqualTo(BOOTSTRAP.joinToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(Bootstrap.derive(Token.of("secret-api-token"), "staging", "u", "b").joinToken())
                .isNotEqualTo(BOOTSTRAP.joinToken());
        assertThat(BOOTSTRAP.toString()).doesNotContain(BOOTSTRAP.joinToken()).contains("secrets=***");
        String all = String.join("", clusters().flatMap(c -> {
            DesiredState d = DesiredState.of(c, "ops");
            return d.ofType(DesiredResource.Server.class).stream().map(s -> CloudInit.userData(d, s, BOOTSTRAP));
        }).toList());
        assertThat(Token.of("secret-api-token").appearsIn(all)).isFalse();
    }

    @Test
    void cloudInitsOwnCheckWhenInstalled() throws Exception {
        List<String> found = Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, "cloud-init"))
                .filter(Files::isExecutable).map(Path::toString).toList();
        if (found.isEmpty()) {
            System.err.println("SKIPPED: cloud-init is not installed; the user data were checked against its JSON schema instead");
        }
        assumeTrue(!found.isEmpty(), "cloud-init is not installed");
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        Map<String, String> samples = Map.of(
                "first control plane, Flux", userData(demo, "demo-control-plane-1"),
                "first control plane, Argo CD", CloudInit.userData(demo, demo.firstControlPlane(), BOOTSTRAP.withArgoCd()),
                "joining control plane", userData(ha, "ha-control-plane-2"),
                "dedicated storage node", userData(ha, "ha-storage-1"));
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            assertThat(cloudInitSchema(found.get(0), sample.getValue())).as(sample.getKey()).startsWith("ok");
        }
        // and the check can fail
        assertThat(cloudInitSchema(found.get(0), "#cloud-config\nruncmd: 5\n")).startsWith("failed");
    }

    private static String cloudInitSchema(String cloudInit, String userData) throws Exception {
        Path file = Files.createTempFile("user-data", ".yaml");
        try {
            Files.writeString(file, userData);
            Process p = new ProcessBuilder(cloudInit, "schema", "--config-file", file.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return (p.waitFor() == 0 ? "ok: " : "failed: ") + out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
