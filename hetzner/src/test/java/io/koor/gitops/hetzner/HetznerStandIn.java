package io.koor.gitops.hetzner;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local, stateful stand-in of the Hetzner Cloud API for tests: SSH keys, networks, firewalls,
 * placement groups, servers, volumes, actions that finish after a number of polls, pricing. Every
 * request and every response is checked against ../shared/hetzner/hcloud-openapi.json, and faults
 * can be injected (429 with RateLimit-Reset, 5xx, conflicts, a request that fails outright).
 * {@link #requests} is the timeline of the run: {@link NodeShellStandIn} adds its SSH commands to it.
 */
final class HetznerStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SPEC = Path.of(System.getProperty("gitops.shared", "../../shared"), "hetzner", "hcloud-openapi.json")
            .toAbsolutePath().normalize();
    private static final Map<String, String> KINDS = Map.of("ssh_keys", "ssh_key", "networks", "network",
            "firewalls", "firewall", "placement_groups", "placement_group", "servers", "server", "volumes", "volume", "load_balancers", "load_balancer");

    /**
     * A scripted failure for the next matching request. With {@code afterProcessing}, the request is carried
     * out and only the answer is replaced: a response lost on the way back.
     */
    record Fault(String method, String pathPrefix, int status, String code, Map<String, String> headers,
                 boolean afterProcessing) {
        Fault(String method, String pathPrefix, int status, String code, Map<String, String> headers) {
            this(method, pathPrefix, status, code, headers, false);
        }
    }

    private final HttpServer server;
    private final String token;
    /** Parsing the 3 MB description takes a while: once per test run. */
    private static JsonNode spec;
    private static OpenApiInteractionValidator validator;
    private final Map<String, Map<Long, ObjectNode>> state = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> actions = new HashMap<>();
    private final Map<Long, Integer> pollsLeft = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicLong servers = new AtomicLong();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> specViolations = Collections.synchronizedList(new ArrayList<>());
    volatile int actionPolls = 1;
    volatile long rateLimitReset;

    HetznerStandIn(String token) throws IOException {
        this.token = token;
        synchronized (HetznerStandIn.class) {
            if (validator == null) {
                spec = JSON.readTree(SPEC.toFile());
                validator = OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString())
                        .withBasePathOverride("/v1").build();
            }
        }
        KINDS.keySet().forEach(k -> state.put(k, new LinkedHashMap<>()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    void inject(Fault fault) {
        faults.add(fault);
    }

    /** The name of the server at this public address, if any. */
    synchronized java.util.Optional<String> serverAt(String ip) {
        return state.get("servers").values().stream().filter(s -> s.path("public_net").path("ipv4").path("ip").asText().equals(ip))
                .map(s -> s.path("name").asText()).findFirst();
    }

    synchronized Map<Long, ObjectNode> all(String kind) {
        return new LinkedHashMap<>(state.get(kind));
    }

    /** Puts a resource into the project as if someone else had made it. */
    synchronized ObjectNode seed(String kind, String name, Map<String, String> labels) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ObjectNode l = body.putObject("labels");
        labels.forEach(l::put);
        if (kind.equals("ssh_keys")) {
            body.put("public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOREIGNKEYFOREIGNKEYFOREIGNKEYFOREIGNKEY0 someone");
        }
        return create(kind, body);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getPath().substring("/v1".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(method + " " + path);
        if (!body.isEmpty()) {
            bodies.add(body);
        }
        int status;
        JsonNode answer;
        Map<String, String> headers = new HashMap<>();
        Fault fault = takeFault(method, path);
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            answer = error("unauthorized", "unable to authenticate");
        } else if (fault != null && !fault.afterProcessing()) {
            status = fault.status();
            answer = error(fault.code(), "injected fault");
            headers.putAll(fault.headers());
        } else {
            Object[] result;
            synchronized (this) {
                result = route(method, path, query(uri), body.isEmpty() ? null : JSON.readTree(body));
            }
            status = (int) result[0];
            answer = (JsonNode) result[1];
            if (fault != null) { // processed, but the answer is lost
                status = fault.status();
                answer = error(fault.code(), "injected fault after processing");
            }
        }
        String text = answer == null ? "" : answer.toString();
        check(method, uri, body, status, text);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Fault takeFault(String method, String path) {
        for (Fault f : faults) {
            if (f.method().equals(method) && path.startsWith(f.pathPrefix())) {
                faults.remove(f);
                return f;
            }
        }
        return null;
    }

    /** The interaction against the OpenAPI description; violations are kept for the test to assert on. */
    private void check(String method, URI uri, String body, int status, String responseBody) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath())
                .withHeader("Authorization", "Bearer x").withContentType("application/json");
        query(uri).forEach((k, values) -> values.forEach(v -> request.withQueryParam(k, v)));
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status).withContentType("application/json");
        if (!responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport report = validator.validate(request.build(), response.build());
        JsonNode answer = responseBody.isEmpty() ? JSON.createObjectNode() : parse(responseBody);
        report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(status >= 400 && m.getKey().equals("validation.response.status.unknown")))
                .filter(m -> !nullAllowedByNullableAllOf(m, answer))
                .forEach(m -> specViolations.add(method + " " + uri.getPath() + " -> " + status + ": " + m.getKey() + " "
                        + m.getMessage()));
        if (status >= 400 && (!answer.path("error").path("code").isTextual() || !answer.path("error").path("message").isTextual())) {
            // The spec declares error answers once, as error_response, not per path.
            specViolations.add(method + " " + uri.getPath() + " -> " + status + ": not an error_response: " + responseBody);
        }
    }

    /**
     * The validator does not apply OpenAPI 3.0's {@code nullable} to properties declared as
     * {@code allOf: [$ref]} (the spec's action and action.error); a null there is legal.
     */
    private static boolean nullAllowedByNullableAllOf(ValidationReport.Message m, JsonNode answer) {
        if (!m.getKey().endsWith(".schema.allOf")) {
            return false;
        }
        java.util.regex.Matcher path = java.util.regex.Pattern.compile("\\[Path '([^']*)'\\]").matcher(m.getMessage());
        return path.find() && answer.at(path.group(1)).isNull();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private Object[] route(String method, String path, Map<String, List<String>> query, JsonNode body) {
        String[] parts = path.substring(1).split("/");
        if (path.equals("/pricing")) {
            return new Object[] {200, pricing()};
        }
        if (path.equals("/actions") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            for (String id : query.getOrDefault("id", List.of())) {
                long actionId = Long.parseLong(id);
                ObjectNode action = actions.get(actionId);
                if (action == null) {
                    continue;
                }
                int left = pollsLeft.merge(actionId, -1, Integer::sum);
                if (left <= 0) {
                    action.put("status", "success").put("progress", 100).put("finished", "2026-11-22T00:00:10Z");
                }
                list.add(action.deepCopy());
            }
            ObjectNode out = JSON.createObjectNode();
            out.set("actions", list);
            return new Object[] {200, out};
        }
        String kind = parts[0];
        if (!KINDS.containsKey(kind)) {
            return new Object[] {404, error("not_found", "no such endpoint")};
        }
        if (parts.length == 1 && method.equals("GET")) {
            return new Object[] {200, list(kind, query)};
        }
        if (parts.length == 1 && method.equals("POST")) {
            for (ObjectNode existing : state.get(kind).values()) {
                if (existing.path("name").asText().equals(body.path("name").asText())
                        || kind.equals("ssh_keys") && existing.path("public_key").asText().equals(body.path("public_key").asText())) {
                    ObjectNode err = error("uniqueness_error", "name is already used");
                    ((ObjectNode) err.get("error")).putObject("details").putArray("fields").addObject().put("name", "name");
                    return new Object[] {409, err};
                }
            }
            ObjectNode created = create(kind, body);
            return new Object[] {201, createdAnswer(kind, created)};
        }
        long id = Long.parseLong(parts[1]);
        ObjectNode item = state.get(kind).get(id);
        if (item == null) {
            return new Object[] {404, error("not_found", KINDS.get(kind) + " not found")};
        }
        if (parts.length == 2 && method.equals("DELETE")) {
            state.get(kind).remove(id);
            if (kind.equals("servers")) {
                state.get("volumes").values().forEach(v -> {
                    if (v.path("server").asLong() == id) {
                        v.putNull("server");
                    }
                });
                return new Object[] {200, JSON.createObjectNode().set("action", action("delete_server", id, "server"))};
            }
            return new Object[] {204, null};
        }
        if (parts.length == 4 && kind.equals("load_balancers")) {
            return loadBalancerAction(parts[3], id, item, body);
        }
        if (parts.length == 4 && parts[3].equals("attach_to_network")) {
            ObjectNode net = item.withArray("private_net").addObject();
            net.put("network", body.path("network").asLong()).put("ip", body.path("ip").asText())
                    .put("mac_address", "86:00:ff:2a:7d:e1");
            net.putArray("alias_ips");
            return new Object[] {201, JSON.createObjectNode().set("action", action("attach_to_network", id, "server"))};
        }
        return new Object[] {404, error("not_found", "no such endpoint")};
    }

    private Object[] loadBalancerAction(String command, long id, ObjectNode item, JsonNode body) {
        switch (command) {
            case "attach_to_network" -> item.withArray("private_net").addObject()
                    .put("network", body.path("network").asLong()).put("ip", body.path("ip").asText());
            case "add_target" -> {
                ObjectNode target = item.withArray("targets").addObject();
                target.put("type", body.path("type").asText());
                target.set("label_selector", body.path("label_selector").deepCopy());
                target.put("use_private_ip", body.path("use_private_ip").asBoolean());
                target.putArray("targets");
            }
            case "disable_public_interface" -> ((ObjectNode) item.get("public_net")).put("enabled", false);
            default -> {
                return new Object[] {404, error("not_found", "no such endpoint")};
            }
        }
        return new Object[] {201, JSON.createObjectNode().set("action", action(command, id, "load_balancer"))};
    }

    private ObjectNode list(String kind, Map<String, List<String>> query) {
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode item : state.get(kind).values()) {
            if (query.containsKey("name") && !item.path("name").asText().equals(query.get("name").get(0))) {
                continue;
            }
            if (query.containsKey("fingerprint") && !item.path("fingerprint").asText().equals(query.get("fingerprint").get(0))) {
                continue;
            }
            if (query.containsKey("label_selector") && !selects(query.get("label_selector").get(0), item.path("labels"))) {
                continue;
            }
            matches.add(item);
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", List.of("25")).get(0));
        int page = Integer.parseInt(query.getOrDefault("page", List.of("1")).get(0));
        ArrayNode items = JSON.createArrayNode();
        matches.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(i -> items.add(i.deepCopy()));
        ObjectNode out = JSON.createObjectNode();
        out.set(kind, items);
        out.set("meta", pagination(page, perPage, (long) page * perPage < matches.size()));
        ((ObjectNode) out.get("meta").get("pagination")).put("total_entries", matches.size());
        return out;
    }

    private static boolean selects(String selector, JsonNode labels) {
        for (String term : selector.split(",")) {
            String[] kv = term.split("==?", 2);
            if (!labels.path(kv[0]).asText("\u0000").equals(kv[1])) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode pagination(int page, int perPage, boolean more) {
        ObjectNode meta = JSON.createObjectNode();
        ObjectNode p = meta.putObject("pagination");
        p.put("page", page).put("per_page", perPage);
        if (page > 1) {
            p.put("previous_page", page - 1);
        } else {
            p.putNull("previous_page");
        }
        if (more) {
            p.put("next_page", page + 1);
        } else {
            p.putNull("next_page");
        }
        p.putNull("last_page");
        p.put("total_entries", 0);
        return meta;
    }

    private ObjectNode example(String path, String method, String code, String key) {
        return (ObjectNode) spec.path("paths").path(path).path(method).path("responses").path(code).path("content")
                .path("application/json").path("examples").path("default").path("value").path(key).deepCopy();
    }

    private ObjectNode create(String kind, JsonNode body) {
        long id = ids.incrementAndGet();
        ObjectNode item;
        switch (kind) {
            case "servers" -> {
                item = example("/servers", "post", "201", "server");
                item.put("status", "running");
                // an address of its own (documentation range), for SSH to reach this server and no other
                ((ObjectNode) item.path("public_net").path("ipv4")).put("ip", "203.0.113." + servers.incrementAndGet());
                ((ObjectNode) item.get("server_type")).put("name", body.path("server_type").asText());
                item.putArray("private_net");
                item.putNull("placement_group");
                item.putArray("volumes");
            }
            case "volumes" -> {
                item = example("/volumes", "post", "201", "volume");
                item.put("size", body.path("size").asInt());
                if (body.has("server")) {
                    item.put("server", body.path("server").asLong());
                } else {
                    item.putNull("server");
                }
                item.put("status", "available");
                item.putNull("format");
            }
            case "load_balancers" -> {
                item = example("/load_balancers", "post", "201", "load_balancer");
                ((ObjectNode) item.get("load_balancer_type")).put("name", body.path("load_balancer_type").asText());
                item.set("services", body.path("services").deepCopy());
                ((ObjectNode) item.get("public_net")).put("enabled", true);
                item.putArray("private_net");
                item.putArray("targets");
            }
            case "placement_groups" -> {
                item = example("/placement_groups", "post", "201", "placement_group");
                item.putArray("servers");
            }
            case "networks" -> {
                item = JSON.createObjectNode();
                item.put("ip_range", body.path("ip_range").asText("10.0.0.0/16"));
                ArrayNode subnets = item.putArray("subnets");
                body.path("subnets").forEach(s -> subnets.addObject().put("type", s.path("type").asText())
                        .put("network_zone", s.path("network_zone").asText()).put("ip_range", s.path("ip_range").asText())
                        .put("gateway", "10.0.0.1").putNull("vswitch_id"));
                item.putArray("routes");
                item.putArray("servers");
                item.putArray("load_balancers");
                item.putObject("protection").put("delete", false);
                item.put("expose_routes_to_vswitch", false);
                item.put("created", "2026-11-22T00:00:00Z");
            }
            case "firewalls" -> {
                item = JSON.createObjectNode();
                ArrayNode rules = item.putArray("rules");
                for (JsonNode rule : body.path("rules")) {
                    ObjectNode copy = rule.deepCopy();
                    if (!copy.has("port")) {
                        copy.putNull("port");
                    }
                    copy.putArray("destination_ips");
                    rules.add(copy);
                }
                item.putArray("applied_to");
                item.put("created", "2026-11-22T00:00:00Z");
            }
            case "ssh_keys" -> {
                item = JSON.createObjectNode();
                String key = body.path("public_key").asText();
                item.put("public_key", key);
                item.put("fingerprint", Provisioner.fingerprint(key));
                item.put("created", "2026-11-22T00:00:00Z");
            }
            default -> throw new IllegalArgumentException(kind);
        }
        item.put("id", id);
        item.put("name", body.path("name").asText());
        item.set("labels", body.path("labels").isObject() ? body.path("labels").deepCopy() : JSON.createObjectNode());
        state.get(kind).put(id, item);
        return item;
    }

    private ObjectNode createdAnswer(String kind, ObjectNode created) {
        ObjectNode out = JSON.createObjectNode();
        out.set(KINDS.get(kind), created.deepCopy());
        long id = created.path("id").asLong();
        switch (kind) {
            case "servers" -> {
                out.set("action", action("create_server", id, "server"));
                out.putArray("next_actions").add(action("start_server", id, "server"));
                out.putNull("root_password");
            }
            case "volumes" -> {
                out.set("action", action("create_volume", id, "volume"));
                out.putArray("next_actions").add(action("attach_volume", id, "volume"));
            }
            case "placement_groups" -> out.putNull("action");
            case "load_balancers" -> out.set("action", action("create_load_balancer", id, "load_balancer"));
            case "firewalls" -> out.putArray("actions");
            default -> { }
        }
        return out;
    }

    private ObjectNode action(String command, long resource, String type) {
        long id = ids.incrementAndGet();
        ObjectNode action = example("/servers", "post", "201", "action");
        action.put("id", id).put("command", command).put("status", "running").put("progress", 0).putNull("finished")
                .putNull("error");
        ArrayNode resources = action.putArray("resources");
        resources.addObject().put("id", resource).put("type", type);
        actions.put(id, action);
        pollsLeft.put(id, actionPolls);
        return action.deepCopy();
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.putObject("error").put("code", code).put("message", message).putNull("details");
        return out;
    }

    private static ObjectNode price(String net) {
        return JSON.createObjectNode().put("net", net).put("gross", net);
    }

    private ObjectNode pricing() {
        ObjectNode p = JSON.createObjectNode();
        p.put("currency", "EUR").put("vat_rate", "19.00");
        p.putObject("image").set("price_per_gb_month", price("0.0110000000"));
        p.putObject("floating_ip").set("price_monthly", price("3.0000000000"));
        p.putArray("floating_ips");
        ObjectNode lb11 = p.putArray("load_balancer_types").addObject().put("id", 1).put("name", "lb11");
        ObjectNode lbPrice = lb11.putArray("prices").addObject().put("location", "fsn1");
        lbPrice.set("price_hourly", price("0.0100000000"));
        lbPrice.set("price_monthly", price("5.0000000000"));
        lbPrice.put("included_traffic", 21990232555520L);
        lbPrice.set("price_per_tb_traffic", price("1.0000000000"));
        ObjectNode ipv4 = p.putArray("primary_ips").addObject().put("type", "ipv4");
        ObjectNode ipPrice = ipv4.putArray("prices").addObject().put("location", "fsn1");
        ipPrice.set("price_hourly", price("0.0010000000"));
        ipPrice.set("price_monthly", price("0.6000000000"));
        p.putObject("server_backup").put("percentage", "20.00");
        ArrayNode types = p.putArray("server_types");
        Map<String, String> monthly = Map.of("cx33", "9.0000000000", "cx43", "17.0000000000");
        long typeId = 1;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(monthly).entrySet()) {
            ObjectNode t = types.addObject().put("id", typeId++).put("name", e.getKey());
            ObjectNode pr = t.putArray("prices").addObject().put("location", "fsn1");
            pr.set("price_hourly", price("0.0100000000"));
            pr.set("price_monthly", price(e.getValue()));
            pr.put("included_traffic", 21990232555520L);
            pr.set("price_per_tb_traffic", price("1.0000000000"));
        }
        p.putObject("volume").set("price_per_gb_month", price("0.0600000000"));
        return JSON.createObjectNode().set("pricing", p);
    }
}
