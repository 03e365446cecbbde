package io.koor.gitops.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One lab per test run, for every test class that needs it: started by the first, stopped when
 * JUnit closes its root store at the end of the run (a lab costs seconds; start it once). Skipped,
 * with the reason printed, when Ceph's daemons are not installed.
 */
final class SharedLab implements ExtensionContext.Store.CloseableResource {
    /** Hands the shared lab to a test method's or constructor's {@code SharedLab} parameter: {@code @ExtendWith(SharedLab.Resolver.class)}. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedLab.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get(context);
        }
    }

    /**
     * 3 storage nodes of 2 drives: a 3-copy block pool, an object store with 2+1 erasure-coded data, a
     * claim, a user, and a database backed up to a second claim.
     */
    static Cluster cluster() {
        return Patterns.minimalProduction("labtest")
                .storageNodes(3, "cx43", 2, 50)
                .rook(rook -> rook.mons(3).blockPool(BlockPool.erasureCoded("ecblock", 2, 1))
                        .objectStore(ObjectStore.named("objects").dataPool(PoolSpec.erasureCoded(2, 1)).gateways(1)
                                .bucket("app", "uploads").bucket("app", "db-backups").user("bot", "Activity bot")))
                .apps(apps -> apps.postgres(PostgresCluster.named("shop", "app", "ceph-block")
                        .backup(BarmanBackup.toBucket("db-backups"))))
                .build();
    }

    final Lab lab = new Lab(line -> System.err.println("lab: " + line));
    final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gitops-lab-test-" + ProcessHandle.current().pid());
    final LabShape shape = LabShape.of(cluster());
    final LabStatus started;
    final LabConnection connection;
    List<LabProcesses.Daemon> daemons;

    private SharedLab() {
        started = lab.up(shape, Lab.Options.in(dir));
        connection = LabConnection.read(dir);
        daemons = new LabProcesses(dir).recorded();
    }

    static SharedLab get(ExtensionContext context) {
        List<String> missing = Lab.missingPrograms();
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: the lab needs " + String.join(", ", missing)
                    + " (Debian: ./setup-machine as root installs them); no real Ceph was started";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedLab.class, k -> new SharedLab(), SharedLab.class);
    }

    @Override
    public void close() {
        lab.down(dir);
        List<Long> left = daemons.stream().map(LabProcesses.Daemon::pid)
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        if (!left.isEmpty() || java.nio.file.Files.exists(dir)) {
            throw new AssertionError("lab down left PIDs " + left + " running" + (java.nio.file.Files.exists(dir)
                    ? " and " + dir + " on disk" : ""));
        }
        System.err.println("lab: down left none of the " + daemons.size() + " PIDs running and removed " + dir);
    }
}
