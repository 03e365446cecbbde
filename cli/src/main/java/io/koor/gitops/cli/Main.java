package io.koor.gitops.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./gitops COMMAND ...}: the command-line front end, over the same core as the Maven goals.
 * Exit status: 0 ok, 1 findings at the fail-on level, 2 bad usage or settings, 3 could not run.
 */
@Command(name = "gitops", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Validate GitOps trees, provision the Hetzner nodes of a typed Kubernetes + Rook Ceph definition,"
                + " rehearse its Ceph on this machine, and report on benchmark results.",
        footer = {"", "Exit status: 0 ok, 1 findings at the fail-on level (report: files skipped), 2 bad usage, 3 could not run.",
                "./gitops COMMAND --help shows a command's options."})
public final class Main implements Runnable {
    /** The commands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(ValidateCommand.class, RulesCommand.class,
            ProvisionCommands.Plan.class, ProvisionCommands.Provision.class, ProvisionCommands.Destroy.class,
            LabCommands.class, ReportCommand.class, CorpusCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        // picocli builds a command's model by reflecting over every option, and old bytecode keeps its own
        // classes out of the class-data archive: a run builds only the command it runs (30 ms of a 150 ms
        // start), while help, a bare ./gitops and a mistyped command get all of them, and say so.
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = COMMANDS.stream().filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? COMMANDS : named).forEach(cli::addSubcommand);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println(at.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, at.getErr()); // "Did you mean: ...", if close
            at.getErr().println("run " + at.getCommandSpec().qualifiedName() + " --help for the options");
            return CliFailures.USAGE;
        });
        cli.setExecutionExceptionHandler((e, at, parsed) -> CliFailures.report(e, at));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler; the parsed tree is garbage once this unwinds
            return CliFailures.outOfMemory(cli.getErr());
        }
    }

    /** Without a command: the usage, and the usage error status. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command");
    }

    /** The version the build wrote into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gitops " + (version == null ? "(development build)" : version)};
        }
    }
}
