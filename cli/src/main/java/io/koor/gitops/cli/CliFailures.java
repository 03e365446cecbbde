package io.koor.gitops.cli;

import io.koor.gitops.hetzner.HcloudException;
import io.koor.gitops.hetzner.Provisioner;
import io.koor.gitops.lab.LabException;
import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.ModelException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The one place the core's exceptions become exit statuses and messages for the command line:
 * what the user must change is 2 (usage), what could not run is 3. Settings are spelt as options.
 */
final class CliFailures {
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int COULD_NOT_RUN = 3;

    private static final java.util.Map<String, String> REPEATED = java.util.Map.of("schemaLocations", "schemaLocation",
            "excludes", "exclude");

    /**
     * {@code kubernetesVersion} is written {@code --kubernetes-version}; a list setting is a repeatable option of
     * one value ({@code schemaLocations}, {@code --schema-location}).
     */
    static final ConfigurationException.Spelling SPELLING = (setting, value) -> "--"
            + REPEATED.getOrDefault(setting, setting).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
            + " " + value;

    private CliFailures() {
    }

    /** Not findings (1): the input needed more heap than the JVM had. */
    static int outOfMemory(PrintWriter err) {
        err.println("gitops: out of memory: the input needs more than the " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB of Java heap this run had; run again with a larger heap, e.g. GITOPS_HEAP=4g ./gitops ...");
        err.flush();
        return COULD_NOT_RUN;
    }

    static int report(Exception e, CommandLine at) {
        PrintWriter err = at.getErr();
        String prefix = at.getCommandSpec().qualifiedName() + ": "; // "gitops lab up: ", not "gitops up: "
        if (e instanceof ModelException) {
            err.println(prefix + "the definition is not valid:\n" + e.getMessage());
            return USAGE;
        }
        if (e instanceof ConfigurationException config) {
            err.println(prefix + config.message(SPELLING));
            err.println("run " + at.getCommandSpec().qualifiedName() + " --help for the options");
            return USAGE;
        }
        if (e instanceof IllegalArgumentException) {
            err.println(prefix + e.getMessage()); // a value the core refused
            return USAGE;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof HcloudException
                || e instanceof Provisioner.ForeignResourceException || e instanceof LabException) {
            err.println(prefix + "could not run: " + e.getMessage());
            return COULD_NOT_RUN;
        }
        err.println(prefix + "internal error, please report it with the command that caused it: " + e);
        return COULD_NOT_RUN;
    }
}
