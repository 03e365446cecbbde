package io.koor.gitops.maven;

import io.koor.gitops.hetzner.AdminSources;
import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.hetzner.Token;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Goals that act on one cluster's Hetzner project. The token comes from {@code HCLOUD_TOKEN} or
 * the server {@code hcloud} in Maven settings (decrypted), never from the pom, and is never logged.
 */
abstract class AbstractProvisioningMojo extends AbstractDefinitionMojo {

    /** Which cluster of the definition; may be left out when it has only one. */
    @Parameter(property = "gitops.cluster")
    String cluster;

    /** The OpenSSH public key put on every server. */
    @Parameter(property = "gitops.sshPublicKey", defaultValue = "${user.home}/.ssh/id_ed25519.pub")
    File sshPublicKey;

    /** The Git repository Flux on the new cluster reconciles from. */
    @Parameter(property = "gitops.gitUrl")
    String gitUrl;

    @Parameter(property = "gitops.gitBranch", defaultValue = "main")
    String gitBranch;

    /** Goes into the koor.io/owner label of every resource. */
    @Parameter(property = "gitops.owner", defaultValue = "${user.name}")
    String owner;

    /** Networks (CIDR) that may SSH to the nodes; empty means anywhere. They must include this machine. */
    @Parameter(property = "gitops.sshSources")
    List<String> sshSources = new ArrayList<>();

    /** Networks (CIDR) that may reach the Kubernetes API on 6443; empty means anywhere. */
    @Parameter(property = "gitops.apiSources")
    List<String> apiSources = new ArrayList<>();

    /** Change the project; without it provision and destroy are dry runs. */
    @Parameter(property = "gitops.confirm", defaultValue = "false")
    boolean confirm;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter decrypter;

    @Override
    final void run(GitOpsSystem system) throws IOException {
        // The plan and what was done are this goal's output, not log chatter: they print under -q too.
        run(new ProvisioningService(System.out::println), system,
                system.select(cluster), options());
        if (!confirm && changesProject()) {
            System.out.println("Run again with -Dgitops.confirm=true to do it.");
        }
    }

    abstract void run(ProvisioningService service, GitOpsSystem system, Cluster cluster, ProvisioningService.Options options)
            throws IOException;

    /** Whether the goal changes the project when confirmed (a dry run then says how to confirm). */
    boolean changesProject() {
        return true;
    }

    ProvisioningService.Options options() {
        return new ProvisioningService.Options(token(), owner == null || owner.isBlank() ? "unknown" : owner
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"), sshPublicKey.toPath(), gitUrl, gitBranch,
                confirm, AdminSources.of(sshSources, apiSources));
    }

    private Optional<Token> token() {
        Optional<Token> fromEnv = Token.fromEnvironment();
        if (fromEnv.isPresent() || settings == null) {
            return fromEnv;
        }
        Server server = settings.getServer("hcloud");
        if (server == null || server.getPassword() == null) {
            return Optional.empty();
        }
        Server decrypted = decrypter == null ? server
                : decrypter.decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
        return Optional.of(Token.of(decrypted.getPassword()));
    }
}
