package io.koor.gitops.hetzner;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.MonthlyCost;
import io.koor.gitops.model.cost.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plan, provision and destroy for one cluster: the one implementation the Maven goals and
 * {@code ./gitops} call. Provisioning and destroying show the plan and change nothing unless
 * confirmed; planning works offline (no token) against an empty project with the dated prices.
 */
public final class ProvisioningService {

    /**
     * @param token        from HCLOUD_TOKEN or Maven settings; empty plans offline
     * @param sshPublicKey the OpenSSH public key file put on every server
     * @param gitUrl       the repository Flux reconciles from (needed to provision)
     * @param confirm      actually change the project; otherwise a dry run
     * @param sources      the networks SSH and the Kubernetes API are open to (they must include this machine's address)
     */
    public record Options(Optional<Token> token, String owner, Path sshPublicKey, String gitUrl, String gitBranch,
                          boolean confirm, AdminSources sources) {
        public Options {
            java.util.Objects.requireNonNull(sources, "sources");
        }

        /** SSH and the API open to every address. */
        public Options(Optional<Token> token, String owner, Path sshPublicKey, String gitUrl, String gitBranch,
                       boolean confirm) {
            this(token, owner, sshPublicKey, gitUrl, gitBranch, confirm, AdminSources.anywhere());
        }
    }

    private final Consumer<String> out;
    private final Function<Token, HcloudClient> clients;
    private final BiFunction<Cluster, Options, NodeShell> shells;
    private final HcloudClient.Sleeper sleeper;

    public ProvisioningService(Consumer<String> out) {
        this(out, HcloudClient::new, ProvisioningService::ssh, d -> Thread.sleep(d.toMillis()));
    }

    ProvisioningService(Consumer<String> out, Function<Token, HcloudClient> clients,
                        BiFunction<Cluster, Options, NodeShell> shells, HcloudClient.Sleeper sleeper) {
        this.out = out;
        this.clients = clients;
        this.shells = shells;
        this.sleeper = sleeper;
    }

    /** OpenSSH with the private key next to the public one, host keys pinned per cluster under ~/.ssh. */
    private static NodeShell ssh(Cluster cluster, Options options) {
        Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts.demo-gitops-" + cluster.name());
        return new SshNodeShell(knownHosts, SshNodeShell.identityFor(options.sshPublicKey()));
    }

    public ProvisioningPlan plan(Cluster cluster, Options options) {
        DesiredState desired = DesiredState.of(cluster, options.owner());
        ProvisioningPlan plan = options.token().isEmpty()
                ? ProvisioningPlan.compute(desired, List.of(), MonthlyCost.of(cluster, PriceTable.snapshot2026()), true)
                : new Provisioner(clients.apply(options.token().get()), out).plan(desired);
        out.accept(plan.text());
        return plan;
    }

    public void provision(GitOpsSystem system, Cluster cluster, Options options) throws IOException {
        // A system that names its repository (Argo CD's Applications, Flux's gotk-sync.yaml) is reconciled from it.
        Optional<Reconciler.GitSource> named = system.reconciler().repository();
        if (named.isPresent() && options.gitUrl() != null && !options.gitUrl().isBlank()
                && !options.gitUrl().equals(named.get().url())) {
            throw new ConfigurationException("gitUrl", options.gitUrl(), "the system's "
                    + (system.reconciler() instanceof Reconciler.ArgoCd ? "Argo CD Applications follow " : "Flux sync objects follow ")
                    + named.get().url() + "; leave the Git URL out, or make them agree");
        }
        if (named.isPresent()) {
            options = new Options(options.token(), options.owner(), options.sshPublicKey(), named.get().url(),
                    named.get().revision(), options.confirm(), options.sources());
        }
        Token token = options.token().orElseThrow(() -> ConfigurationException.ofEnvironment(
                "provisioning needs a Hetzner API token: set " + Token.ENV + " (or the server 'hcloud' in Maven settings)"));
        HcloudClient client = clients.apply(token);
        Provisioner provisioner = new Provisioner(client, out);
        DesiredState desired = DesiredState.of(cluster, options.owner(), options.sources());
        ProvisioningPlan plan = provisioner.plan(desired);
        out.accept(plan.text());
        if (!options.confirm()) {
            out.accept("Dry run: nothing was changed. Confirm to apply.");
            return;
        }
        if (options.gitUrl() == null || options.gitUrl().isBlank()) {
            throw new ConfigurationException("gitUrl", "(none)", "provisioning needs the Git repository the cluster"
                    + " reconciles from");
        }
        if (!Files.isRegularFile(options.sshPublicKey())) {
            throw new ConfigurationException("sshPublicKey", options.sshPublicKey().toString(),
                    "no such file; give the OpenSSH public key to put on the servers");
        }
        String key = Files.readString(options.sshPublicKey()).strip();
        Bootstrap bootstrap = Bootstrap.flux(options.gitUrl(), options.gitBranch());
        boolean argoCd = system.reconciler() instanceof Reconciler.ArgoCd;
        provisioner.apply(desired, plan, key, argoCd ? bootstrap.withArgoCd() : named.isPresent() ? bootstrap.withFluxInGit() : bootstrap);
        Set<String> created = plan.steps().stream()
                .filter(s -> s.verb() == ProvisioningPlan.Verb.CREATE && s.kind() == ResourceKind.SERVER)
                .map(ProvisioningPlan.Step::name).collect(Collectors.toSet());
        new ClusterJoin(client, shells.apply(cluster, options), sleeper, out, token).join(desired, created);
        out.accept("Cluster " + cluster.name() + " provisioned (" + client.requestCount() + " API requests): the first"
                + " control-plane node is up and installs " + (argoCd ? "Argo CD" : "Flux") + ", and every node has joined."
                + " The kubeconfig: scp root@<its public address>:" + CloudInit.PUBLIC_KUBECONFIG + " ./kubeconfig");
    }

    public void destroy(Cluster cluster, Options options) {
        Token token = options.token().orElseThrow(() -> ConfigurationException.ofEnvironment(
                "destroying needs a Hetzner API token: set " + Token.ENV + " (or the server 'hcloud' in Maven settings)"));
        HcloudClient client = clients.apply(token);
        Provisioner provisioner = new Provisioner(client, out);
        List<ExistingResource> ours = provisioner.existing(cluster.name().value());
        out.accept("Destroying cluster " + cluster.name() + " deletes " + ours.size() + " resource(s) labelled "
                + Labels.selector(cluster.name().value()) + ", and nothing else:");
        ResourceKind.DELETE_ORDER.forEach(kind -> ours.stream().filter(r -> r.kind() == kind)
                .forEach(r -> out.accept("  delete " + kind.label() + " " + r.name())));
        if (!options.confirm()) {
            out.accept("Dry run: nothing was changed. Confirm to destroy.");
            return;
        }
        int deleted = provisioner.destroy(cluster.name().value());
        out.accept(deleted + " resource(s) deleted (" + client.requestCount() + " API requests).");
    }
}
