package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dry runs change nothing, confirmed runs do; and how many API requests the demo cluster takes. */
class ProvisioningServiceTest {
    private static final String SECRET = "service-test-token-fedcba9876543210";
    @TempDir
    Path dir;
    private HetznerStandIn api;
    private NodeShellStandIn shell;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<HcloudClient> clients = new ArrayList<>();
    private ProvisioningService service;
    private ProvisioningService.Options options;
    private final Cluster demo = Patterns.minimalProduction("demo").build();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isRegularFile(HetznerStandIn.SPEC), "SKIPPED: no " + HetznerStandIn.SPEC);
        api = new HetznerStandIn(SECRET);
        shell = new NodeShellStandIn(api);
        service = new ProvisioningService(out::add, token -> {
            HcloudClient client = new HcloudClient(api.base(), token, d -> { }, Clock.systemUTC());
            clients.add(client);
            return client;
        }, (cluster, opts) -> shell, d -> { });
        Path key = Files.writeString(dir.resolve("id.pub"),
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGyhSk5mWJ0u0Fw8RZKPcdumBxXdU7ZrOPEHzS0dx4xb ops@koor\n");
        options = new ProvisioningService.Options(Optional.of(Token.of(SECRET)), "ops", key,
                "https://git.example.com/koor/demo-gitops.git", "main", false);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            assertThat(api.specViolations).isEmpty();
            assertThat(Token.of(SECRET).appearsIn(String.join("\n", out))).as("the token leaked into the output").isFalse();
            api.close();
        }
    }

    private ProvisioningService.Options confirmed() {
        return new ProvisioningService.Options(options.token(), options.owner(), options.sshPublicKey(), options.gitUrl(),
                options.gitBranch(), true);
    }

    @Test
    void withoutConfirmationNothingChanges() throws Exception {
        service.provision(io.koor.gitops.model.GitOpsSystem.of(demo), demo, options);
        assertThat(api.requests).noneMatch(r -> r.startsWith("POST") || r.startsWith("DELETE"));
        assertThat(out).anyMatch(l -> l.startsWith("Dry run: nothing was changed"));
        service.provision(io.koor.gitops.model.GitOpsSystem.of(demo), demo, confirmed());
        service.destroy(demo, options);
        assertThat(api.requests).noneMatch(r -> r.startsWith("DELETE"));
        assertThat(out).anyMatch(l -> l.contains("deletes 19 resource(s) labelled koor.io/managed-by=demo-gitops,koor.io/cluster=demo"));
    }

    @Test
    void anArgoCdSystemIsBootstrappedWithArgoCdFollowingItsApplicationsRepository() throws Exception {
        var argo = io.koor.gitops.model.GitOpsSystem.of(demo)
                .reconciledBy(io.koor.gitops.model.Reconciler.argoCd("https://git.example.com/koor/argo.git", "release"));
        assertThatThrownBy(() -> service.provision(argo, demo, confirmed()))
                .hasMessageContaining("gitUrl=https://git.example.com/koor/demo-gitops.git: the system's Argo CD"
                        + " Applications follow https://git.example.com/koor/argo.git");
        assertThat(api.requests).isEmpty();

        service.provision(argo, demo, new ProvisioningService.Options(options.token(), "ops", options.sshPublicKey(), null,
                "main", true));
        List<String> userData = api.bodies.stream().filter(b -> b.contains("\"user_data\"")).toList();
        assertThat(userData).hasSize(7).noneMatch(b -> b.contains("flux"));
        assertThat(userData).filteredOn(b -> b.contains("kubeadm init")).singleElement().satisfies(b -> assertThat(b)
                .contains("argo-cd/" + BootstrapVersions.ARGO_CD + "/manifests/install.yaml", "--server-side",
                        "resource.customizations.health.argoproj.io_Application",
                        "repoURL: https://git.example.com/koor/argo.git", "targetRevision: release", "path: clusters/demo"));
        assertThat(out).anyMatch(l -> l.contains("is up and installs Argo CD, and every node has joined"));
    }

    @Test
    void aFluxSystemNamingItsRepositoryIsBootstrappedFromItWithTheTreesControllers() throws Exception {
        var flux = io.koor.gitops.model.GitOpsSystem.of(demo)
                .reconciledBy(io.koor.gitops.model.Reconciler.flux("https://git.example.com/koor/fleet.git", "prod"));
        assertThatThrownBy(() -> service.provision(flux, demo, confirmed()))
                .hasMessageContaining("gitUrl=https://git.example.com/koor/demo-gitops.git: the system's Flux sync objects"
                        + " follow https://git.example.com/koor/fleet.git");
        assertThat(api.requests).isEmpty();

        service.provision(flux, demo, new ProvisioningService.Options(options.token(), "ops", options.sshPublicKey(), null,
                "main", true));
        List<String> userData = api.bodies.stream().filter(b -> b.contains("\"user_data\"")).toList();
        assertThat(userData).filteredOn(b -> b.contains("kubeadm init")).singleElement().satisfies(b -> assertThat(b)
                .contains("url: https://git.example.com/koor/fleet.git", "branch: prod", "--components-extra="));
    }

    @Test
    void provisioningNeedsAGitUrlAndAKey() {
        ProvisioningService.Options noGit = new ProvisioningService.Options(options.token(), "ops", options.sshPublicKey(),
                null, "main", true);
        assertThatThrownBy(() -> service.provision(io.koor.gitops.model.GitOpsSystem.of(demo), demo, noGit)).isInstanceOf(io.koor.gitops.model.ConfigurationException.class)
                .hasMessageContaining("gitUrl=(none): provisioning needs the Git repository the cluster reconciles from");
        ProvisioningService.Options noKey = new ProvisioningService.Options(options.token(), "ops", dir.resolve("missing.pub"),
                options.gitUrl(), "main", true);
        assertThatThrownBy(() -> service.provision(io.koor.gitops.model.GitOpsSystem.of(demo), demo, noKey)).isInstanceOf(io.koor.gitops.model.ConfigurationException.class)
                .hasMessageContaining(": no such file; give the OpenSSH public key");
    }

    /** Requests to the API, without the SSH commands the timeline holds too. */
    private int apiRequests() {
        return (int) api.requests.stream().filter(r -> !r.startsWith("SSH ")).count();
    }

    /** The numbers BENCHMARKS.md reports: API requests for the demo cluster's lifecycle, actions finishing at the first poll. */
    @Test
    void apiRequestsForTheDemoCluster() throws Exception {
        service.plan(demo, options);
        int plan = apiRequests();
        service.provision(io.koor.gitops.model.GitOpsSystem.of(demo), demo, confirmed());
        int provision = apiRequests() - plan;
        service.plan(demo, options);
        int replan = apiRequests() - plan - provision;
        service.destroy(demo, confirmed());
        int destroy = apiRequests() - plan - provision - replan;
        System.out.printf("API requests for the demo cluster: plan %d, provision %d, plan again %d, destroy %d%n", plan,
                provision, replan, destroy);
        assertThat(plan).isEqualTo(1 + ResourceKind.values().length); // pricing + one labelled list per kind
        assertThat(provision).isBetween(60, 120);
        assertThat(destroy).isBetween(25, 60);
        assertThat(api.all("servers")).isEmpty();
    }
}
