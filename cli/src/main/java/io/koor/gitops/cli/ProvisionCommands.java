package io.koor.gitops.cli;

import io.koor.gitops.hetzner.AdminSources;
import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.hetzner.Token;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gitops plan|provision|destroy}: the same service the Maven goals call. */
final class ProvisionCommands {
    private ProvisionCommands() {
    }

    /** What the three commands share: the definition, the cluster, and provisioning's settings. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DefinitionOptions definition = new DefinitionOptions();

        @Mixin
        ClusterOption cluster = new ClusterOption();

        @Option(names = {"--ssh-public-key", "--ssh-key"}, paramLabel = "FILE", description = "OpenSSH public key put on every server"
                + " (default ~/.ssh/id_ed25519.pub)")
        Path sshKey = Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519.pub");

        @Option(names = "--git-url", paramLabel = "URL", description = "the Git repository the new cluster reconciles from")
        String gitUrl;

        @Option(names = {"--git-branch", "--branch"}, paramLabel = "B", defaultValue = "main", description = "its branch (default ${DEFAULT-VALUE})")
        String branch;

        @Option(names = "--owner", paramLabel = "NAME", description = "the koor.io/owner label (default: your user name)")
        String owner = System.getProperty("user.name", "unknown");

        @Option(names = "--confirm", description = "change the Hetzner project; without it provision and destroy are dry runs")
        boolean confirm;

        @Option(names = "--ssh-sources", paramLabel = "CIDR", split = ",", description = "networks that may SSH to the"
                + " nodes (default anywhere); they must include this machine, which joins the nodes over SSH")
        List<String> sshSources = new ArrayList<>();

        @Option(names = "--api-sources", paramLabel = "CIDR", split = ",", description = "networks that may reach the"
                + " Kubernetes API on 6443 (default anywhere)")
        List<String> apiSources = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            GitOpsSystem system = definition.load();
            ProvisioningService service = new ProvisioningService(line -> {
                spec.commandLine().getOut().println(line);
                spec.commandLine().getOut().flush();
            });
            ProvisioningService.Options options = new ProvisioningService.Options(Token.fromEnvironment(),
                    owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"), sshKey, gitUrl, branch, confirm,
                    AdminSources.of(sshSources, apiSources));
            run(service, system, system.select(cluster.name), options);
            if (!confirm && changesProject()) {
                spec.commandLine().getOut().println("Run again with --confirm to do it.");
                spec.commandLine().getOut().flush();
            }
            return 0;
        }

        abstract void run(ProvisioningService service, GitOpsSystem system, Cluster cluster,
                          ProvisioningService.Options options) throws IOException;

        /** Whether the command changes the project when confirmed (a dry run then says how to confirm). */
        boolean changesProject() {
            return true;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true, description = "What provisioning the cluster's Hetzner"
            + " nodes would create, keep and delete, and the monthly cost. Works offline without HCLOUD_TOKEN.")
    static final class Plan extends Base {
        @Override
        boolean changesProject() {
            return false;
        }

        @Override
        void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options) {
            service.plan(cluster, options);
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true, description = "Create the cluster's servers, volumes,"
            + " network, firewall and placement groups (a dry run without --confirm). Token from HCLOUD_TOKEN.")
    static final class Provision extends Base {
        @Override
        void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options)
                throws IOException {
            service.provision(system, cluster, options);
        }
    }

    @Command(name = "destroy", mixinStandardHelpOptions = true, description = "Delete everything carrying the cluster's"
            + " labels, and nothing else (a dry run without --confirm).")
    static final class Destroy extends Base {
        @Override
        void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options) {
            service.destroy(cluster, options);
        }
    }
}
