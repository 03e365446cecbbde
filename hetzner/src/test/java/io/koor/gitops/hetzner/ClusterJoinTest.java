package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.presets.Patterns;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Join after init: the servers are created, the first control plane comes up, and only then do the others join, over SSH. */
class ClusterJoinTest {
    private static final String SECRET = "join-test-token-00112233445566778899";
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGyhSk5mWJ0u0Fw8RZKPcdumBxXdU7ZrOPEHzS0dx4xb ops@koor";
    private static final Bootstrap BOOTSTRAP = Bootstrap.flux("https://git.example.com/koor/demo-gitops.git", "main");

    private HetznerStandIn api;
    private HcloudClient client;
    private NodeShellStandIn shell;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isRegularFile(HetznerStandIn.SPEC), "SKIPPED: no " + HetznerStandIn.SPEC);
        api = new HetznerStandIn(SECRET);
        client = new HcloudClient(api.base(), Token.of(SECRET), d -> { }, Clock.systemUTC());
        shell = new NodeShellStandIn(api);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            assertThat(api.specViolations).isEmpty();
            // no secret in any request to the API (user data included), in the log, or in any SSH command line
            String everything = String.join("\n", api.bodies) + String.join("\n", log) + String.join("\n", api.requests);
            assertThat(everything).doesNotContain(NodeShellStandIn.TOKEN, NodeShellStandIn.TOKEN.substring(7),
                    NodeShellStandIn.CERTIFICATE_KEY, NodeShellStandIn.CA_HASH.substring(7));
            assertThat(Token.of(SECRET).appearsIn(everything)).isFalse();
            api.close();
        }
    }

    /** Provisions like ProvisioningService: create everything, then join. */
    private void provision(DesiredState desired) {
        Provisioner provisioner = new Provisioner(client, log::add);
        ProvisioningPlan plan = provisioner.plan(desired);
        provisioner.apply(desired, plan, SSH_KEY, BOOTSTRAP);
        Set<String> created = plan.steps().stream().filter(s -> s.verb() == ProvisioningPlan.Verb.CREATE
                && s.kind() == ResourceKind.SERVER).map(ProvisioningPlan.Step::name).collect(Collectors.toSet());
        new ClusterJoin(client, shell, sleeps::add, log::add, Token.of(SECRET)).join(desired, created);
    }

    private List<String> ssh() {
        return api.requests.stream().filter(r -> r.startsWith("SSH ")).toList();
    }

    private int index(String entry) {
        return api.requests.indexOf(entry);
    }

    @Test
    void nodesJoinOnlyAfterTheFirstControlPlaneIsUpWithAFreshTokenAndThePinnedCa() {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        provision(demo);

        int lastServer = api.requests.lastIndexOf("POST /servers");
        int firstSsh = api.requests.indexOf(ssh().get(0));
        assertThat(firstSsh).as("every server exists before the first SSH command").isGreaterThan(lastServer);
        // the first control plane is polled (unreachable, preparing) until it is initialised, 15 s apart
        assertThat(ssh().subList(0, 5)).containsOnly("SSH demo-control-plane-1 " + ClusterJoin.PHASE);
        assertThat(sleeps).hasSizeGreaterThanOrEqualTo(4).containsOnly(ClusterJoin.POLL);
        assertThat(log).contains("waiting for demo-control-plane-1 to be initialised or ready (now: unreachable)",
                "waiting for demo-control-plane-1 to be initialised or ready (now: preparing)");
        int token = index("SSH demo-control-plane-1 " + ClusterJoin.TOKEN_CREATE);
        int ca = index("SSH demo-control-plane-1 " + ClusterJoin.CA_CERT);
        int delete = index("SSH demo-control-plane-1 kubeadm token delete " + NodeShellStandIn.TOKEN.substring(0, 6));
        assertThat(token).isGreaterThan(api.requests.lastIndexOf("SSH demo-control-plane-1 " + ClusterJoin.PHASE));
        assertThat(ssh()).doesNotContain("SSH demo-control-plane-1 " + ClusterJoin.UPLOAD_CERTS); // no control plane joins
        List<String> others = List.of("demo-storage-1", "demo-storage-2", "demo-storage-3", "demo-storage-4", "demo-worker-1",
                "demo-worker-2");
        for (String node : others) {
            int join = index("SSH " + node + " " + ClusterJoin.JOIN);
            assertThat(join).as(node).isGreaterThan(Math.max(token, ca)).isLessThan(delete);
            assertThat(shell.stdin.get(node)).contains("kind: JoinConfiguration", "token: " + NodeShellStandIn.TOKEN,
                    "caCertHashes:\n      - " + NodeShellStandIn.CA_HASH, "name: " + node).doesNotContain("certificateKey");
        }
        // the cloud controller manager's Secret, with the API token on standard input only, before any join
        int cloudSecret = index("SSH demo-control-plane-1 " + ClusterJoin.cloudSecret(demo.network().name()));
        assertThat(cloudSecret).isGreaterThan(api.requests.lastIndexOf("SSH demo-control-plane-1 " + ClusterJoin.PHASE))
                .isLessThan(token);
        assertThat(shell.stdin.get("demo-control-plane-1")).isEqualTo(SECRET);
        assertThat(ClusterJoin.cloudSecret("demo-network")).contains("--from-file=token=/dev/stdin",
                "--from-literal=network=demo-network", "apply --server-side");
        assertThat(delete).isEqualTo(api.requests.size() - 1);
        assertThat(shell.forgotten).hasSize(7).doesNotHaveDuplicates(); // new servers: no host key from before counts
        assertThat(log).contains("6 node(s) joined the cluster; their bootstrap token is deleted");
    }

    @Test
    void controlPlaneNodesJoinOneAtATimeWithTheCertificateKeyBeforeTheOthers() {
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        provision(ha);
        int upload = index("SSH ha-control-plane-1 " + ClusterJoin.UPLOAD_CERTS);
        int cp2 = index("SSH ha-control-plane-2 " + ClusterJoin.JOIN);
        int cp3 = index("SSH ha-control-plane-3 " + ClusterJoin.JOIN);
        assertThat(upload).isPositive().isLessThan(cp2);
        assertThat(cp2).isLessThan(cp3);
        List<String> otherJoins = ssh().stream().filter(r -> r.endsWith(ClusterJoin.JOIN) && !r.contains("control-plane")).toList();
        assertThat(otherJoins).isNotEmpty().allSatisfy(r -> assertThat(api.requests.indexOf(r)).isGreaterThan(cp3));
        assertThat(shell.stdin.get("ha-control-plane-2")).contains("controlPlane:", "certificateKey: "
                + NodeShellStandIn.CERTIFICATE_KEY, "advertiseAddress: 10.0.0.3", "apiServerEndpoint: 10.0.0.254:6443");
        assertThat(shell.stdin.get("ha-storage-1")).doesNotContain("certificateKey");
    }

    @Test
    void aResumedRunJoinsOnlyWhatIsLeftAndMakesNoTokenWhenNothingIs() {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        shell.failingJoin = "demo-worker-2";
        assertThatThrownBy(() -> provision(demo)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubeadm join failed on demo-worker-2 (203.0.113.")
                .hasMessageContaining("token id \"***\" is invalid").hasMessageNotContaining(NodeShellStandIn.TOKEN)
                .hasMessageContaining("Provisioning again retries the join");
        assertThat(api.requests).contains("SSH demo-control-plane-1 kubeadm token delete " + NodeShellStandIn.TOKEN.substring(0, 6));

        shell.failingJoin = null;
        int before = api.requests.size();
        shell.forgotten.clear();
        provision(demo);
        List<String> again = api.requests.subList(before, api.requests.size()).stream().filter(r -> r.endsWith(ClusterJoin.JOIN)).toList();
        assertThat(again).containsExactly("SSH demo-worker-2 " + ClusterJoin.JOIN);
        assertThat(shell.forgotten).as("servers kept from the first run keep their pinned host keys").isEmpty();

        before = api.requests.size();
        provision(demo);
        assertThat(api.requests.subList(before, api.requests.size())).noneMatch(r -> r.contains("kubeadm token create"));
        assertThat(log).contains("every node has joined the cluster");
    }

    @Test
    void aNodeWhoseBootstrapFailedStopsTheJoinWithWhereToLook() {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        shell.phase.put("demo-control-plane-1", "failed");
        assertThatThrownBy(() -> provision(demo)).isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("demo-control-plane-1 \\(203\\.0\\.113\\.\\d+\\) failed to bootstrap: see"
                        + " /var/log/cloud-init-output.log on it \\(ssh root@203\\.0\\.113\\.\\d+\\)");
        assertThat(ssh()).noneMatch(r -> r.contains("kubeadm"));
    }

    @Test
    void waitingIsBounded() {
        DesiredState demo = DesiredState.of(Patterns.minimalProduction("demo").build(), "ops");
        shell.unreachablePolls = Integer.MAX_VALUE;
        assertThatThrownBy(() -> provision(demo)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo-control-plane-1").hasMessageContaining("is still unreachable after 40 minutes");
        assertThat(sleeps).hasSize(ClusterJoin.MAX_POLLS - 1);
    }
}
