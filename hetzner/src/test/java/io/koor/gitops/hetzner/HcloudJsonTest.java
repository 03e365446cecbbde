package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.model.values.Cidr;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The records' JSON, field by field against the OpenAPI description; and the answers read back. */
class HcloudJsonTest {
    private static final SortedMap<String, String> LABELS = new TreeMap<>(Map.of("koor.io/cluster", "demo"));

    private static JsonNode spec() throws Exception {
        assumeTrue(Files.isRegularFile(HetznerStandIn.SPEC), "SKIPPED: no " + HetznerStandIn.SPEC);
        return HcloudJson.JSON.readTree(HetznerStandIn.SPEC.toFile());
    }

    private static List<HetznerApi.CreateRequest> oneOfEach() {
        return List.of(
                new HetznerApi.CreateSshKey("demo-admin", LABELS, "ssh-ed25519 AAAA ops@koor"),
                new HetznerApi.CreateNetwork("demo-network", LABELS, Cidr.parse("10.0.0.0/16"), "eu-central",
                        Cidr.parse("10.0.0.0/24")),
                new HetznerApi.CreateFirewall("demo-firewall", LABELS, List.of(
                        HetznerApi.FirewallRule.inbound("tcp", Optional.of("22"), List.of("198.51.100.0/24"), "SSH"),
                        HetznerApi.FirewallRule.inbound("icmp", Optional.empty(), List.of("0.0.0.0/0", "::/0"), "ICMP")),
                        "koor.io/cluster=demo"),
                new HetznerApi.CreatePlacementGroup("demo-storage-1", LABELS, "spread"),
                new HetznerApi.CreateLoadBalancer("demo-api", LABELS, "lb11", "fsn1", List.of(new HetznerApi.Service("tcp",
                        6443, 6443, false, new HetznerApi.HealthCheck("tcp", 6443, 5, 3, 3)))),
                new HetznerApi.CreateServer("demo-worker-1", LABELS, "cx33", "ubuntu-22.04", "fsn1", List.of("1001"),
                        Optional.of(1002L), true, true, true, "#cloud-config\n"),
                new HetznerApi.CreateVolume("demo-storage-1-osd-1", LABELS, 100, 1003, false));
    }

    @Test
    void everyCreateRequestUsesTheApisFieldNamesAndGivesTheRequiredOnes() throws Exception {
        JsonNode spec = spec();
        for (HetznerApi.CreateRequest request : oneOfEach()) {
            JsonNode schema = requestSchema(spec, request.kind().path());
            JsonNode body = HcloudJson.body(request);
            assertThat(unknownFields(spec, schema, body, request.kind().path())).as(request.kind().label()).isEmpty();
            schema.path("required").forEach(field -> assertThat(body.has(field.asText()))
                    .as(request.kind().label() + " " + field).isTrue());
        }
        assertThat(unknownFields(spec, requestSchema(spec, "/servers/{id}/actions/attach_to_network"),
                HcloudJson.body(new HetznerApi.AttachToNetwork(7, "10.0.0.2")), "attach")).isEmpty();
        assertThat(unknownFields(spec, requestSchema(spec, "/load_balancers/{id}/actions/add_target"),
                HcloudJson.body(new HetznerApi.AddTarget("koor.io/role=control-plane", true)), "add_target")).isEmpty();
        // and the check can fail
        assertThat(unknownFields(spec, requestSchema(spec, "/volumes"),
                HcloudJson.JSON.createObjectNode().put("size_gb", 1), "/volumes")).containsExactly("/volumes.size_gb");
    }

    @Test
    void aVolumeIsRawAndAttachedAndAServerNamesItsGroupOnlyIfInOne() {
        assertThat(HcloudJson.body(new HetznerApi.CreateVolume("v", LABELS, 100, 1003, false))).hasToString(
                "{\"name\":\"v\",\"labels\":{\"koor.io/cluster\":\"demo\"},\"size\":100,\"server\":1003,\"automount\":false}");
        HetznerApi.CreateServer alone = new HetznerApi.CreateServer("s", LABELS, "cx33", "ubuntu-22.04", "fsn1",
                List.of("1001"), Optional.empty(), true, true, true, "#cloud-config\n");
        assertThat(HcloudJson.body(alone).has("placement_group")).isFalse();
        assertThat(HcloudJson.body(alone).path("ssh_keys").get(0).isTextual()).as("the API takes key IDs as strings").isTrue();
        JsonNode icmp = HcloudJson.body(oneOfEach().get(2)).path("rules").get(1);
        assertThat(icmp.has("port")).isFalse();
        assertThat(icmp.path("source_ips")).hasSize(2);
    }

