package io.koor.gitops.cli;

import java.io.PrintStream;

/** {@code ./gitops COMMAND ...}: dispatches to a command; exit status 0 ok, 1 findings, 2 usage, 3 could not run. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (java.util.Arrays.asList(rest).contains("--help") || java.util.Arrays.asList(rest).contains("-h")) {
            out.print(USAGE); // one page covers every command: asking for it is never an error
            return 0;
        }
        return switch (args[0]) {
            case "validate" -> new ValidateCommand(out, err).run(rest);
            case "corpus" -> new CorpusCommand(out, err).run(rest);
            case "plan", "provision", "destroy" -> new ProvisionCommand(out, err).run(args[0], rest);
            case "rules" -> {
                io.koor.gitops.generator.validate.rules.RuleSet.all().forEach(r -> out.printf("%-34s %-8s %s%n", r.id(),
                        r.severity().name().toLowerCase(java.util.Locale.ROOT), r.doc()));
                yield 0;
            }
            default -> {
                err.println("gitops: unknown command '" + args[0] + "'");
                err.print(USAGE);
                yield 2;
            }
        };
    }

    static final String USAGE = """
            usage: ./gitops validate DIR [options]
                   ./gitops rules                   (every semantic rule: id, severity, what it checks)
                   ./gitops plan|provision|destroy [--cluster NAME] [--confirm] [--definition CLASS]
                            [--ssh-key FILE] [--git-url URL] [--branch B] [--owner NAME]
                            (Hetzner nodes for a cluster of the definition, the repository's demo system by default;
                             token from HCLOUD_TOKEN; provision and destroy are dry runs without --confirm)
                   ./gitops corpus OUT --manifests N --per-file K [--error-rate R] [--seed S]   (benchmark corpora)
              --format text|json|junit|sarif   report format (default text)
              --output FILE                    write the report to FILE instead of standard output
              --schema-location L              kubeconform-style schema location (directory, http(s) template, or
                                               'default'); repeat for several, tried in order
              --kubernetes-version V           Kubernetes release of the core schemas (default 1.32.0)
              --strict | --no-strict           unknown fields are errors (default strict)
              --missing-schemas skip|fail      a kind without schema is a note or an error (default skip)
              --fail-on error|warning|note     lowest severity that fails (default error)
              --kustomize-build                build every kustomization with kubectl and check the result
              --kubeconform                    also run kubeconform when it is on PATH
              --require-kubeconform            like --kubeconform, and a missing kubeconform is an error
              --yamllint                       also run yamllint (with DIR's .yamllint) when it is on PATH
              --exclude GLOB                   do not read paths matching GLOB (relative to DIR); repeatable
              --schema-cache DIR               where downloaded schemas are kept (default ~/.cache/demo-gitops/schemas)
              --offline                        never download: remote locations are read from the cache only
            """;
}
