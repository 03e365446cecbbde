package io.koor.gitops.cli;

import io.koor.gitops.generator.report.ReportFormat;
import io.koor.gitops.generator.schema.SchemaValidator;
import io.koor.gitops.generator.schema.Severity;
import io.koor.gitops.generator.validate.ValidationReport;
import io.koor.gitops.generator.validate.ValidationService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code ./gitops validate DIR ...}: parses the options into the service's, runs it, writes the report. */
final class ValidateCommand {
    private final PrintStream out;
    private final PrintStream err;

    ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Path dir = null;
        ReportFormat format = ReportFormat.TEXT;
        Path output = null;
        List<String> locations = new ArrayList<>();
        String kubernetesVersion = "1.32.0";
        boolean strict = true;
        SchemaValidator.MissingSchemaPolicy missing = SchemaValidator.MissingSchemaPolicy.SKIP;
        Severity failOn = Severity.ERROR;
        boolean kustomize = false;
        boolean kubeconform = false;
        boolean requireKubeconform = false;
        boolean yamllint = false;
        List<String> excludes = new ArrayList<>();
        boolean offline = false;
        Path cache = io.koor.gitops.generator.schema.SchemaDownloads.defaultCache();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--format" -> format = ReportFormat.parse(value(args, ++i, a));
                    case "--output" -> output = Path.of(value(args, ++i, a));
                    case "--schema-location" -> locations.add(value(args, ++i, a));
                    case "--kubernetes-version" -> kubernetesVersion = value(args, ++i, a).replaceFirst("^v", "");
                    case "--strict" -> strict = true;
                    case "--no-strict" -> strict = false;
                    case "--missing-schemas" -> missing = SchemaValidator.MissingSchemaPolicy.valueOf(
                            choice(value(args, ++i, a), a, "skip", "fail").toUpperCase(Locale.ROOT));
                    case "--fail-on" -> failOn = Severity.valueOf(
                            choice(value(args, ++i, a), a, "error", "warning", "note").toUpperCase(Locale.ROOT));
                    case "--kustomize-build" -> kustomize = true;
                    case "--kubeconform" -> kubeconform = true;
                    case "--require-kubeconform" -> requireKubeconform = true;
                    case "--yamllint" -> yamllint = true;
                    case "--exclude" -> excludes.add(value(args, ++i, a));
                    case "--offline" -> offline = true;
                    case "--schema-cache" -> cache = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (dir != null) {
                            throw new IllegalArgumentException("one directory only, got " + dir + " and " + a);
                        }
                        dir = Path.of(a);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("give the directory to validate, e.g. ./gitops validate .");
            }
            if (!kubernetesVersion.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalArgumentException("--kubernetes-version " + kubernetesVersion + ": write X.Y.Z, e.g. 1.32.0");
            }
            ValidationService.Options options = new ValidationService.Options(locations, kubernetesVersion, strict, missing,
                    kustomize, kubeconform, requireKubeconform, excludes, cache, offline, yamllint);
            ValidationReport report = new ValidationService().validate(dir, options);
            String text = format.render(report);
            if (output == null) {
                out.print(text);
            } else {
                Files.writeString(output, text, StandardCharsets.UTF_8);
                err.println(report.summary());
            }
            return report.fails(failOn) ? 1 : 0;
        } catch (IllegalArgumentException e) {
            err.println("gitops validate: " + e.getMessage());
            err.println("run ./gitops --help for the options");
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("gitops validate: could not validate: " + e.getMessage());
            return 3;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String choice(String value, String option, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException(option + " " + value + ": use one of " + String.join(", ", allowed));
    }
}
