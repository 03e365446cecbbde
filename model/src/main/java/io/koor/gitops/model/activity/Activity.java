package io.koor.gitops.model.activity;

import io.koor.gitops.model.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What makes the system move: bots that run by themselves on spare capacity (at a PriorityClass below
 * every application, never preempting, preempted first) and load benchmarks started on demand.
 * Where each refers to a bucket claim or a database, {@code Cluster} checks that it exists.
 *
 * @param pushgateway where benchmarks push their summary ({@code http://host:9091}); empty: results bucket only
 */
public record Activity(Optional<ChurnBot> churn, Optional<DatabaseBot> database, Optional<VisitorBot> visitor,
                       List<Benchmark> benchmarks, Optional<String> pushgateway) {
    /**
     * The aws CLI v2 image (aws/aws-cli docker/Dockerfile at 2.32.0: Amazon Linux 2023 with bash, coreutils,
     * findutils and jq), which runs the churn bot and publishes benchmark results.
     */
    public static final String AWS_CLI_IMAGE = "amazon/aws-cli:2.32.0";
    /** curl's own image, for the visitor bot. */
    public static final String CURL_IMAGE = io.koor.gitops.model.presets.Versions.CURL_IMAGE;
    /** kubestr's image (kastenhq/kubestr v0.4.49 Dockerfile: alpine 3.19 with apk's fio), for fio. */
    public static final String FIO_IMAGE = "ghcr.io/kastenhq/kubestr:v0.4.49";
    /**
     * wrk's image from openEuler (hub.docker.com/r/openeuler/wrk: tag 4.2.0-oe2403sp4 is wrk 4.2.0 on openEuler
     * 24.03-LTS-SP4, amd64 and arm64; a full userland with sh), for the HTTP benchmark.
     */
    public static final String WRK_IMAGE = "openeuler/wrk:4.2.0-oe2403sp4";
    /** The PriorityClass of the bots: below every application, never preempting, preempted first. */
    public static final String BACKGROUND_PRIORITY_CLASS = "activity-background";

    public Activity {
        Objects.requireNonNull(churn, "churn");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(pushgateway, "pushgateway");
        benchmarks = List.copyOf(benchmarks);
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        benchmarks.forEach(b -> problems.require(names.add(b.namespace() + "/" + b.name()), "benchmarks[" + b.name() + "]",
                "two benchmarks are named " + b.name() + " in namespace " + b.namespace() + "; rename one"));
        pushgateway.ifPresent(url -> problems.require(url.matches("https?://[a-z0-9.-]+(:[0-9]+)?"), "pushgateway",
                "pushgateway='" + url + "': give the Pushgateway's base URL, e.g. 'http://prometheus-pushgateway.monitoring.svc:9091'"));
        problems.throwIfAny();
    }

    public static Activity none() {
        return new Activity(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    public Activity churn(ChurnBot bot) {
        return new Activity(Optional.of(bot), database, visitor, benchmarks, pushgateway);
    }

    public Activity database(DatabaseBot bot) {
        return new Activity(churn, Optional.of(bot), visitor, benchmarks, pushgateway);
    }

    public Activity visitor(VisitorBot bot) {
        return new Activity(churn, database, Optional.of(bot), benchmarks, pushgateway);
    }

    public Activity benchmark(Benchmark benchmark) {
        List<Benchmark> more = new ArrayList<>(benchmarks);
        more.add(benchmark);
        return Problems.at("", () -> new Activity(churn, database, visitor, more, pushgateway));
    }

    public Activity pushgateway(String url) {
        return Problems.at("", () -> new Activity(churn, database, visitor, benchmarks, Optional.of(url)));
    }

    /** Whether any bot runs (and so the background PriorityClass is needed). */
    public boolean hasBots() {
        return churn.isPresent() || database.isPresent() || visitor.isPresent();
    }

    public boolean isEmpty() {
        return !hasBots() && benchmarks.isEmpty();
    }
}
