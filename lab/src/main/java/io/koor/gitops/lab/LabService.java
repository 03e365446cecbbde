package io.koor.gitops.lab;

import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.cluster.Cluster;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The lab's one entry for the front ends ({@code ./gitops lab up|status|run|down} and the goals
 * {@code lab-up}, {@code lab-status}, {@code lab-run}, {@code lab-down}): which cluster, which directory, then one
 * call to {@link Lab}. Each front end only maps its options into {@link Request}.
 */
public final class LabService {
    /**
     * @param cluster   the cluster of the definition (may be null when it has one)
     * @param directory the lab's directory, or null for {@link Lab#defaultDirectory}
     */
    public record Request(String cluster, Path directory, boolean bluestore) {
        Path directoryFor(Cluster selected) {
            return directory != null ? directory : Lab.defaultDirectory(selected.name().value());
        }
    }

    private final Consumer<String> events;
    private final Lab lab;

    public LabService(Consumer<String> events) {
        this.events = events;
        this.lab = new Lab(events);
    }

    public LabStatus up(GitOpsSystem system, Request request) {
        Cluster cluster = system.select(request.cluster());
        Path dir = request.directoryFor(cluster);
        LabStatus status = lab.up(LabShape.of(cluster), Lab.Options.in(dir).bluestore(request.bluestore()));
        status.lines().forEach(events);
        LabConnection connection = LabConnection.read(dir);
        events.accept("ceph: ceph -c " + connection.cephConf() + " status");
        connection.objectStores().forEach((name, store) -> events.accept("S3 " + name + ": " + store.endpoint()
                + " (buckets " + String.join(", ", store.buckets().keySet()) + "; keys in " + dir.resolve(LabConnection.FILE)
                + ")"));
        return status;
    }

    public LabStatus status(GitOpsSystem system, Request request) {
        LabStatus status = lab.status(request.directoryFor(system.select(request.cluster())));
        status.lines().forEach(events);
        return status;
    }

    /** The definition's bots and benchmarks against the running lab ({@code ./gitops lab run}, goal {@code lab-run}). */
    public LabRun.Outcome run(GitOpsSystem system, Request request, LabRun.Options options) {
        Cluster cluster = system.select(request.cluster());
        LabConnection connection = LabConnection.read(request.directoryFor(cluster));
        return new LabRun(events).run(cluster, connection, options);
    }

    public List<String> down(GitOpsSystem system, Request request) {
        return lab.down(request.directoryFor(system.select(request.cluster())));
    }
}
