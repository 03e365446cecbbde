package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The one place {@link HetznerApi}'s records meet the API's JSON: request bodies out, answers in. */
final class HcloudJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private HcloudJson() {
    }

    static ObjectNode body(HetznerApi.CreateRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", request.name());
        ObjectNode labels = body.putObject("labels");
        request.labels().forEach(labels::put);
        if (request instanceof HetznerApi.CreateSshKey key) {
            body.put("public_key", key.publicKey());
        } else if (request instanceof HetznerApi.CreateNetwork network) {
            body.put("ip_range", network.ipRange().toString());
            body.putArray("subnets").addObject().put("type", "cloud").put("network_zone", network.networkZone())
                    .put("ip_range", network.subnet().toString());
        } else if (request instanceof HetznerApi.CreateFirewall firewall) {
            ArrayNode rules = body.putArray("rules");
            for (HetznerApi.FirewallRule rule : firewall.rules()) {
                ObjectNode json = rules.addObject();
                json.put("direction", rule.direction());
                json.put("protocol", rule.protocol());
                rule.port().ifPresent(port -> json.put("port", port));
                ArrayNode sources = json.putArray("source_ips");
                rule.sourceIps().forEach(sources::add);
                json.put("description", rule.description());
            }
            ObjectNode apply = body.putArray("apply_to").addObject();
            apply.put("type", "label_selector");
            apply.putObject("label_selector").put("selector", firewall.applyTo());
        } else if (request instanceof HetznerApi.CreatePlacementGroup group) {
            body.put("type", group.type());
        } else if (request instanceof HetznerApi.CreateLoadBalancer balancer) {
            body.put("load_balancer_type", balancer.loadBalancerType());
            body.put("location", balancer.location());
            ArrayNode services = body.putArray("services");
            for (HetznerApi.Service service : balancer.services()) {
                ObjectNode json = services.addObject();
                json.put("protocol", service.protocol()).put("listen_port", service.listenPort())
                        .put("destination_port", service.destinationPort()).put("proxyprotocol", service.proxyprotocol());
                HetznerApi.HealthCheck check = service.healthCheck();
                json.putObject("health_check").put("protocol", check.protocol()).put("port", check.port())
                        .put("interval", check.interval()).put("timeout", check.timeout()).put("retries", check.retries());
            }
        } else if (request instanceof HetznerApi.CreateServer server) {
            body.put("server_type", server.serverType());
            body.put("image", server.image());
            body.put("location", server.location());
            ArrayNode keys = body.putArray("ssh_keys");
            server.sshKeys().forEach(keys::add);
            server.placementGroup().ifPresent(group -> body.put("placement_group", group));
            body.putObject("public_net").put("enable_ipv4", server.enableIpv4()).put("enable_ipv6", server.enableIpv6());
            body.put("start_after_create", server.startAfterCreate());
            body.put("user_data", server.userData());
        } else if (request instanceof HetznerApi.CreateVolume volume) {
            body.put("size", volume.sizeGb());
            body.put("server", volume.server());
            body.put("automount", volume.automount());
        } else {
            throw new IllegalArgumentException("no JSON for " + request.getClass().getSimpleName());
        }
        return body;
    }

    static ObjectNode body(HetznerApi.AttachToNetwork attach) {
        return JSON.createObjectNode().put("network", attach.network()).put("ip", attach.ip());
    }

    static ObjectNode body(HetznerApi.AddTarget target) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "label_selector");
        body.putObject("label_selector").put("selector", target.labelSelector());
        body.put("use_private_ip", target.usePrivateIp());
        return body;
    }

    static HetznerApi.Resource resource(ResourceKind kind, JsonNode item) {
        Map<String, String> labels = new LinkedHashMap<>();
        item.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        Set<Long> networks = new LinkedHashSet<>();
        item.path("private_net").forEach(net -> networks.add(net.path("network").asLong()));
        Optional<String> serverType = kind == ResourceKind.SERVER
                ? Optional.of(item.path("server_type").path("name").asText()) : Optional.empty();
        return new HetznerApi.Resource(kind, item.path("id").asLong(), item.path("name").asText(), labels, serverType,
                networks, item.path("targets").size(), item.path("public_net").path("enabled").asBoolean(true),
                kind == ResourceKind.SERVER ? Optional.ofNullable(item.path("public_net").path("ipv4").path("ip").textValue())
                        : Optional.empty());
    }

    /** The ids of the actions an answer started: {@code action}, {@code actions} or {@code next_actions}. */
    static List<Long> actionIds(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        if (answer.path("action").isObject()) {
            ids.add(answer.path("action").path("id").asLong());
        }
        for (String list : List.of("actions", "next_actions")) {
            answer.path(list).forEach(a -> ids.add(a.path("id").asLong()));
        }
        return ids;
    }

    /** The prices in one location of a {@code GET /pricing} answer's {@code pricing}. */
    static HetznerApi.Pricing pricing(JsonNode pricing, String location) {
        double ipv4 = 0;
        for (JsonNode ip : pricing.path("primary_ips")) {
            if (ip.path("type").asText().equals("ipv4")) {
                for (JsonNode price : ip.path("prices")) {
                    if (price.path("location").asText().equals(location)) {
                        ipv4 = price.path("price_monthly").path("net").asDouble();
                    }
                }
            }
        }
        return new HetznerApi.Pricing(pricing.path("currency").asText("EUR"),
                monthlyByType(pricing.path("server_types"), location),
                pricing.path("volume").path("price_per_gb_month").path("net").asDouble(), ipv4,
                monthlyByType(pricing.path("load_balancer_types"), location));
    }

    /** Net monthly price per type name, in one location, of a {@code GET /pricing} list of types. */
    private static Map<String, Double> monthlyByType(JsonNode types, String location) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode type : types) {
            for (JsonNode price : type.path("prices")) {
                if (price.path("location").asText().equals(location)) {
                    out.put(type.path("name").asText(), price.path("price_monthly").path("net").asDouble());
                }
            }
        }
        return out;
    }
}
