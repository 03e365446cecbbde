package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.Platform;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.presets.Versions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every node's user data against cloud-init's own schema, within Hetzner's 32 KiB, and doing its role's job. */
class CloudInitTest {
    static final Path SCHEMA = Path.of(System.getProperty("gitops.shared", "../../shared"), "hetzner", "cloud-init",
            "schema-cloud-config-v1.json").toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Bootstrap BOOTSTRAP = Bootstrap.flux("https://git.example.com/koor/demo-gitops.git", "main");

    static Stream<Cluster> clusters() {
        return Stream.of(Patterns.minimalProduction("demo").build(), Patterns.highlyAvailable("ha").build(),
                Patterns.singleNodeExperiment("lab").build());
    }

    /** Every user data the patterns produce, with Flux and with Argo CD. */
    static Stream<String> everyUserData() {
        return clusters().flatMap(c -> {
            DesiredState d = DesiredState.of(c, "ops");
            return d.ofType(DesiredResource.Server.class).stream()
                    .flatMap(s -> Stream.of(CloudInit.userData(d, s, BOOTSTRAP), CloudInit.userData(d, s, BOOTSTRAP.withFluxInGit()),
                            CloudInit.userData(d, s, BOOTSTRAP.withArgoCd())));
        });
    }

    private static String userData(DesiredState desired, String server) {
        return CloudInit.userData(desired, server(desired, server), BOOTSTRAP);
    }

