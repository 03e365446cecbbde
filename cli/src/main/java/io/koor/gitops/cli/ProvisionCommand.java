package io.koor.gitops.cli;

import io.koor.gitops.hetzner.HcloudException;
import io.koor.gitops.hetzner.Provisioner;
import io.koor.gitops.hetzner.ProvisioningService;
import io.koor.gitops.hetzner.Token;
import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ModelException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code ./gitops plan|provision|destroy}: the same service the Maven goals call. */
final class ProvisionCommand {
    static final String DEFAULT_DEFINITION = "io.koor.demo.KoorDemoSystem";
    private final PrintStream out;
    private final PrintStream err;

    ProvisionCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String verb, String[] args) {
        String definition = DEFAULT_DEFINITION;
        String clusterName = null;
        Path sshKey = Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519.pub");
        String gitUrl = null;
        String branch = "main";
        String owner = System.getProperty("user.name", "unknown").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        boolean confirm = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--definition" -> definition = value(args, ++i);
                    case "--cluster" -> clusterName = value(args, ++i);
                    case "--ssh-key" -> sshKey = Path.of(value(args, ++i));
                    case "--git-url" -> gitUrl = value(args, ++i);
                    case "--branch" -> branch = value(args, ++i);
                    case "--owner" -> owner = value(args, ++i);
                    case "--confirm" -> confirm = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            GitOpsSystem system = load(definition);
            Cluster cluster = system.select(clusterName, "--cluster");
            ProvisioningService service = new ProvisioningService(out::println);
            ProvisioningService.Options options = new ProvisioningService.Options(Token.fromEnvironment(), owner, sshKey,
                    gitUrl, branch, confirm);
            switch (verb) {
                case "plan" -> service.plan(cluster, options);
                case "provision" -> service.provision(system, cluster, options);
                default -> service.destroy(cluster, options);
            }
            return 0;
        } catch (ModelException e) {
            err.println("gitops " + verb + ": the definition is not valid:\n" + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("gitops " + verb + ": " + e.getMessage());
            return 2;
        } catch (HcloudException | Provisioner.ForeignResourceException | IOException | UncheckedIOException e) {
            err.println("gitops " + verb + ": " + e.getMessage());
            return 3;
        }
    }

    private static GitOpsSystem load(String className) {
        try {
            Object definition = Class.forName(className).getDeclaredConstructor().newInstance();
            if (!(definition instanceof GitOpsDefinition d)) {
                throw new IllegalArgumentException(className + " does not implement " + GitOpsDefinition.class.getName());
            }
            return d.system();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot load the definition " + className + " from the class path: " + e);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
