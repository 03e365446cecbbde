package io.koor.gitops.cli;

import io.koor.gitops.validator.RuleSelection;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.load.TreeSource;
import io.koor.gitops.validator.report.ReportFormat;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./gitops validate DIR ...}: maps its options onto {@link ValidationOptions}, runs the service, writes the report. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Validate a GitOps tree (generated or hand-written): YAML, schemas and CEL, the semantic rules,"
                + " and the external tools asked for.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "the repository root (Flux Kustomization paths are relative to it),"
            + " one YAML file, or - for standard input")
    String path;

    @Option(names = "--format", paramLabel = "text|json|junit|sarif", defaultValue = "text", description = "report format (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--schema-location", paramLabel = "L", description = {"kubeconform-style schema location: a directory,"
            + " an http(s) template, or 'default'; repeat for several, tried in order"})
    List<String> schemaLocations = new ArrayList<>();

    @Option(names = "--kubernetes-version", paramLabel = "X.Y.Z", description = "Kubernetes release of the core schemas"
            + " and served APIs (default ${DEFAULT-VALUE})")
    String kubernetesVersion = ValidationOptions.DEFAULT_KUBERNETES_VERSION;

    @Option(names = "--strict", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "unknown fields are errors (default strict; --no-strict allows them)")
    boolean strict;

    @Option(names = "--missing-schemas", paramLabel = "skip|fail", defaultValue = "skip", description = "a kind without"
            + " schema is a note or an error (default ${DEFAULT-VALUE})")
    String missingSchemas;

    @Option(names = "--fail-on", paramLabel = "error|warning|note", defaultValue = "error",
            description = "lowest severity that fails (default ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--kustomize-build", description = "build every kustomization with kubectl and check the result")
    boolean kustomizeBuild;

    @Option(names = "--kubeconform", description = "also run kubeconform when it is on PATH")
    boolean kubeconform;

    @Option(names = "--require-kubeconform", description = "like --kubeconform, and a missing kubeconform is an error")
    boolean requireKubeconform;

    @Option(names = "--yamllint", description = "also run yamllint (with DIR's .yamllint) when it is on PATH")
    boolean yamllint;

    @Option(names = "--exclude", paramLabel = "GLOB", description = "do not read paths matching GLOB (relative to DIR); repeatable")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--schema-cache", paramLabel = "DIR", description = "where downloaded schemas are kept"
            + " (default ~/.cache/demo-gitops/schemas)")
    Path schemaCache;

    @Option(names = "--offline", description = "never download: remote locations are read from the cache only")
    boolean offline;

    @Option(names = "--enable", paramLabel = "RULE", description = "run this rule even with --schema-only; repeatable"
            + " (./gitops rules lists the ids)")
    List<String> enable = new ArrayList<>();

    @Option(names = "--disable", paramLabel = "RULE", description = "do not run or report this check; repeatable")
    List<String> disable = new ArrayList<>();

    @Option(names = "--schema-only", description = "only the YAML and schema checks (CEL included), no semantic rules"
            + " unless --enable names them")
    boolean schemaOnly;

    /** A directory as it is; one file, or standard input, as a tree of that file alone. */
    private TreeSource source() throws IOException {
        if (path.equals("-")) {
            String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            return TreeSource.inMemory(Path.of("").toAbsolutePath(), new TreeMap<>(Map.of("stdin.yaml", text)));
        }
        Path given = Path.of(path);
        if (Files.isRegularFile(given)) {
            Path file = given.toAbsolutePath().normalize();
            try {
                return TreeSource.inMemory(file.getParent(), new TreeMap<>(Map.of(file.getFileName().toString(),
                        Files.readString(file, StandardCharsets.UTF_8))));
            } catch (CharacterCodingException e) {
                throw new IOException(path + " is not UTF-8 text", e);
            }
        }
        if (!Files.isDirectory(given)) {
            throw new NoSuchFileException(path + " is not a directory or a file");
        }
        return TreeSource.directory(given);
    }

    @Override
    public Integer call() throws IOException {
        ReportFormat reportFormat = ReportFormat.parse(format);
        Severity failOnSeverity = Severity.parseFailOn(failOn);
        ValidationOptions.Builder options = ValidationOptions.builder().schemaLocations(schemaLocations).strict(strict)
                .missingSchemas(missingSchemas).kustomizeBuild(kustomizeBuild).yamllint(yamllint).excludes(excludes)
                .schemaCache(schemaCache).offline(offline)
                .kubeconform(ValidationOptions.Kubeconform.of(kubeconform, requireKubeconform))
                .kubernetesVersion(kubernetesVersion).rules(RuleSelection.of(enable, disable, schemaOnly));
        ValidationReport report = new ValidationService().validate(source(), options.build());
        if (output == null) {
            spec.commandLine().getOut().print(reportFormat.render(report));
            spec.commandLine().getOut().flush();
        } else {
            reportFormat.write(report, output);
            spec.commandLine().getErr().println(report.summary());
        }
        return report.fails(failOnSeverity) ? CliFailures.FINDINGS : 0;
    }
}
