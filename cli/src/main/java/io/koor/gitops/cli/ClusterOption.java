package io.koor.gitops.cli;

import picocli.CommandLine.Option;

/** {@code --cluster}: which cluster of the definition a command acts on, for every command that acts on one. */
final class ClusterOption {
    @Option(names = "--cluster", paramLabel = "NAME", description = "which cluster of the definition (may be left out"
            + " when it has one)")
    String name;
}
