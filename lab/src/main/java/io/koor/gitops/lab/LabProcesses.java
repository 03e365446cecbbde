package io.koor.gitops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemons a lab started, by PID, in {@value #FILE} of its directory: a line is written as soon
 * as a daemon runs, so a crash of {@code up} halfway still leaves every PID to stop. A PID is only
 * signalled while its command line still names the lab's ceph.conf, for PIDs are reused.
 */
final class LabProcesses {
    static final String FILE = "pids";

    /** A daemon of the lab: its Ceph name ({@code osd.3}) and PID. */
    record Daemon(String name, long pid) {
    }

    private final Path dir;

    LabProcesses(Path dir) {
        this.dir = dir;
    }

    synchronized void record(String name, long pid) {
        try {
            Files.writeString(dir.resolve(FILE), name + " " + pid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + name + "'s PID in " + dir.resolve(FILE), e);
        }
    }

    List<Daemon> recorded() {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Daemon> daemons = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split(" ");
                if (parts.length == 2) {
                    daemons.add(new Daemon(parts[0], Long.parseLong(parts[1])));
                }
            }
            return daemons;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The recorded daemons that still run as this lab's. */
    List<Daemon> running() {
        return recorded().stream().filter(d -> ours(d.pid()).isPresent()).toList();
    }

    /**
     * Kills every recorded daemon that is still this lab's (SIGKILL: the data is thrown away anyway,
     * and SIGTERM takes the mgr 6-9 s) and waits until each is gone.
     */
    List<Daemon> stopAll(Duration timeout) {
        List<Daemon> stopped = new ArrayList<>();
        List<ProcessHandle> handles = new ArrayList<>();
        for (Daemon daemon : recorded()) {
            ours(daemon.pid()).ifPresent(handle -> {
                // its children too (PostgreSQL's backends, an archive_command running): nothing left behind
                List<ProcessHandle> children = handle.descendants().toList();
                handle.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                handles.add(handle);
                handles.addAll(children);
                stopped.add(daemon);
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            while (handle.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("PID " + handle.pid() + " did not stop within " + timeout.toSeconds() + " s");
                }
                sleep(20);
            }
        }
        return stopped;
    }

    /** The process when it runs and its command line names a file of this lab's directory. */
    private Optional<ProcessHandle> ours(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            return cmdline.contains(dir + "/") ? handle : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // it ended meanwhile
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