    private static DesiredResource.Server server(DesiredState desired, String name) {
        return desired.ofType(DesiredResource.Server.class).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    static Map<String, String> files(String userData) throws Exception {
        Map<String, String> files = new HashMap<>();
        YAML.readTree(userData).path("write_files").forEach(f -> files.put(f.path("path").asText(), f.path("content").asText()));
        return files;
    }

    static String script(String userData) throws Exception {
        return files(userData).get(CloudInit.SCRIPT);
    }

    @ParameterizedTest
    @MethodSource("clusters")
    void everyUserDataMatchesCloudInitsSchemaAndFits(Cluster cluster) throws Exception {
        assumeTrue(Files.isRegularFile(SCHEMA), "SKIPPED: no cloud-init schema at " + SCHEMA);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(new ObjectMapper().readTree(SCHEMA.toFile()));
        DesiredState desired = DesiredState.of(cluster, "ops");
        for (DesiredResource.Server server : desired.ofType(DesiredResource.Server.class)) {
            for (Bootstrap bootstrap : List.of(BOOTSTRAP, BOOTSTRAP.withFluxInGit(), BOOTSTRAP.withArgoCd())) {
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
    void theFirstControlPlaneInitsInstallsTheNetworkAndHandsTheClusterToFlux() throws Exception {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String first = userData(desired, "demo-control-plane-1");
        assertThat(first).contains("kubeadm init --config /etc/kubeadm/config.yaml --skip-token-print",
                "kubelet=1.35.9-1.1", "pkgs.k8s.io/core:/stable:/v1.35/deb/", "isv:/cri-o:/stable:/v1.35/deb/",
                "helm upgrade --install calico projectcalico/tigera-operator --version " + BootstrapVersions.CALICO,
                "cidr: 10.244.0.0/16", "path: ./clusters/demo",
                "url: https://git.example.com/koor/demo-gitops.git", "advertiseAddress: 10.0.0.2",
                "podSubnet: 10.244.0.0/16");
        assertThat(first).doesNotContain("kubeadm join").doesNotContain("multus").doesNotContain("--upload-certs");
        // kubectl from outside: the public address joins the API certificate, and a kubeconfig names it
        int sans = first.indexOf("certSANs:\n        - " + CloudInit.PUBLIC_IP);
        int fill = first.indexOf("hetzner/v1/metadata/public-ipv4");
        int init = first.indexOf("kubeadm init");
        assertThat(sans).as("certSANs placeholder in the ClusterConfiguration").isPositive();
        assertThat(fill).isPositive().isLessThan(init);
        assertThat(first.indexOf("retry 5 kubeadm config images pull")).isPositive().isLessThan(init);
        assertThat(first).contains("public_ip=${public_ip:-10.0.0.2}", "> " + CloudInit.PUBLIC_KUBECONFIG);
        // the default token kubeadm init makes is deleted at once; the joins get their own
        String script = script(first);
        assertThat(script.indexOf("delete secret --field-selector type=bootstrap.kubernetes.io/token"))
                .isGreaterThan(script.indexOf("kubeadm init"));
    }

    /**
     * With sign-on the API server takes Dex's tokens: kubeadm v1beta4's ClusterConfiguration carries the flags in
     * apiServer.extraArgs as name/value pairs (cmd/kubeadm/app/apis/kubeadm/v1beta4 types.go, ControlPlaneComponent).
     */
    @Test
    void withSignOnTheApiServerTakesDexsTokens() throws Exception {
        var dex = io.koor.gitops.model.access.SingleSignOn.dexAt("login.demo.example.com", "koor-tech");
        Cluster cluster = Patterns.minimalProduction("demo").access(io.koor.gitops.model.access.Access.none()
                .signOnThroughDex(dex).guests("koor-tech:demo-guests")).build();
        DesiredState desired = DesiredState.of(cluster, "ops");
        String config = files(userData(desired, "demo-control-plane-1")).get("/etc/kubeadm/config.yaml");
        JsonNode clusterConfig = null;
        try (var docs = YAML.readerFor(JsonNode.class).readValues(config)) {
            while (docs.hasNext()) {
                JsonNode doc = (JsonNode) docs.next();
                if (doc.path("kind").asText().equals("ClusterConfiguration")) {
                    clusterConfig = doc;
                }
            }
        }
        assertThat(clusterConfig).isNotNull();
        Map<String, String> args = new HashMap<>();
        clusterConfig.at("/apiServer/extraArgs").forEach(a -> args.put(a.path("name").asText(), a.path("value").asText()));
        assertThat(args).containsExactlyInAnyOrderEntriesOf(Map.of(
                "oidc-issuer-url", "https://login.demo.example.com",
                "oidc-client-id", "kubernetes",
                "oidc-username-claim", "email",
                "oidc-username-prefix", "oidc:",
                "oidc-groups-claim", "groups",
                "oidc-groups-prefix", "oidc:"));
        assertThat(clusterConfig.at("/apiServer/certSANs/0").asText()).isEqualTo(CloudInit.PUBLIC_IP);
        // without sign-on, no flag
        String plain = files(userData(DesiredState.of(Patterns.minimalProduction("demo").build(), "ops"),
                "demo-control-plane-1")).get("/etc/kubeadm/config.yaml");
        assertThat(plain).doesNotContain("extraArgs").doesNotContain("oidc");
    }

    @Test
    void fluxWaitsForTheNodeAndToleratesTheControlPlaneTaint() throws Exception {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String script = script(userData(desired, "demo-control-plane-1"));
        int ready = script.indexOf("kubectl wait --for=condition=Ready node/demo-control-plane-1");
        int initialised = script.indexOf("phase initialised");
        int flux = script.indexOf("flux install --toleration-keys=node-role.kubernetes.io/control-plane");
        assertThat(ready).isPositive().isLessThan(initialised);
        assertThat(flux).isGreaterThan(initialised);
        assertThat(script).contains("wait_for 90 10 \"node demo-control-plane-1 Ready\"");
        assertThat(script).endsWith("phase ready\n");
    }

    /**
     * The sync objects the first node applies are the generated gotk-sync.yaml's, object for object, so Flux
     * adopts them from Git instead of changing them; the ad-hoc {@code flux create} lines are gone.
     */
    @Test
    void fluxGetsTheSyncObjectsOfTheGeneratedGotkSync() throws Exception {
        Cluster cluster = Patterns.minimalProduction("demo").build();
        DesiredState desired = DesiredState.of(cluster, "ops");
        String data = CloudInit.userData(desired, desired.firstControlPlane(), BOOTSTRAP.withFluxInGit());
        GitOpsTree tree = new FluxLayout("test").render(GitOpsSystem.of(cluster)
                .reconciledBy(Reconciler.flux(BOOTSTRAP.gitUrl(), BOOTSTRAP.gitBranch())));
        List<JsonNode> generated = ManifestYaml.readAll(tree.text(new TreePath("clusters/demo/flux-system/gotk-sync.yaml")));
        List<JsonNode> applied = ManifestYaml.readAll(files(data).get(CloudInit.FLUX_SYNC));
        assertThat(applied).hasSize(2).isEqualTo(generated);
        // and the comparison can fail: another branch is another object
        String other = CloudInit.userData(desired, desired.firstControlPlane(), Bootstrap.flux(BOOTSTRAP.gitUrl(), "dev"));
        assertThat(ManifestYaml.readAll(files(other).get(CloudInit.FLUX_SYNC))).isNotEqualTo(generated);

        String script = script(data);
        int install = script.indexOf("retry 3 flux install --toleration-keys=node-role.kubernetes.io/control-plane"
                + " --components-extra=image-reflector-controller,image-automation-controller,source-watcher\n");
        int sync = script.indexOf("retry 5 kubectl apply --server-side -f " + CloudInit.FLUX_SYNC + "\n");
        assertThat(install).as("the controllers of the tree's release artifact").isPositive();
        assertThat(sync).isGreaterThan(install);
        assertThat(script).doesNotContain("flux create");
        // a tree without Flux's manifests gets flux install's own four controllers
        assertThat(script(CloudInit.userData(desired, desired.firstControlPlane(), BOOTSTRAP))).contains(
                "flux install --toleration-keys=node-role.kubernetes.io/control-plane\n").doesNotContain("--components-extra");
    }

    @Test
    void argoCdBootstrapPinsArgoRestoresApplicationHealthAndAppliesTheRoot() throws Exception {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        Bootstrap argo = BOOTSTRAP.withArgoCd();
        String data = CloudInit.userData(desired, desired.firstControlPlane(), argo);
        Map<String, String> files = files(data);

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
        // the keys the tree's Application argocd patches into argocd-cm too, so Argo CD managing itself keeps them
        assertThat(YAML.readTree(files.get(CloudInit.ARGO_CM_PATCH)).path("data"))
                .isEqualTo(YAML.valueToTree(io.koor.gitops.model.ArgoCdBootstrap.configData()));

        String script = files.get(CloudInit.SCRIPT);
        int initialised = script.indexOf("phase initialised");
        int schedulable = script.indexOf("wait_for 180 10 \"a Ready node without taints for Argo CD\" schedulable_node");
        int install = script.indexOf("argo-cd/" + BootstrapVersions.ARGO_CD + "/manifests/install.yaml");
        int patch = script.indexOf("patch configmap argocd-cm");
        int apply = script.indexOf("kubectl apply -f " + CloudInit.ARGO_ROOT);
        // Argo CD's pods tolerate no taint: it waits, after the other nodes may join, for a node that takes them
        assertThat(schedulable).isGreaterThan(initialised);
        assertThat(install).isGreaterThan(schedulable);
        assertThat(patch).isGreaterThan(install);
        assertThat(apply).isGreaterThan(patch);
        assertThat(data).doesNotContain("flux");
        assertThat(userData(desired, "demo-worker-1")).doesNotContain("argocd");
    }

    @Test
    void otherNodesPrepareAndWaitToBeJoined() throws Exception {
        DesiredState desired = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String storage = userData(desired, "demo-storage-2");
        assertThat(storage).doesNotContain("kubeadm join").doesNotContain("kubeadm init").doesNotContain("flux install")
                .doesNotContain("JoinConfiguration");
        assertThat(script(storage)).endsWith("phase prepared # joined later over SSH, with secrets made for that moment\n");
        // what they are joined with comes later, over SSH
        JoinSecrets secrets = new JoinSecrets(NodeShellStandIn.TOKEN, NodeShellStandIn.CA_HASH, Optional.empty());
        String join = KubeadmConfig.join(desired, server(desired, "demo-storage-2"), secrets);
        assertThat(join).contains("apiServerEndpoint: 10.0.0.2:6443", "value: 10.0.0.4", "storage.koor.io/node=true",
                "caCertHashes:\n      - " + NodeShellStandIn.CA_HASH).doesNotContain("taints:").doesNotContain("unsafeSkipCAVerification");
        assertThat(KubeadmConfig.join(desired, server(desired, "demo-worker-1"), secrets)).doesNotContain("storage.koor.io/node");
    }

    @Test
    void dedicatedStorageNodesAreTaintedAndControlPlanesJoinWithTheCertificateKey() {
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        JoinSecrets secrets = new JoinSecrets(NodeShellStandIn.TOKEN, NodeShellStandIn.CA_HASH,
                Optional.of(NodeShellStandIn.CERTIFICATE_KEY));
        assertThat(KubeadmConfig.join(ha, server(ha, "ha-storage-1"), secrets)).contains("key: storage.koor.io/dedicated",
                "effect: NoSchedule").doesNotContain("certificateKey");
        assertThat(KubeadmConfig.join(ha, server(ha, "ha-control-plane-2"), secrets)).contains("controlPlane:",
                "certificateKey: " + NodeShellStandIn.CERTIFICATE_KEY, "apiServerEndpoint: 10.0.0.254:6443");
        assertThat(userData(ha, "ha-control-plane-1")).contains("helm upgrade --install cilium cilium/cilium --version "
                + BootstrapVersions.CILIUM + " --namespace kube-system", "mode: kubernetes");
        DesiredState multus = DesiredState.of(Patterns.minimalProduction("m")
                .network(io.koor.gitops.model.cluster.Network.calico().withMultus()).build(), "ops");
        assertThat(userData(multus, "m-control-plane-1")).contains("multus-cni/" + BootstrapVersions.MULTUS
                + "/deployments/multus-daemonset-thick.yml");
    }

    @Test
    void noUserDataHoldsAJoinSecretOrTheApiToken() {
        Token token = Token.of("secret-api-token");
        everyUserData().forEach(data -> {
            assertThat(data).doesNotContain("JoinConfiguration", "bootstrapTokens", "token:", "certificateKey",
                    "caCertHashes", "unsafeSkipCAVerification", "--upload-certs", "kubeadm token create");
            assertThat(token.appearsIn(data)).isFalse();
        });
    }

    @Test
    void calicoTakesTheNodeAddressFromTheKubeletsPrivateNodeIpThroughTheTreesOwnValues() throws Exception {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String data = userData(demo, "demo-control-plane-1");
        // the release is installed with exactly the tree's values, so that Flux takes it over unchanged
        JsonNode values = YAML.readTree(files(data).get(CloudInit.NETWORK_VALUES));
        assertThat(values).isEqualTo(YAML.valueToTree(BootstrapRelease.network(demo.cluster()).values()));
        assertThat(values.at("/installation/calicoNetwork/nodeAddressAutodetectionV4/kubernetes").asText())
                .isEqualTo("NodeInternalIP");
        assertThat(values.at("/installation/calicoNetwork/nodeAddressAutodetectionV4").size()).isEqualTo(1);
        // since v3.32 the operator chart ships no CRDs: their own chart goes in first
        String script = script(data);
        int crds = script.indexOf("helm upgrade --install calico-crds projectcalico/crd.projectcalico.org.v1 --version "
                + BootstrapVersions.CALICO);
        int install = script.indexOf("helm upgrade --install calico projectcalico/tigera-operator");
        assertThat(crds).isPositive().isLessThan(install);
        assertThat(script).doesNotContain("kubectl patch installation");
        assertThat(files(data).get("/etc/kubeadm/config.yaml")).contains("- name: node-ip\n      value: 10.0.0.2");
        // Cilium tunnels between the Nodes' InternalIPs by itself, and has no CRD chart
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        assertThat(script(userData(ha, "ha-control-plane-1"))).doesNotContain("calico");
    }

    @Test
    void theCloudControllerManagerGoesInBeforeFluxAndEveryKubeletWaitsForIt() throws Exception {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        String data = userData(demo, "demo-control-plane-1");
        assertThat(YAML.readTree(files(data).get(CloudInit.CCM_VALUES)))
                .isEqualTo(YAML.valueToTree(BootstrapRelease.cloudControllerManager(demo.cluster()).values()));
        String script = script(data);
        int cni = script.indexOf("helm upgrade --install calico projectcalico/tigera-operator");
        int ccm = script.indexOf("helm upgrade --install hccm hcloud/hcloud-cloud-controller-manager --version "
                + Versions.HCLOUD_CCM_CHART + " --namespace kube-system --create-namespace --values " + CloudInit.CCM_VALUES + "\n");
        int initialised = script.indexOf("phase initialised");
        int waits = script.indexOf("wait_for 120 10 \"the cloud controller manager to initialise node demo-control-plane-1");
        int flux = script.indexOf("flux install");
        assertThat(ccm).as("installed without --wait, its Secret comes later").isGreaterThan(cni).isLessThan(initialised);
        assertThat(waits).isGreaterThan(initialised).isLessThan(flux);
        assertThat(files(data).get("/etc/kubeadm/config.yaml")).contains("- name: cloud-provider\n      value: external");
        // the token never travels in user data: the Secret is made over SSH (ClusterJoinTest)
        assertThat(data).doesNotContain("create secret");
        // a cluster that runs its own: no flag, no release, no wait
        DesiredState own = DesiredState.of(Patterns.minimalProduction("demo")
                .platform(Platform.whenNeeded().cloudControllerManager(Platform.Install.NEVER)).build(), "ops");
        String ownData = userData(own, "demo-control-plane-1");
        assertThat(ownData).doesNotContain("cloud-provider", "hcloud-cloud-controller-manager", CloudInit.CCM_VALUES);
    }

    @Test
    void theKubeletAndKubeadmWaitForThePrivateAddress() throws Exception {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        for (String node : List.of("demo-control-plane-1", "demo-worker-2")) {
            String script = script(userData(demo, node));
            String ip = server(demo, node).privateIp();
            int wait = script.indexOf("wait_for 120 5 \"the private address " + ip);
            assertThat(script).contains("has_private_address() { ip -4 -o addr show | grep -qF \" inet " + ip + "/\"; }");
            assertThat(wait).as(node).isPositive().isLessThan(script.indexOf("systemctl enable --now crio"));
            int kubeadm = script.indexOf("kubeadm init");
            assertThat(kubeadm < 0 || kubeadm > wait).isTrue();
            assertThat(script.indexOf("phase prepared") < 0 || script.indexOf("phase prepared") > wait).isTrue();
        }
    }

    @Test
    void everyNetworkStepIsRetriedAndEveryBinaryChecked() throws Exception {
        List<String> scripts = everyUserData().map(d -> {
            try {
                return script(d);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        for (String script : scripts) {
            String body = script.substring(script.indexOf(CloudInit.HELPERS) + CloudInit.HELPERS.length());
            for (String line : body.lines().toList()) {
                boolean network = line.matches(".*\\b(curl|apt-get|helm (repo|upgrade)|kubectl apply|flux (install|create)"
                        + "|kubeadm config images pull)\\b.*");
                boolean guarded = line.matches("(public_ip=\\$\\()?(retry \\d+|download|apt_get) .*")
                        || line.startsWith("kubectl create namespace argocd --dry-run=client -o yaml | kubectl apply -f -");
                assertThat(!network || guarded).as("retried: " + line).isTrue();
                assertThat(line).as("no bare apt-get").doesNotStartWith("apt-get ");
            }
            for (String archive : List.of("/run/helm.tar.gz", "/run/flux.tar.gz")) {
                int download = body.indexOf(" " + archive + "\n");
                if (download >= 0) {
                    assertThat(body.indexOf("verified " + archive)).as(archive).isGreaterThan(download)
                            .isLessThan(body.indexOf("tar -xzf " + archive));
                }
            }
        }
        assertThat(String.join("", scripts)).contains("helm_sha256=" + BootstrapVersions.HELM_SHA256.get("amd64"),
                "helm_sha256=" + BootstrapVersions.HELM_SHA256.get("arm64"),
                "flux_sha256=" + BootstrapVersions.FLUX_SHA256.get("amd64"),
                "flux_sha256=" + BootstrapVersions.FLUX_SHA256.get("arm64"));
    }

    @Test
    void theChecksumsArePinnedForTheseVersions() {
        // a new Helm or Flux needs its own published checksums: this fails until they are updated with the version
        assertThat(BootstrapVersions.HELM).as("update HELM_SHA256 from get.helm.sh's .sha256sum files").isEqualTo("v3.16.4");
        assertThat(BootstrapVersions.FLUX).as("update FLUX_SHA256 from the release's checksums.txt").isEqualTo("2.9.5");
        Stream.of(BootstrapVersions.HELM_SHA256, BootstrapVersions.FLUX_SHA256).forEach(pins -> {
            assertThat(pins).containsOnlyKeys("amd64", "arm64");
            assertThat(pins.values()).allMatch(v -> v.matches("[0-9a-f]{64}"));
        });
    }

    @Test
    void theMetadataServiceIsClosedToForwardedTrafficOnly() throws Exception {
        String guard = CloudInit.metadataGuard();
        assertThat(guard).contains("type filter hook forward", "ip daddr 169.254.169.254 counter drop");
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        for (String node : List.of("demo-control-plane-1", "demo-storage-1")) {
            String data = userData(demo, node);
            String script = script(data);
            assertThat(files(data)).containsEntry(CloudInit.METADATA_GUARD, guard);
            assertThat(files(data).get("/etc/systemd/system/koor-metadata-guard.service")).contains("Before=kubelet.service",
                    "ExecStart=/usr/sbin/nft -f " + CloudInit.METADATA_GUARD, "WantedBy=multi-user.target");
            assertThat(script.indexOf("systemctl enable --now koor-metadata-guard.service")).isPositive()
                    .isLessThan(script.indexOf("systemctl enable --now crio"));
        }
    }

    @Test
    void cloudInitsOwnCheckWhenInstalled() throws Exception {
        Optional<String> cloudInit = onPath("cloud-init");
        if (cloudInit.isEmpty()) {
            System.err.println("SKIPPED: cloud-init is not installed; the user data were checked against its JSON schema instead");
        }
        assumeTrue(cloudInit.isPresent(), "cloud-init is not installed");
        List<String> all = everyUserData().distinct().toList();
        assertThat(all).hasSizeGreaterThan(10);
        for (String data : all) {
            assertThat(run(List.of(cloudInit.get(), "schema", "--config-file"), data, ".yaml")).as(data.lines().skip(1).findFirst()
                    .orElse("")).startsWith("ok");
        }
        // and the check can fail
        assertThat(run(List.of(cloudInit.get(), "schema", "--config-file"), "#cloud-config\nruncmd: 5\n", ".yaml")).startsWith("failed");
    }

    @Test
    void everyScriptIsValidBash() throws Exception {
        Optional<String> bash = onPath("bash");
        assumeTrue(bash.isPresent(), "SKIPPED: no bash");
        for (String data : everyUserData().distinct().toList()) {
            assertThat(run(List.of(bash.get(), "-n"), script(data), ".sh")).startsWith("ok");
        }
        assertThat(run(List.of(bash.get(), "-n"), "if then fi\n", ".sh")).startsWith("failed");
    }

    static Optional<String> onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .map(Path::toString).findFirst();
    }

    /** Runs the command with a file holding {@code content} as its last argument: "ok: ..." or "failed: ...". */
    static String run(List<String> command, String content, String suffix) throws Exception {
        Path file = Files.createTempFile("koor-test", suffix);
        try {
            Files.writeString(file, content);
            List<String> args = new java.util.ArrayList<>(command);
            args.add(file.toString());
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return (p.waitFor() == 0 ? "ok: " : "failed: ") + out;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
