package io.koor.gitops.hetzner;

import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.NodeRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins the nodes once the first control plane is up, as KubeOne and Cluster API do it, so that no
 * user data holds a join secret: it waits (bounded) until the first control-plane node reports that
 * Kubernetes and the network plugin are up, makes a bootstrap token that expires within the hour,
 * reads the CA certificate and pins its public key's hash, uploads the control-plane certificates
 * under a fresh key if control-plane nodes are to join, then joins each node that has prepared itself:
 * control-plane nodes one at a time (etcd grows by one member at a time), the others four at a time.
 * Finally it deletes the token. Before any join it puts the API token into the Secret Hetzner's cloud
 * controller manager reads, which no Node can do without. Nodes that report {@code joined} are skipped, so a resumed run only
 * does what is left. The secrets go over SSH on standard input and are never logged.
 */
final class ClusterJoin {
    static final Duration POLL = Duration.ofSeconds(15);
    /** 40 minutes: installing packages and bringing up a control plane takes 5 to 15. */
    static final int MAX_POLLS = 160;
    static final String PHASE = "cat " + CloudInit.PHASE_FILE + " 2>/dev/null || echo booting";
    static final String TOKEN_CREATE = "kubeadm token create --ttl 1h --description 'demo-gitops: joins while provisioning'";
    static final String CA_CERT = "cat /etc/kubernetes/pki/ca.crt";
    static final String UPLOAD_CERTS = "kubeadm init phase upload-certs --upload-certs";
    /**
     * The JoinConfiguration arrives on standard input and lives in /run (memory) only while kubeadm
     * reads it. A node whose earlier join failed half-way is reset first.
     */
    static final String JOIN = "set -e; umask 077; install -d -m 0700 /run/koor; trap 'rm -f /run/koor/join.yaml' EXIT;"
            + " cat > /run/koor/join.yaml; kubeadm reset -f > /dev/null 2>&1 || true;"
            + " kubeadm join --config /run/koor/join.yaml; echo joined > " + CloudInit.PHASE_FILE;
    /**
     * The cloud controller manager's Secret (see {@link BootstrapRelease#HCLOUD_SECRET}): the API token
     * arrives on standard input, and server-side apply keeps no copy of it in an annotation.
     */
    static String cloudSecret(String network) {
        return "set -e; export KUBECONFIG=/etc/kubernetes/admin.conf; kubectl -n kube-system create secret generic "
                + BootstrapRelease.HCLOUD_SECRET + " --from-file=token=/dev/stdin --from-literal=network=" + network
                + " --dry-run=client -o yaml | kubectl apply --server-side --force-conflicts -f - > /dev/null";
    }

    private static final Pattern CERTIFICATE_KEY = Pattern.compile("(?m)^([0-9a-f]{64})\\s*$");

    private final HetznerApi api;
    private final NodeShell shell;
    private final HcloudClient.Sleeper sleeper;
    private final Consumer<String> log;
    private final Token token;