    @Test
    void answersAreReadIntoResourcesAndActions() throws Exception {
        JsonNode spec = spec();
        JsonNode created = example(spec, "/load_balancers");
        HetznerApi.Resource balancer = HcloudJson.resource(ResourceKind.LOAD_BALANCER, created.path("load_balancer"));
        assertThat(balancer.ref()).isEqualTo(new ResourceRef(ResourceKind.LOAD_BALANCER, "Web Frontend"));
        assertThat(balancer.id()).isEqualTo(4711);
        assertThat(balancer.labels()).containsExactly(Map.entry("key", "value"));
        assertThat(balancer.networks()).containsExactly(4711L);
        assertThat(balancer.targets()).isEqualTo(1);
        assertThat(balancer.publicInterface()).isFalse();
        assertThat(balancer.serverType()).isEmpty();

        JsonNode server = example(spec, "/servers");
        HetznerApi.Resource s = HcloudJson.resource(ResourceKind.SERVER, server.path("server"));
        assertThat(s.serverType()).contains(server.path("server").path("server_type").path("name").asText());
        assertThat(s.publicIpv4()).contains("1.2.3.4").as("the example's address: SSH reaches the server there");
        assertThat(balancer.publicIpv4()).isEmpty();
        List<Long> expected = new ArrayList<>(List.of(server.path("action").path("id").asLong()));
        server.path("next_actions").forEach(a -> expected.add(a.path("id").asLong()));
        assertThat(HcloudJson.actionIds(server)).isEqualTo(expected).isNotEmpty();
        assertThat(HcloudJson.actionIds(HcloudJson.JSON.createObjectNode())).as("a 204 starts nothing").isEmpty();
    }

    @Test
    void pricesAreThoseOfTheLocation() throws Exception {
        JsonNode pricing = HcloudJson.JSON.readTree("{\"currency\":\"EUR\",\"volume\":{\"price_per_gb_month\":{\"net\":\"0.06\"}},"
                + "\"primary_ips\":[{\"type\":\"ipv4\",\"prices\":[{\"location\":\"nbg1\",\"price_monthly\":{\"net\":\"0.5\"}},"
                + "{\"location\":\"fsn1\",\"price_monthly\":{\"net\":\"0.6\"}}]}],"
                + "\"server_types\":[{\"name\":\"cx33\",\"prices\":[{\"location\":\"fsn1\",\"price_monthly\":{\"net\":\"9.0\"}},"
                + "{\"location\":\"nbg1\",\"price_monthly\":{\"net\":\"8.0\"}}]}],\"load_balancer_types\":[]}");
        HetznerApi.Pricing fsn1 = HcloudJson.pricing(pricing, "fsn1");
        assertThat(fsn1.serverTypes()).containsExactly(Map.entry("cx33", 9.0));
        assertThat(fsn1.ipv4PerMonth()).isEqualTo(0.6);
        assertThat(fsn1.volumePerGbMonth()).isEqualTo(0.06);
        assertThat(fsn1.loadBalancerTypes()).isEmpty();
        assertThat(fsn1.currency()).isEqualTo("EUR");
    }

    private static JsonNode example(JsonNode spec, String path) {
        return spec.path("paths").path(path).path("post").path("responses").path("201").path("content")
                .path("application/json").path("examples").path("default").path("value");
    }

    private static JsonNode requestSchema(JsonNode spec, String path) {
        return resolve(spec, spec.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("schema"));
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        while (schema.has("$ref")) {
            schema = spec.at(schema.path("$ref").asText().substring(1));
        }
        return schema;
    }

    /** The schema's declared properties, including those of its allOf parts. */
    private static JsonNode property(JsonNode spec, JsonNode schema, String name) {
        schema = resolve(spec, schema);
        if (schema.path("properties").has(name)) {
            return schema.path("properties").path(name);
        }
        for (JsonNode part : schema.path("allOf")) {
            JsonNode found = property(spec, part, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Fields of {@code body}, at any depth, that the schema does not declare. */
    private static List<String> unknownFields(JsonNode spec, JsonNode schema, JsonNode body, String at) {
        List<String> unknown = new ArrayList<>();
        schema = resolve(spec, schema);
        if (body.isArray()) {
            for (JsonNode item : body) {
                unknown.addAll(unknownFields(spec, schema.path("items"), item, at + "[]"));
            }
        } else if (body.isObject() && !schema.has("additionalProperties")) {
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                JsonNode declared = property(spec, schema, name);
                if (declared == null) {
                    unknown.add(at + "." + name);
                } else {
                    unknown.addAll(unknownFields(spec, declared, body.path(name), at + "." + name));
                }
            }
        }
        return unknown;
    }
}
