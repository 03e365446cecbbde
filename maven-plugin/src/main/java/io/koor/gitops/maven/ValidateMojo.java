package io.koor.gitops.maven;

import io.koor.gitops.validator.RuleSelection;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.report.ReportFormat;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Validates any GitOps tree, generated or hand-written, for pull-request CI. Works in any
 * directory, with or without a pom: {@code mvn io.koor.gitops:gitops-maven-plugin:validate -Dgitops.directory=DIR}.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class ValidateMojo extends AbstractGitOpsMojo {

    /** The tree to validate. */
    @Parameter(property = "gitops.directory", defaultValue = "${basedir}")
    File directory;

    /** Schema locations in kubeconform's template syntax, tried in order; comma-separated on the command line. */
    @Parameter(property = "gitops.schemaLocations")
    List<String> schemaLocations = new ArrayList<>();

    /** The Kubernetes release (X.Y.Z) whose core schemas and served APIs objects are judged by; the toolkit's default when unset. */
    @Parameter(property = "gitops.kubernetesVersion")
    String kubernetesVersion;

    /** Unknown fields are errors. */
    @Parameter(property = "gitops.strict", defaultValue = "true")
    boolean strict;

    @Parameter(property = "gitops.missingSchemas", defaultValue = "skip")
    String missingSchemas;

    /** text, json, junit or sarif. */
    @Parameter(property = "gitops.format", defaultValue = "text")
    String format;

    /** Write the report here instead of the build log. */
    @Parameter(property = "gitops.output")
    File output;

    /** The lowest severity that fails the build: error, warning or note. */
    @Parameter(property = "gitops.failOn", defaultValue = "error")
    String failOn;

    /** Build every kustomization with kubectl and check what it builds. */
    @Parameter(property = "gitops.kustomizeBuild", defaultValue = "false")
    boolean kustomizeBuild;

    /** Also run kubeconform when it is on PATH. */
    @Parameter(property = "gitops.kubeconform", defaultValue = "false")
    boolean kubeconform;

    /** A missing kubeconform is an error. */
    @Parameter(property = "gitops.requireKubeconform", defaultValue = "false")
    boolean requireKubeconform;

    /** Also run yamllint, with the directory's own .yamllint, when it is on PATH. */
    @Parameter(property = "gitops.yamllint", defaultValue = "false")
    boolean yamllint;

    /** Globs of paths (relative to the directory) not to read; comma-separated on the command line. */
    @Parameter(property = "gitops.excludes")
    List<String> excludes = new ArrayList<>();

    /** Where downloaded schemas are kept; the default is ~/.cache/demo-gitops/schemas. */
    @Parameter(property = "gitops.schemaCache")
    File schemaCache;

    /** Never download: remote schema locations are read from the cache only. Maven's -o sets it too. */
    @Parameter(property = "gitops.offline", defaultValue = "${settings.offline}")
    boolean offline;

    /** Rule ids to run even with schemaOnly; comma-separated on the command line ({@code ./gitops rules} lists them). */
    @Parameter(property = "gitops.enable")
    List<String> enable = new ArrayList<>();

    /** Check ids not to run or report; comma-separated on the command line. */
    @Parameter(property = "gitops.disable")
    List<String> disable = new ArrayList<>();

    /** Only the YAML and schema checks (CEL included): no semantic rule unless enabled. */
    @Parameter(property = "gitops.schemaOnly", defaultValue = "false")
    boolean schemaOnly;

    @Override
    void run() throws IOException, MojoFailureException {
        ReportFormat reportFormat = ReportFormat.parse(format);
        Severity failOnSeverity = Severity.parseFailOn(failOn);
        ValidationOptions.Builder options = ValidationOptions.builder().schemaLocations(schemaLocations).strict(strict)
                .missingSchemas(missingSchemas).kustomizeBuild(kustomizeBuild).yamllint(yamllint).excludes(excludes)
                .schemaCache(schemaCache == null ? null : schemaCache.toPath()).offline(offline)
                .kubeconform(ValidationOptions.Kubeconform.of(kubeconform, requireKubeconform))
                .rules(RuleSelection.of(enable, disable, schemaOnly));
        if (kubernetesVersion != null) {
            options.kubernetesVersion(kubernetesVersion);
        }
        ValidationReport report = new ValidationService().validate(directory.toPath().toAbsolutePath().normalize(),
                options.build());
        if (output != null) {
            reportFormat.write(report, output.toPath());
            getLog().info("gitops: report written to " + output);
        } else if (reportFormat == ReportFormat.TEXT) {
            reportFormat.render(report).lines().forEach(line -> getLog().info(line));
        } else {
            System.out.print(reportFormat.render(report)); // machine formats stay whole, without log prefixes
        }
        if (report.fails(failOnSeverity)) {
            throw new MojoFailureException("gitops: " + directory + " has findings at or above " + failOn + ": "
                    + report.summary());
        }
        getLog().info("gitops: " + report.summary());
    }

    @Override
    String describe() {
        return String.valueOf(directory);
    }
}
