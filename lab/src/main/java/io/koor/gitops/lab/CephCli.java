package io.koor.gitops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Ceph's command-line tools against the lab's ceph.conf, as client.admin. */
final class CephCli {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;

    CephCli(Path dir) {
        this.dir = dir;
    }

    Path conf() {
        return dir.resolve("ceph.conf");
    }

    /** A tool with {@code -c ceph.conf} and the arguments; fails with its error output when it fails. */
    String run(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(program, "-c", conf().toString()));
        command.addAll(List.of(args));
        return Command.run(command, dir, TIMEOUT).orFail().stdout();
    }

    /** {@code ceph ARGS --format json}, parsed. */
    JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json"));
        String out = run("ceph", all.toArray(String[]::new));
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new LabException("ceph " + String.join(" ", args) + " printed no JSON: " + out.strip());
        }
    }

    /**
     * Many mon commands in one {@code ceph} process (it reads commands from standard input when it
     * gets none as arguments): a Python start-up per command would cost more than the commands.
     * Each output line of an error is kept, for Ceph then goes on with the next command.
     */
    void batch(List<String> commands) {
        if (commands.isEmpty()) {
            return;
        }
        Command.Result result = Command.run(List.of("ceph", "-c", conf().toString()), dir, TIMEOUT,
                String.join("\n", commands) + "\n");
        List<String> errors = result.stderr().lines().filter(l -> l.startsWith("Error")).toList();
        if (result.exitCode() != 0 || !errors.isEmpty()) {
            throw new LabException("ceph refused a command of the lab's set-up: " + String.join("; ", errors.isEmpty()
                    ? List.of(result.stderr().strip()) : errors) + "\ncommands were:\n" + String.join("\n", commands));
        }
    }
}
