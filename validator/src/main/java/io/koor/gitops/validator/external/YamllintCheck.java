package io.koor.gitops.validator.external;

import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.LoadedTree;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yamllint, when installed, on every YAML file the validator reads, run from the tree's root so that
 * the repository's own {@code .yamllint} applies; its findings join the report with their lines.
 */
public final class YamllintCheck implements ExternalCheck {
    public static final RuleDescriptor YAMLLINT = new RuleDescriptor("yamllint", Severity.WARNING, RuleDescriptor.Scope.TOOL,
            "yamllint reports the line (its rule in parentheses), with the repository's .yamllint.",
            "fix the line as yamllint says, or adjust the repository's .yamllint");
    /** {@code file:line:column: [level] message (rule)}, yamllint's parsable format. */
    private static final Pattern LINE = Pattern.compile("^(.+?):(\\d+):(\\d+): \\[(error|warning)] (.*)$");

    @Override
    public String name() {
        return "yamllint";
    }

    @Override
    public Outcome run(LoadedTree tree) {
        if (ProcessRunner.which("yamllint").isEmpty()) {
            return new Outcome(List.of(), List.of("skipped: yamllint not found on PATH"));
        }
        if (tree.yamlFiles().isEmpty()) {
            return new Outcome(List.of(), List.of());
        }
        List<String> command = new ArrayList<>(List.of("yamllint", "--format", "parsable"));
        command.addAll(tree.yamlFiles());
        try {
            ProcessRunner.Result result = ProcessRunner.run(command, tree.root(), Duration.ofMinutes(5));
            List<Violation> found = parse(result.stdout());
            if (result.exitCode() != 0 && found.isEmpty()) {
                // no findings but a failure: a broken configuration, say; yamllint says what on stderr
                String reason = result.stderr().isBlank() ? "exit status " + result.exitCode()
                        : result.stderr().strip().lines().reduce((a, b) -> b).orElse("");
                return new Outcome(List.of(YAMLLINT.violation(Severity.ERROR, "(tree)", "", 0, "",
                        "yamllint could not run: " + reason, "check the repository's .yamllint")), List.of());
            }
            return new Outcome(found, List.of());
        } catch (IOException e) {
            return new Outcome(List.of(YAMLLINT.violation(Severity.ERROR, "(tree)", "", 0, "",
                    "yamllint could not run: " + e.getMessage(), "check the yamllint installation")), List.of());
        }
    }

    /** Reads yamllint's parsable output; lines it does not recognise are ignored. */
    static List<Violation> parse(String output) {
        List<Violation> out = new ArrayList<>();
        for (String line : output.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String file = m.group(1).replaceFirst("^\\./", "");
                out.add(YAMLLINT.violation(m.group(4).equals("error") ? Severity.ERROR : Severity.WARNING, file, file,
                        Integer.parseInt(m.group(2)), "", m.group(5) + " at column " + m.group(3),
                        "fix the line, or tune the rule in the repository's .yamllint"));
            }
        }
        return out;
    }
}
