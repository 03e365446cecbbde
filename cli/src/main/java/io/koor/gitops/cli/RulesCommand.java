package io.koor.gitops.cli;

import io.koor.gitops.validator.RuleCatalogue;
import io.koor.gitops.validator.finding.RuleDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./gitops rules}: the rule catalogue, every id a report can carry. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List every check a report can name (or the ones given): id, severity, scope, what it finds,"
                + " and the usual fix.")
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "ID", arity = "0..*", description = "rule ids to show (default: all)")
    List<String> ids = new ArrayList<>();

    @Override
    public void run() {
        List<RuleDescriptor> shown = new ArrayList<>();
        for (String id : ids) {
            shown.add(RuleCatalogue.find(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                    "no rule '" + id + "'; ./gitops rules lists them all")));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (RuleDescriptor r : shown.isEmpty() ? RuleCatalogue.all() : shown) {
            out.printf("%-34s %-8s %-6s %s%n", r.id(), r.severity().name().toLowerCase(Locale.ROOT), r.scope().label(),
                    r.doc());
            out.printf("%-50s fix: %s%n", "", r.hint());
        }
        out.flush();
    }
}
