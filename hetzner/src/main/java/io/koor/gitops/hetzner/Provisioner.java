package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.model.MonthlyCost;
import io.koor.gitops.model.PriceTable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Carries out provisioning against the Hetzner API: finds what exists by this cluster's labels,
 * plans, creates what is missing (independent creations in parallel, waiting for their actions), and
 * destroys only what carries the labels, in the order the API needs. Every creation first looks its
 * name up, so re-running after an interruption adopts what was already made instead of duplicating it.
 */
public final class Provisioner {
    /** A resource with the name we need exists, but is not this cluster's: we never adopt or delete it. */
    public static final class ForeignResourceException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ForeignResourceException(ResourceKind kind, String name, JsonNode labels) {
            super("a " + kind.label() + " named " + name + " already exists in the project and is not this cluster's"
                    + " (labels " + labels + "); rename or delete it, or change the cluster name");
        }
    }

    private final HcloudClient client;
    private final Consumer<String> log;

    public Provisioner(HcloudClient client, Consumer<String> log) {
        this.client = client;
        this.log = log;
    }

    /** A resource with this cluster's labels, as the API describes it. */
    private record Listed(ResourceKind kind, JsonNode item) {
        ResourceRef ref() {
            return new ResourceRef(kind, item.path("name").asText());
        }
    }

    /** What exists with this cluster's labels. */
    public List<ExistingResource> existing(String cluster) {
        return listed(cluster).stream().map(l -> existing(l.kind(), l.item())).toList();
    }

    private List<Listed> listed(String cluster) {
        List<Listed> out = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            for (JsonNode item : client.list(kind.path(), kind.plural(), Labels.selector(cluster))) {
                out.add(new Listed(kind, item));
            }
        }
        return out;
    }

    private static ExistingResource existing(ResourceKind kind, JsonNode item) {
        Optional<String> serverType = kind == ResourceKind.SERVER
                ? Optional.of(item.path("server_type").path("name").asText()) : Optional.empty();
        return new ExistingResource(kind, item.path("id").asLong(), item.path("name").asText(), labels(item), serverType);
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

    /** Live prices from {@code GET /pricing}, for the plan's monthly cost. */
    public PriceTable prices(String location) {
        JsonNode pricing = client.get("/pricing").path("pricing");
        Map<String, Double> servers = monthlyByType(pricing.path("server_types"), location);
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
        return new PriceTable(java.time.LocalDate.now().toString(), "GET /pricing", pricing.path("currency").asText("EUR"),
                servers, pricing.path("volume").path("price_per_gb_month").path("net").asDouble(), ipv4,
                monthlyByType(pricing.path("load_balancer_types"), location));
    }

    public ProvisioningPlan plan(DesiredState desired) {
        String cluster = desired.cluster().name().value();
        PriceTable prices = prices(desired.cluster().location().code());
        return ProvisioningPlan.compute(desired, existing(cluster), MonthlyCost.of(desired.cluster(), prices), false);
    }

    /** Creates every resource the plan says is missing (and deletes what it says is gone). Returns the ids. */
    public Map<ResourceRef, Long> apply(DesiredState desired, ProvisioningPlan plan, String sshPublicKey, Bootstrap bootstrap) {
        String cluster = desired.cluster().name().value();
        Map<ResourceRef, Long> ids = new ConcurrentHashMap<>();
        Map<ResourceRef, JsonNode> found = new HashMap<>();
        listed(cluster).forEach(l -> found.put(l.ref(), l.item()));
        found.forEach((ref, item) -> ids.put(ref, item.path("id").asLong()));
        for (ProvisioningPlan.Step step : plan.steps()) {
            if (step.verb() == ProvisioningPlan.Verb.DELETE) {
                delete(step.kind(), ids.get(step.ref()), step.name());
            }
        }
        for (ResourceKind kind : ResourceKind.values()) {
            List<DesiredResource> missing = new ArrayList<>();
            for (ProvisioningPlan.Step step : plan.steps()) {
                if (step.verb() == ProvisioningPlan.Verb.CREATE && step.kind() == kind) {
                    desired.resolve(step.ref()).ifPresent(missing::add);
                }
            }
            parallel(missing, r -> ids.put(r.ref(), ensure(desired, r, ids, sshPublicKey, bootstrap)));
            // What an interrupted run created but did not finish setting up is finished now.
            for (ProvisioningPlan.Step step : plan.steps()) {
                JsonNode item = found.get(step.ref());
                if (step.verb() == ProvisioningPlan.Verb.KEEP && step.kind() == kind && item != null) {
                    desired.resolve(step.ref()).ifPresent(r -> finish(desired, r, item.path("id").asLong(), item, ids));
                }
            }
        }
        return ids;
    }

    /** Deletes everything this cluster's labels mark, servers first, and nothing else. */
    public int destroy(String cluster) {
        int deleted = 0;
        for (ResourceKind kind : ResourceKind.DELETE_ORDER) {
            List<JsonNode> items = client.list(kind.path(), kind.plural(), Labels.selector(cluster));
            List<JsonNode> ours = items.stream().filter(i -> Labels.ownedBy(labels(i), cluster)).toList();
            parallel(ours, item -> delete(kind, item.path("id").asLong(), item.path("name").asText()));
            deleted += ours.size();
        }
        return deleted;
    }

    private void delete(ResourceKind kind, Long id, String name) {
        if (id == null) {
            return;
        }
        log.accept("deleting " + kind.label() + " " + name);
        JsonNode answer = client.delete(kind.path() + "/" + id);
        client.waitFor(actionIds(answer));
    }

    /** Finds the resource by name (adopting it if ours), or creates it; returns its id. */
    private long ensure(DesiredState desired, DesiredResource r, Map<ResourceRef, Long> ids, String sshPublicKey,
                        Bootstrap bootstrap) {
        String cluster = desired.cluster().name().value();
        JsonNode found = client.findByName(r.kind().path(), r.kind().plural(), r.name());
        if (found != null) {
            return finish(desired, r, adopt(r, found, cluster), found, ids);
        }
        log.accept("creating " + r.kind().label() + " " + r.name());
        JsonNode answer;
        try {
            answer = client.post(r.kind().path(), body(desired, r, ids, sshPublicKey, bootstrap));
        } catch (HcloudException e) {
            if (!e.code().equals("uniqueness_error")) {
                throw e;
            }
            if (r.kind() == ResourceKind.SSH_KEY) {
                // The same key is already in the project (uploaded by hand, say): use it, but never own or delete it.
                JsonNode same = first(client.get("/ssh_keys?fingerprint=" + fingerprint(sshPublicKey)), "ssh_keys");
                if (same == null) {
                    throw e;
                }
                log.accept("using the SSH key " + same.path("name").asText() + " already in the project (same fingerprint)");
                return same.path("id").asLong();
            }
            // Made by an earlier, interrupted run whose answer was lost, or by someone else: look again.
            JsonNode again = client.findByName(r.kind().path(), r.kind().plural(), r.name());
            if (again == null) {
                throw e;
            }
            return finish(desired, r, adopt(r, again, cluster), again, ids);
        }
        client.waitFor(actionIds(answer));
        JsonNode created = answer.path(r.kind().singular());
        return finish(desired, r, created.path("id").asLong(), created, ids);
    }

    /**
     * The steps after creation: attaching to the network, and a load balancer's targets and public
     * interface. Each is checked on the resource as found, so a run resuming an interrupted one does
     * only what is still missing.
     */
    private long finish(DesiredState desired, DesiredResource r, long id, JsonNode item, Map<ResourceRef, Long> ids) {
        if (!(r instanceof DesiredResource.OnPrivateNetwork addressed)) {
            return id;
        }
        String actions = r.kind().path() + "/" + id + "/actions/";
        long network = desired.network().ref().idIn(ids);
        boolean attached = false;
        for (JsonNode net : item.path("private_net")) {
            attached |= net.path("network").asLong() == network;
        }
        if (!attached) {
            // Only attaching afterwards lets us choose the address; the nodes' configuration already names it.
            ObjectNode attach = HcloudClient.object();
            attach.put("network", network);
            attach.put("ip", addressed.privateIp());
            client.waitFor(actionIds(client.post(actions + "attach_to_network", attach)));
        }
        if (r instanceof DesiredResource.LoadBalancer balancer) {
            // Private targets need the balancer in the network first; then it has no reason to be public.
            if (item.path("targets").isEmpty()) {
                ObjectNode target = HcloudClient.object();
                target.put("type", "label_selector");
                target.putObject("label_selector").put("selector", balancer.targets());
                target.put("use_private_ip", true);
                client.waitFor(actionIds(client.post(actions + "add_target", target)));
            }
            if (item.path("public_net").path("enabled").asBoolean(true)) {
                client.waitFor(actionIds(client.post(actions + "disable_public_interface")));
            }
        }
        return id;
    }

    private long adopt(DesiredResource r, JsonNode found, String cluster) {
        if (!Labels.ownedBy(labels(found), cluster)) {
            throw new ForeignResourceException(r.kind(), r.name(), found.path("labels"));
        }
        log.accept("keeping " + r.kind().label() + " " + r.name() + " (it already exists with this cluster's labels)");
        return found.path("id").asLong();
    }

    private ObjectNode body(DesiredState desired, DesiredResource r, Map<ResourceRef, Long> ids, String sshPublicKey,
                            Bootstrap bootstrap) {
        String cluster = desired.cluster().name().value();
        ObjectNode body = HcloudClient.object();
        body.put("name", r.name());
        ObjectNode labels = body.putObject("labels");
        r.labels().forEach(labels::put);
        if (r instanceof DesiredResource.SshKey) {
            body.put("public_key", sshPublicKey);
        } else if (r instanceof DesiredResource.Network network) {
            body.put("ip_range", network.ipRange().toString());
            body.putArray("subnets").addObject().put("type", "cloud").put("network_zone", network.networkZone())
                    .put("ip_range", network.subnet().toString());
        } else if (r instanceof DesiredResource.Firewall) {
            ArrayNode rules = body.putArray("rules");
            rule(rules, "tcp", "22", "SSH");
            rule(rules, "tcp", "6443", "Kubernetes API");
            rule(rules, "icmp", null, "ICMP");
            ObjectNode apply = body.putArray("apply_to").addObject();
            apply.put("type", "label_selector");
            apply.putObject("label_selector").put("selector", Labels.selector(cluster));
        } else if (r instanceof DesiredResource.PlacementGroup) {
            body.put("type", "spread");
        } else if (r instanceof DesiredResource.LoadBalancer balancer) {
            body.put("load_balancer_type", balancer.type());
            body.put("location", balancer.location().code());
            ObjectNode api = body.putArray("services").addObject();
            api.put("protocol", "tcp").put("listen_port", 6443).put("destination_port", 6443).put("proxyprotocol", false);
            // TCP health checks: a node leaves the rotation within ~15 s of its API server stopping
            api.putObject("health_check").put("protocol", "tcp").put("port", 6443).put("interval", 5)
                    .put("timeout", 3).put("retries", 3);
        } else if (r instanceof DesiredResource.Server server) {
            body.put("server_type", server.serverType().name());
            body.put("image", server.image());
            body.put("location", server.location().code());
            // the API takes SSH keys as strings: an ID or a name
            body.putArray("ssh_keys").add(String.valueOf(desired.sshKey().ref().idIn(ids)));
            server.placementGroup().ifPresent(group -> body.put("placement_group", group.idIn(ids)));
            body.putObject("public_net").put("enable_ipv4", true).put("enable_ipv6", true);
            body.put("start_after_create", true);
            body.put("user_data", CloudInit.userData(desired, server, bootstrap));
        } else if (r instanceof DesiredResource.Volume volume) {
            body.put("size", volume.sizeGb());
            body.put("server", volume.server().idIn(ids));
            body.put("automount", false); // raw and unformatted: Ceph wants the bare device
        } else {
            throw new IllegalStateException(r.kind().name());
        }
        return body;
    }

    private static void rule(ArrayNode rules, String protocol, String port, String description) {
        ObjectNode rule = rules.addObject();
        rule.put("direction", "in");
        rule.put("protocol", protocol);
        if (port != null) {
            rule.put("port", port);
        }
        rule.putArray("source_ips").add("0.0.0.0/0").add("::/0");
        rule.put("description", description);
    }

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

    private static Map<String, String> labels(JsonNode item) {
        Map<String, String> labels = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = item.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    private static JsonNode first(JsonNode body, String key) {
        return body.path(key).size() > 0 ? body.path(key).get(0) : null;
    }

    /** The MD5 fingerprint Hetzner indexes SSH keys by, aa:bb:... of the key's base64 blob. */
    static String fingerprint(String publicKey) {
        String[] parts = publicKey.trim().split("\\s+");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(parts[1]));
            return String.join(":", HexFormat.of().formatHex(digest).split("(?<=\\G..)"));
        } catch (java.security.NoSuchAlgorithmException | RuntimeException e) {
            throw new IllegalArgumentException("not an OpenSSH public key (type, base64 blob, comment)", e);
        }
    }

    /** Runs independent operations on a few threads (Hetzner handles them in parallel), failing on the first error. */
    private static <T> void parallel(List<T> items, Consumer<T> work) {
        if (items.size() <= 1) {
            items.forEach(work);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, items.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            items.forEach(item -> futures.add(pool.submit(() -> work.accept(item))));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
