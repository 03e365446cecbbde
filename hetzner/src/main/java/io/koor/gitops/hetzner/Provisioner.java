package io.koor.gitops.hetzner;

import io.koor.gitops.model.cost.MonthlyCost;
import io.koor.gitops.model.cost.PriceTable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
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

        ForeignResourceException(ResourceRef ref, Map<String, String> labels) {
            super("a " + ref.kind().label() + " named " + ref.name() + " already exists in the project and is not this"
                    + " cluster's (labels " + labels + "); rename or delete it, or change the cluster name");
        }
    }

    /** The Kubernetes API, behind the load balancer of a highly available control plane. */
    private static final HetznerApi.Service KUBERNETES_API = new HetznerApi.Service("tcp", 6443, 6443, false,
            // TCP health checks: a node leaves the rotation within ~15 s of its API server stopping
            new HetznerApi.HealthCheck("tcp", 6443, 5, 3, 3));

    private final HetznerApi api;
    private final Consumer<String> log;

    public Provisioner(HetznerApi api, Consumer<String> log) {
        this.api = api;
        this.log = log;
    }

    /** What exists with this cluster's labels. */
    public List<ExistingResource> existing(String cluster) {
        return listed(cluster).stream()
                .map(r -> new ExistingResource(r.kind(), r.id(), r.name(), r.labels(), r.serverType())).toList();
    }

    private List<HetznerApi.Resource> listed(String cluster) {
        List<HetznerApi.Resource> out = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            out.addAll(api.list(kind, Labels.selector(cluster)));
        }
        return out;
    }

    /** Live prices from {@code GET /pricing}, for the plan's monthly cost. */
    public PriceTable prices(String location) {
        HetznerApi.Pricing pricing = api.pricing(location);
        return new PriceTable(java.time.LocalDate.now().toString(), "GET /pricing", pricing.currency(),
                pricing.serverTypes(), pricing.volumePerGbMonth(), pricing.ipv4PerMonth(), pricing.loadBalancerTypes());
    }

    public ProvisioningPlan plan(DesiredState desired) {
        String cluster = desired.cluster().name().value();
        PriceTable prices = prices(desired.cluster().location().code());
        return ProvisioningPlan.compute(desired, existing(cluster), MonthlyCost.of(desired.cluster(), prices), false);
    }

    /** Creates every resource the plan says is missing (and deletes what it says is gone). Returns the ids. */
    public Map<ResourceRef, Long> apply(DesiredState desired, ProvisioningPlan plan, String sshPublicKey,
                                        Bootstrap bootstrap) {
        String cluster = desired.cluster().name().value();
        Map<ResourceRef, Long> ids = new ConcurrentHashMap<>();
        Map<ResourceRef, HetznerApi.Resource> found = new HashMap<>();
        listed(cluster).forEach(r -> found.put(r.ref(), r));
        found.forEach((ref, r) -> ids.put(ref, r.id()));
        for (ProvisioningPlan.Step step : plan.steps()) {
            Long id = ids.get(step.ref());
            if (step.verb() == ProvisioningPlan.Verb.DELETE && id != null) { // else gone since the plan was made
                delete(step.ref(), id);
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
                HetznerApi.Resource item = found.get(step.ref());
                if (step.verb() == ProvisioningPlan.Verb.KEEP && step.kind() == kind && item != null) {
                    desired.resolve(step.ref()).ifPresent(r -> finish(desired, r, item, ids));
                }
            }
        }
        return ids;
    }

    /** Deletes everything this cluster's labels mark, servers first, and nothing else. */
    public int destroy(String cluster) {
        int deleted = 0;
        for (ResourceKind kind : ResourceKind.DELETE_ORDER) {
            List<HetznerApi.Resource> ours = api.list(kind, Labels.selector(cluster)).stream()
                    .filter(r -> Labels.ownedBy(r.labels(), cluster)).toList();
            parallel(ours, r -> delete(r.ref(), r.id()));
            deleted += ours.size();
        }
        return deleted;
    }

    private void delete(ResourceRef ref, long id) {
        log.accept("deleting " + ref);
        api.waitFor(api.delete(ref.kind(), id));
    }

    /** Finds the resource by name (adopting it if ours), or creates it; returns its id. */
    private long ensure(DesiredState desired, DesiredResource r, Map<ResourceRef, Long> ids, String sshPublicKey,
                        Bootstrap bootstrap) {
        String cluster = desired.cluster().name().value();
        Optional<HetznerApi.Resource> found = api.find(r.ref());
        if (found.isPresent()) {
            return finish(desired, r, adopt(r, found.get(), cluster), ids);
        }
        log.accept("creating " + r.ref());
        HetznerApi.Created created;
        try {
            created = api.create(request(desired, r, ids, sshPublicKey, bootstrap));
        } catch (HcloudException e) {
            if (!e.code().equals("uniqueness_error")) {
                throw e;
            }
            if (r instanceof DesiredResource.SshKey) {
                // The same key is already in the project (uploaded by hand, say): use it, but never own or delete it.
                HetznerApi.Resource same = api.sshKeyByFingerprint(fingerprint(sshPublicKey)).orElseThrow(() -> e);
                log.accept("using the SSH key " + same.name() + " already in the project (same fingerprint)");
                return same.id();
            }
            // Made by an earlier, interrupted run whose answer was lost, or by someone else: look again.
            HetznerApi.Resource again = api.find(r.ref()).orElseThrow(() -> e);
            return finish(desired, r, adopt(r, again, cluster), ids);
        }
        api.waitFor(created.actions());
        return finish(desired, r, created.resource(), ids);
    }

    /**
     * The steps after creation: attaching to the network, and a load balancer's targets and public
     * interface. Each is checked on the resource as found, so a run resuming an interrupted one does
     * only what is still missing. Returns the resource's id.
     */
    private long finish(DesiredState desired, DesiredResource r, HetznerApi.Resource item, Map<ResourceRef, Long> ids) {
        if (!(r instanceof DesiredResource.OnPrivateNetwork addressed)) {
            return item.id();
        }
        long network = desired.network().ref().idIn(ids);
        if (!item.networks().contains(network)) {
            // Only attaching afterwards lets us choose the address; the nodes' configuration already names it.
            api.waitFor(api.attachToNetwork(r.kind(), item.id(), new HetznerApi.AttachToNetwork(network,
                    addressed.privateIp())));
        }
        if (r instanceof DesiredResource.LoadBalancer balancer) {
            // Private targets need the balancer in the network first; then it has no reason to be public.
            if (item.targets() == 0) {
                api.waitFor(api.addTarget(item.id(), new HetznerApi.AddTarget(balancer.targets(), true)));
            }
            if (item.publicInterface()) {
                api.waitFor(api.disablePublicInterface(item.id()));
            }
        }
        return item.id();
    }

    private HetznerApi.Resource adopt(DesiredResource r, HetznerApi.Resource found, String cluster) {
        if (!Labels.ownedBy(found.labels(), cluster)) {
            throw new ForeignResourceException(r.ref(), found.labels());
        }
        log.accept("keeping " + r.ref() + " (it already exists with this cluster's labels)");
        return found;
    }

    /** What the API needs to create the resource; what it refers to (key, group, server) already has an id. */
    private static HetznerApi.CreateRequest request(DesiredState desired, DesiredResource r, Map<ResourceRef, Long> ids,
                                                    String sshPublicKey, Bootstrap bootstrap) {
        if (r instanceof DesiredResource.SshKey key) {
            return new HetznerApi.CreateSshKey(key.name(), key.labels(), sshPublicKey);
        }
        if (r instanceof DesiredResource.Network network) {
            return new HetznerApi.CreateNetwork(network.name(), network.labels(), network.ipRange(), network.networkZone(),
                    network.subnet());
        }
        if (r instanceof DesiredResource.Firewall firewall) {
            // Hetzner's firewalls filter the public interface only, so traffic between the nodes on the
            // private network (VXLAN 4789, Cilium's 8472, kubelet, etcd, Ceph) needs no rule and no rule
            // could block it; the public side is SSH and the API, from the given networks, nothing else.
            return new HetznerApi.CreateFirewall(firewall.name(), firewall.labels(), List.of(
                    HetznerApi.FirewallRule.inbound("tcp", Optional.of("22"), firewall.sources().ssh(), "SSH"),
                    HetznerApi.FirewallRule.inbound("tcp", Optional.of("6443"), firewall.sources().api(), "Kubernetes API")),
                    Labels.selector(desired.cluster().name().value()));
        }
        if (r instanceof DesiredResource.PlacementGroup group) {
            return new HetznerApi.CreatePlacementGroup(group.name(), group.labels(), "spread");
        }
        if (r instanceof DesiredResource.LoadBalancer balancer) {
            return new HetznerApi.CreateLoadBalancer(balancer.name(), balancer.labels(), balancer.type(),
                    balancer.location().code(), List.of(KUBERNETES_API));
        }
        if (r instanceof DesiredResource.Server server) {
            return new HetznerApi.CreateServer(server.name(), server.labels(), server.serverType().name(), server.image(),
                    server.location().code(), List.of(String.valueOf(desired.sshKey().ref().idIn(ids))),
                    server.placementGroup().map(group -> group.idIn(ids)), true, true, true,
                    CloudInit.userData(desired, server, bootstrap));
        }
        if (r instanceof DesiredResource.Volume volume) {
            // raw and unformatted (no automount): Ceph wants the bare device
            return new HetznerApi.CreateVolume(volume.name(), volume.labels(), volume.sizeGb(), volume.server().idIn(ids),
                    false);
        }
        throw new IllegalArgumentException("no create request for " + r.ref());
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
