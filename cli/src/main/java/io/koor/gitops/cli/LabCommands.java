package io.koor.gitops.cli;

import io.koor.gitops.lab.LabService;
import io.koor.gitops.model.GitOpsSystem;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./gitops lab up|status|down}: a real Ceph on this machine, through the same service as the lab goals. */
@Command(name = "lab", mixinStandardHelpOptions = true, description = "Rehearse a cluster's Ceph on this machine:"
        + " real daemons as plain processes on 127.0.0.1, shaped like the definition.",
        subcommands = {LabCommands.Up.class, LabCommands.Status.class, LabCommands.Run.class, LabCommands.Down.class})
final class LabCommands implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "give up, status, run or down");
    }

    /** What the three share: the definition, the cluster, the lab's directory. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DefinitionOptions definition = new DefinitionOptions();

        @Mixin
        ClusterOption cluster = new ClusterOption();

        @Option(names = "--lab-dir", paramLabel = "DIR", description = "the lab's directory: data, logs, PIDs,"
                + " connection.json (default: <tmp>/gitops-lab/<cluster>)")
        Path labDir;

        @Override
        public Integer call() {
            LabService service = new LabService(line -> {
                spec.commandLine().getOut().println(line);
                spec.commandLine().getOut().flush();
            });
            run(service, definition.load(), new LabService.Request(cluster.name, labDir, bluestore()));
            return 0;
        }

        boolean bluestore() {
            return false;
        }

        abstract void run(LabService service, GitOpsSystem system, LabService.Request request);
    }

    @Command(name = "up", mixinStandardHelpOptions = true, description = "Start the lab: mon, mgr, one OSD per drive"
            + " in one CRUSH host per storage node, then the pools, filesystems, gateways, users and buckets Rook"
            + " would create; waits until every PG is active+clean (at most 60 s) and prints the status.")
    static final class Up extends Base {
        @Option(names = "--bluestore", description = "OSDs on BlueStore in sparse 20 GiB files (default: memstore, in"
                + " memory; erasure-coded RBD and CephFS data need BlueStore)")
        boolean bluestore;

        @Override
        boolean bluestore() {
            return bluestore;
        }

        @Override
        void run(LabService service, GitOpsSystem system, LabService.Request request) {
            service.up(system, request);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Health, OSDs, pools and PG states of"
            + " the running lab.")
    static final class Status extends Base {
        @Override
        void run(LabService service, GitOpsSystem system, LabService.Request request) {
            service.status(system, request);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the definition's bots and benchmarks,"
            + " with the scripts the cluster runs, against the running lab: the churn bot again and again for the"
            + " duration, then each benchmark (fio's rbd engine, rados bench, wrk) once for it; writes one result file"
            + " (gitops.koor.io/benchmark-result/v1) per benchmark and prints a summary.")
    static final class Run extends Base {
        @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s", description = "how long each runs:"
                + " 90s, 5m, 1h (default: ${DEFAULT-VALUE})")
        String duration;

        @Option(names = "--only", paramLabel = "NAME[,NAME]", description = "run only these of churn, fio-rbd,"
                + " rados-bench, wrk, pgbench")
        String only;

        @Option(names = "--results", paramLabel = "DIR", defaultValue = "lab-results", description = "where the result"
                + " files go (default: ${DEFAULT-VALUE})")
        Path results;

        @Override
        void run(LabService service, GitOpsSystem system, LabService.Request request) {
            service.run(system, request, io.koor.gitops.lab.LabRun.Options.parse(duration, only, results));
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop every daemon the lab started (by the"
            + " PIDs it recorded) and remove its directory.")
    static final class Down extends Base {
        @Override
        void run(LabService service, GitOpsSystem system, LabService.Request request) {
            service.down(system, request);
        }
    }
}
