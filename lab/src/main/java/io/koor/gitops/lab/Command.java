package io.koor.gitops.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs a program with an argument list (never a shell), a timeout, and both streams drained. */
final class Command {
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** The result when the program succeeded; otherwise a failure naming the program and its error output. */
        Result orFail() {
            if (exitCode != 0) {
                throw new LabException(String.join(" ", command) + " exited with " + exitCode + ": "
                        + (stderr.isBlank() ? stdout : stderr).strip());
            }
            return this;
        }
    }

    /**
     * Threads that drain the programs' output: their own, for the common pool has one thread on two
     * cores and would serialise every program that runs at once.
     */
    private static final ExecutorService DRAIN = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "command-output");
        thread.setDaemon(true);
        return thread;
    });

    private Command() {
    }

    /** The executable's path when it is on PATH. */
    static Optional<Path> which(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static Result run(List<String> command, Path workDir, Duration timeout) {
        return run(command, workDir, timeout, "");
    }

    /** The same, with {@code input} written to the program's standard input. */
    static Result run(List<String> command, Path workDir, Duration timeout, String input) {
        return run(command, workDir, timeout, input, java.util.Map.of());
    }

    /** The same, with {@code env} added to this process's environment. */
    static Result run(List<String> command, Path workDir, Duration timeout, String input,
                      java.util.Map<String, String> env) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
            builder.environment().putAll(env);
            process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new LabException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), DRAIN);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), DRAIN);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new LabException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(command, process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running " + command.get(0), e);
        }
    }

    private static String drain(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
