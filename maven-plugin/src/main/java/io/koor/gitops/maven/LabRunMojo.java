package io.koor.gitops.maven;

import io.koor.gitops.lab.LabRun;
import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The definition's bots and benchmarks, with the scripts the cluster runs, against the running lab; one
 * result file (gitops.koor.io/benchmark-result/v1) per benchmark. The same as {@code ./gitops lab run}.
 */
@Mojo(name = "lab-run", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class LabRunMojo extends AbstractLabMojo {
    /** How long each runs: {@code 90s}, {@code 5m}, {@code 1h}. */
    @Parameter(property = "gitops.duration", defaultValue = "60s")
    String duration;

    /** Only these, comma-separated, of churn, fio-rbd, rados-bench, wrk, pgbench; empty: all. */
    @Parameter(property = "gitops.only")
    String only;

    /** Where the result files go. */
    @Parameter(property = "gitops.results", defaultValue = "${project.build.directory}/lab-results")
    File results;

    @Override
    void run(LabService service, GitOpsSystem system, LabService.Request request) {
        service.run(system, request, LabRun.Options.parse(duration, only, results.toPath()));
    }
}
