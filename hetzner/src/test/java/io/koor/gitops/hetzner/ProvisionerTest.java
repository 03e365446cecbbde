package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apply, re-apply, resume, destroy, and faults, against the stand-in checked by the OpenAPI description. */
class ProvisionerTest {
    private static final String SECRET = "hcloud-test-token-0123456789abcdef";
    private static final String SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGyhSk5mWJ0u0Fw8RZKPcdumBxXdU7ZrOPEHzS0dx4xb ops@koor";
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

    private HetznerStandIn api;
    private HcloudClient client;
    private Provisioner provisioner;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Cluster demo = Patterns.minimalProduction("demo").build();
    private final DesiredState desired = DesiredState.of(demo, "ops");
    private final Bootstrap bootstrap = Bootstrap.flux("https://git.example.com/koor/demo-gitops.git", "main");

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isRegularFile(HetznerStandIn.SPEC), "SKIPPED: no " + HetznerStandIn.SPEC);
        api = new HetznerStandIn(SECRET);
        client = new HcloudClient(api.base(), Token.of(SECRET), sleeps::add, Clock.fixed(NOW, ZoneOffset.UTC));
        provisioner = new Provisioner(client, log::add);
    }

    @AfterEach
    void stop() {
        if (api != null) {
            assertThat(api.specViolations).as("requests and responses against the OpenAPI description").isEmpty();
            String everything = String.join("\n", log) + String.join("\n", api.bodies) + bootstrap;
            assertThat(Token.of(SECRET).appearsIn(everything)).as("the API token leaked").isFalse();
            api.close();
        }
    }

    private Map<Long, String> names(String kind) {
        return api.all(kind).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().path("name").asText()));
    }

    private long posts() {
        return api.requests.stream().filter(r -> r.startsWith("POST")).count();
    }

    @Test
    void planPricesFromTheApiAndApplyCreatesTheCluster() {
        ProvisioningPlan plan = provisioner.plan(desired);
        assertThat(plan.count(ProvisioningPlan.Verb.CREATE)).isEqualTo(19);
        // 3 cx33 at 9.00, 4 cx43 at 17.00, 800 GB at 0.06, 7 IPv4 at 0.60
        assertThat(plan.cost().total()).isEqualTo(3 * 9.0 + 4 * 17.0 + 800 * 0.06 + 7 * 0.6, org.assertj.core.data.Offset.offset(1e-9));
        provisioner.apply(desired, plan, SSH_KEY, bootstrap);

        assertThat(names("servers").values()).containsExactlyInAnyOrder("demo-control-plane-1", "demo-storage-1",
                "demo-storage-2", "demo-storage-3", "demo-storage-4", "demo-worker-1", "demo-worker-2");
        assertThat(names("volumes")).hasSize(8);
        assertThat(api.all("servers").values()).allSatisfy(s -> {
            assertThat(s.path("labels").path("koor.io/cluster").asText()).isEqualTo("demo");
            assertThat(s.path("private_net").get(0).path("ip").asText()).startsWith("10.0.0.");
        });
        JsonNode volume = api.all("volumes").values().iterator().next();
        assertThat(volume.path("server").isIntegralNumber()).isTrue();
        assertThat(api.bodies).filteredOn(b -> b.contains("\"size\":100")).allSatisfy(b ->
                assertThat(b).contains("\"automount\":false").doesNotContain("\"format\""));
        assertThat(api.bodies).filteredOn(b -> b.contains("\"user_data\"")).hasSize(7)
                .allSatisfy(b -> assertThat(b.length()).isLessThan(CloudInit.MAX_BYTES + 4096));
        assertThat(api.all("firewalls").values().iterator().next().path("rules")).hasSize(2);
    }

    @Test
    void theFirewallOpensOnlySshAndTheApiAndOnlyToTheGivenNetworks() {
        AdminSources sources = AdminSources.of(List.of("198.51.100.0/24", "2001:db8::/32"), List.of("203.0.113.7/32"));
        DesiredState restricted = DesiredState.of(demo, "ops", sources);
        provisioner.apply(restricted, provisioner.plan(restricted), SSH_KEY, bootstrap);
        JsonNode firewall = api.all("firewalls").values().iterator().next();
        List<String> rules = new ArrayList<>();
        firewall.path("rules").forEach(r -> rules.add(r.path("direction").asText() + " " + r.path("protocol").asText() + " "
                + r.path("port").asText() + " from " + r.path("source_ips")));
        assertThat(rules).containsExactly("in tcp 22 from [\"198.51.100.0/24\",\"2001:db8::/32\"]",
                "in tcp 6443 from [\"203.0.113.7/32\"]");
        // unrestricted, the same two ports are open to every address, and nothing else
        assertThat(AdminSources.of(List.of(), List.of())).isEqualTo(AdminSources.anywhere());
        assertThat(AdminSources.anywhere().ssh()).containsExactly("0.0.0.0/0", "::/0");
    }

    @Test
    void aSourceThatIsNoNetworkIsRefusedNamingTheSetting() {
        for (String bad : List.of("office", "203.0.113.7", "203.0.113.0/33", "2001:db8::/129", "example.com/24", "300.1.1.1/32")) {
            assertThatThrownBy(() -> AdminSources.of(List.of(bad), List.of()))
                    .isInstanceOf(io.koor.gitops.model.ConfigurationException.class)
                    .hasMessageContaining("sshSources=" + bad + ": not a network in CIDR notation; write e.g. 203.0.113.0/24");
        }
        assertThatThrownBy(() -> AdminSources.of(List.of(), java.util.Collections.nCopies(101, "10.0.0.0/8")))
                .hasMessageContaining("apiSources=").hasMessageContaining("give 1 to 100 networks");
    }

    @Test
    void applyingAgainCreatesNothing() {
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        long before = posts();
        ProvisioningPlan again = provisioner.plan(desired);
        assertThat(again.count(ProvisioningPlan.Verb.KEEP)).isEqualTo(19);
        assertThat(again.count(ProvisioningPlan.Verb.CREATE)).isZero();
        provisioner.apply(desired, again, SSH_KEY, bootstrap);
        assertThat(posts()).isEqualTo(before);
    }

    @Test
    void anInterruptedApplyResumesWithoutDuplicates() {
        api.inject(new HetznerStandIn.Fault("POST", "/volumes", 500, "server_error", Map.of()));
        assertThatThrownBy(() -> provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap))
                .isInstanceOf(HcloudException.class).hasMessageContaining("500 server_error");
        assertThat(names("volumes")).hasSizeLessThan(8);

        ProvisioningPlan resumed = provisioner.plan(desired);
        assertThat(resumed.count(ProvisioningPlan.Verb.KEEP)).isGreaterThanOrEqualTo(11);
        provisioner.apply(desired, resumed, SSH_KEY, bootstrap);
        assertThat(names("servers")).hasSize(7);
        assertThat(names("volumes").values()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void rateLimitsAndServerErrorsAreRetried() {
        long reset = NOW.getEpochSecond() + 7;
        api.inject(new HetznerStandIn.Fault("GET", "/ssh_keys", 429, "rate_limit_exceeded",
                Map.of("RateLimit-Reset", String.valueOf(reset), "RateLimit-Remaining", "0")));
        api.inject(new HetznerStandIn.Fault("POST", "/networks", 503, "unavailable", Map.of()));
        api.inject(new HetznerStandIn.Fault("POST", "/firewalls", 409, "conflict", Map.of()));
        api.inject(new HetznerStandIn.Fault("GET", "/pricing", 502, "bad_gateway", Map.of()));
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        assertThat(sleeps).contains(Duration.ofSeconds(7)); // until RateLimit-Reset
        assertThat(sleeps.stream().filter(d -> d.equals(Duration.ofSeconds(1))).count()).isGreaterThanOrEqualTo(3);
        assertThat(names("networks")).hasSize(1);
        assertThat(names("firewalls")).hasSize(1);
    }

    @Test
    void slowActionsArePolledUntilTheyFinish() {
        api.actionPolls = 3;
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        assertThat(sleeps).contains(Duration.ofMillis(500));
        assertThat(api.requests.stream().filter(r -> r.startsWith("GET /actions")).count()).isGreaterThanOrEqualTo(3 * 2);
    }

    @Test
    void giveUpAfterTooManyRetriesWithTheApisMessage() {
        for (int i = 0; i <= HcloudClient.MAX_RETRIES; i++) {
            api.inject(new HetznerStandIn.Fault("GET", "/pricing", 503, "unavailable", Map.of()));
        }
        assertThatThrownBy(() -> provisioner.plan(desired)).isInstanceOf(HcloudException.class)
                .hasMessageContaining("GET /pricing answered 503 unavailable");
    }

    @Test
    void aKeyAlreadyUploadedByHandIsUsedButNeverOwned() {
        long handMade = api.seed("ssh_keys", "uploaded-by-hand", Map.of()).put("public_key", SSH_KEY)
                .put("fingerprint", Provisioner.fingerprint(SSH_KEY)).path("id").asLong();
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        assertThat(names("ssh_keys").values()).containsExactly("uploaded-by-hand");
        assertThat(log).anyMatch(l -> l.contains("using the SSH key uploaded-by-hand already in the project"));
        assertThat(api.bodies).filteredOn(b -> b.contains("\"server_type\"")).allSatisfy(
                b -> assertThat(b).contains("\"ssh_keys\":[\"" + handMade + "\"]"));
        provisioner.destroy("demo");
        assertThat(names("ssh_keys").values()).containsExactly("uploaded-by-hand");
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAdoptedNotDuplicated() {
        // The network is created, the 502 hides it, the retry meets uniqueness_error: the network is ours, adopt it.
        api.inject(new HetznerStandIn.Fault("POST", "/networks", 502, "bad_gateway", Map.of(), true));
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        assertThat(names("networks").values()).containsExactly("demo-network");
        assertThat(api.requests.stream().filter(r -> r.equals("POST /networks"))).hasSize(2);
        assertThat(log).anyMatch(l -> l.contains("keeping network demo-network"));
        assertThat(api.all("servers").values()).allSatisfy(s -> assertThat(s.path("private_net")).hasSize(1));
    }

    @Test
    void resourcesAnotherRunMadeMeanwhileAreAdopted() {
        ProvisioningPlan plan = provisioner.plan(desired);
        api.seed("firewalls", "demo-firewall", Labels.of("demo", "ops", null));
        provisioner.apply(desired, plan, SSH_KEY, bootstrap);
        assertThat(names("firewalls")).hasSize(1);
        assertThat(log).anyMatch(l -> l.contains("keeping firewall demo-firewall"));
    }

    @Test
    void aForeignResourceWithOurNameIsNeverAdopted() {
        api.seed("networks", "demo-network", Map.of("team", "web"));
        assertThatThrownBy(() -> provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap))
                .isInstanceOf(Provisioner.ForeignResourceException.class)
                .hasMessageContaining("a network named demo-network already exists in the project and is not this cluster's");
        assertThat(names("networks")).hasSize(1);
    }

    @Test
    void destroyDeletesOnlyThisClustersResources() {
        provisioner.apply(desired, provisioner.plan(desired), SSH_KEY, bootstrap);
        api.seed("servers", "web-1", Map.of("team", "web"));
        api.seed("servers", "staging-worker-1", Labels.of("staging", "ops", "worker"));
        api.seed("volumes", "web-data", Map.of("koor.io/cluster", "demo")); // our cluster label, not our manager label
        int deleted = provisioner.destroy("demo");
        assertThat(deleted).isEqualTo(19);
        assertThat(names("servers").values()).containsExactlyInAnyOrder("web-1", "staging-worker-1");
        assertThat(names("volumes").values()).containsExactly("web-data");
        assertThat(names("networks")).isEmpty();
        assertThat(names("ssh_keys")).isEmpty();
        // servers went first, and their delete actions were waited for before the rest
        List<String> deletes = api.requests.stream().filter(r -> r.startsWith("DELETE")).toList();
        assertThat(deletes.get(0)).startsWith("DELETE /servers/");
        assertThat(deletes.get(deletes.size() - 1)).startsWith("DELETE /ssh_keys/");
    }

    @Test
    void aHighlyAvailableControlPlaneGetsAPrivateLoadBalancerAsItsEndpoint() {
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        Bootstrap haBootstrap = Bootstrap.flux("https://git.example.com/koor/demo-gitops.git", "main");
        ProvisioningPlan plan = provisioner.plan(ha);
        assertThat(plan.cost().lines()).filteredOn(l -> l.item().equals("load balancer lb11 (API)"))
                .singleElement().satisfies(l -> assertThat(l.monthly()).isEqualTo(5.0)); // the stand-in's lb11 price
        provisioner.apply(ha, plan, SSH_KEY, haBootstrap);

        JsonNode lb = api.all("load_balancers").values().iterator().next();
        assertThat(lb.path("name").asText()).isEqualTo("ha-api");
        assertThat(lb.path("public_net").path("enabled").asBoolean()).as("reachable on the private network only").isFalse();
        assertThat(lb.path("private_net").get(0).path("ip").asText()).isEqualTo(ha.controlPlaneEndpoint())
                .isEqualTo("10.0.0.254");
        assertThat(lb.path("services").get(0).path("listen_port").asInt()).isEqualTo(6443);
        JsonNode target = lb.path("targets").get(0);
        assertThat(target.path("use_private_ip").asBoolean()).isTrue();
        String selector = target.path("label_selector").path("selector").asText();
        List<String> selected = api.all("servers").values().stream()
                .filter(s -> selector.contains("koor.io/role=" + s.path("labels").path("koor.io/role").asText()))
                .map(s -> s.path("name").asText()).toList();
        assertThat(selected).containsExactlyInAnyOrder("ha-control-plane-1", "ha-control-plane-2", "ha-control-plane-3");

        // one node initialises with the balancer as the endpoint (which therefore outlives any one node); the
        // others join through it later, over SSH (ClusterJoinTest)
        List<String> userData = api.bodies.stream().filter(b -> b.contains("\"user_data\"")).toList();
        assertThat(userData).filteredOn(b -> b.contains("kubeadm init")).singleElement()
                .satisfies(b -> assertThat(b).contains("ha-control-plane-1", "controlPlaneEndpoint: 10.0.0.254:6443"));

        assertThat(provisioner.destroy("ha")).isEqualTo(provisioner.plan(ha).count(ProvisioningPlan.Verb.CREATE));
        assertThat(api.all("load_balancers")).isEmpty();
    }

    @Test
    void aResumedRunFinishesTheSetUpAnInterruptedOneLeftHalfDone() {
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        Bootstrap haBootstrap = Bootstrap.flux("https://git.example.com/koor/demo-gitops.git", "main");
        // the balancer is created, then attaching it to the network fails: no targets, still public
        api.inject(new HetznerStandIn.Fault("POST", "/load_balancers/", 500, "server_error", Map.of()));
        assertThatThrownBy(() -> provisioner.apply(ha, provisioner.plan(ha), SSH_KEY, haBootstrap))
                .isInstanceOf(HcloudException.class).hasMessageContaining("500 server_error");
        JsonNode half = api.all("load_balancers").values().iterator().next();
        assertThat(half.path("private_net")).isEmpty();

        provisioner.apply(ha, provisioner.plan(ha), SSH_KEY, haBootstrap);
        JsonNode lb = api.all("load_balancers").values().iterator().next();
        assertThat(api.all("load_balancers")).hasSize(1);
        assertThat(lb.path("private_net").get(0).path("ip").asText()).isEqualTo("10.0.0.254");
        assertThat(lb.path("targets")).hasSize(1);
        assertThat(lb.path("public_net").path("enabled").asBoolean()).isFalse();
        assertThat(api.all("servers").values()).allSatisfy(s -> assertThat(s.path("private_net")).hasSize(1));
    }

    @Test
    void aSingleControlPlaneNodeIsItsOwnEndpoint() {
        assertThat(desired.ofType(DesiredResource.LoadBalancer.class)).isEmpty();
        assertThat(desired.controlPlaneEndpoint()).isEqualTo(desired.firstControlPlane().privateIp());
    }

    @Test
    void aWrongTokenIsReportedWithoutShowingIt() {
        HcloudClient wrong = new HcloudClient(api.base(), Token.of("not-the-token"), sleeps::add, Clock.systemUTC());
        assertThatThrownBy(() -> wrong.pricing("fsn1")).isInstanceOf(HcloudException.class)
                .hasMessageContaining("401 unauthorized").hasMessageNotContaining("not-the-token");
        assertThat(Token.of("x").toString()).isEqualTo("***");
    }

    @Test
    void listsArePaged() {
        for (int i = 0; i < 120; i++) {
            api.seed("placement_groups", "group-" + i, Labels.of("demo", "ops", null));
        }
        assertThat(client.list(ResourceKind.PLACEMENT_GROUP, Labels.selector("demo"))).hasSize(120);
        assertThat(api.requests.stream().filter(r -> r.startsWith("GET /placement_groups"))).hasSize(3);
    }
}