    ClusterJoin(HetznerApi api, NodeShell shell, HcloudClient.Sleeper sleeper, Consumer<String> log, Token token) {
        this.token = token;
        this.api = api;
        this.shell = shell;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** @param created the servers this run created: host keys recorded for their addresses belonged to others */
    void join(DesiredState desired, Set<String> created) {
        String cluster = desired.cluster().name().value();
        Map<String, String> address = new HashMap<>();
        for (HetznerApi.Resource server : api.list(ResourceKind.SERVER, Labels.selector(cluster))) {
            server.publicIpv4().ifPresent(ip -> address.put(server.name(), ip));
        }
        List<DesiredResource.Server> servers = desired.ofType(DesiredResource.Server.class);
        for (DesiredResource.Server server : servers) {
            if (!address.containsKey(server.name())) {
                throw new IllegalStateException("server " + server.name() + " has no public IPv4 address to reach it over SSH");
            }
        }
        servers.stream().filter(s -> created.contains(s.name())).forEach(s -> shell.forgetHostKey(address.get(s.name())));

        DesiredResource.Server first = desired.firstControlPlane();
        String firstHost = address.get(first.name());
        await(first, firstHost, Set.of("initialised", "ready"));
        if (desired.cluster().platform().runsCloudControllerManager()) {
            // every Node waits for the cloud controller manager (--cloud-provider=external), which waits for this
            shell.run(firstHost, cloudSecret(desired.network().name()), token.forClusterSecret());
            log.accept("the cloud controller manager's Secret " + BootstrapRelease.HCLOUD_SECRET + " is in kube-system");
        }
        List<DesiredResource.Server> joining = new ArrayList<>();
        for (DesiredResource.Server server : servers) {
            if (!server.name().equals(first.name()) && !await(server, address.get(server.name()), Set.of("prepared", "joined")).equals("joined")) {
                joining.add(server);
            }
        }
        if (joining.isEmpty()) {
            log.accept("every node has joined the cluster");
            return;
        }
        boolean controlPlanes = joining.stream().anyMatch(s -> s.role() == NodeRole.CONTROL_PLANE);
        JoinSecrets secrets = secrets(firstHost, controlPlanes);
        try {
            for (DesiredResource.Server server : joining) {
                if (server.role() == NodeRole.CONTROL_PLANE) {
                    join(desired, server, address.get(server.name()), secrets);
                }
            }
            parallel(joining.stream().filter(s -> s.role() != NodeRole.CONTROL_PLANE).toList(),
                    server -> join(desired, server, address.get(server.name()), secrets));
        } finally {
            shell.run(firstHost, "kubeadm token delete " + secrets.tokenId(), "");
        }
        log.accept(joining.size() + " node(s) joined the cluster; their bootstrap token is deleted");
    }

    private JoinSecrets secrets(String firstHost, boolean controlPlanes) {
        String token = shell.run(firstHost, TOKEN_CREATE, "").strip();
        String caHash = CaCertHash.of(shell.run(firstHost, CA_CERT, ""));
        Optional<String> key = Optional.empty();
        if (controlPlanes) {
            Matcher m = CERTIFICATE_KEY.matcher(shell.run(firstHost, UPLOAD_CERTS, ""));
            key = Optional.of(m.find() ? m.group(1) : "");
        }
        return new JoinSecrets(token, caHash, key);
    }

    private void join(DesiredState desired, DesiredResource.Server server, String host, JoinSecrets secrets) {
        log.accept("joining " + server.name() + (server.role() == NodeRole.CONTROL_PLANE ? " to the control plane" : ""));
        try {
            shell.run(host, JOIN, KubeadmConfig.join(desired, server, secrets));
        } catch (NodeShell.CommandFailedException | NodeShell.UnreachableException e) {
            throw new IllegalStateException("kubeadm join failed on " + server.name() + " (" + host + "): "
                    + secrets.redact(e.getMessage()) + "\nProvisioning again retries the join.", e);
        }
    }

    /** Polls the node's phase until it is one of {@code wanted}; fails at once on {@code failed}, and after MAX_POLLS. */
    private String await(DesiredResource.Server server, String host, Set<String> wanted) {
        String last = "";
        for (int poll = 1; ; poll++) {
            String phase;
            try {
                phase = shell.run(host, PHASE, "").strip();
            } catch (NodeShell.UnreachableException e) {
                phase = "unreachable";
            }
            if (wanted.contains(phase)) {
                return phase;
            }
            if (phase.equals("failed")) {
                throw new IllegalStateException(server.name() + " (" + host + ") failed to bootstrap: see"
                        + " /var/log/cloud-init-output.log on it (ssh root@" + host + ")");
            }
            if (!phase.equals(last)) {
                log.accept("waiting for " + server.name() + " to be " + String.join(" or ", wanted.stream().sorted().toList())
                        + " (now: " + phase + ")");
                last = phase;
            }
            if (poll >= MAX_POLLS) {
                throw new IllegalStateException(server.name() + " (" + host + ") is still " + phase + " after "
                        + POLL.multipliedBy(MAX_POLLS).toMinutes() + " minutes: see /var/log/cloud-init-output.log on it");
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + server.name(), e);
            }
        }
    }

    private static void parallel(List<DesiredResource.Server> servers, Consumer<DesiredResource.Server> work) {
        if (servers.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, servers.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            servers.forEach(s -> futures.add(pool.submit(() -> work.accept(s))));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
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
