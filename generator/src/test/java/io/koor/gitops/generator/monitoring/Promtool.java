package io.koor.gitops.generator.monitoring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs Prometheus's own {@code promtool} (Debian's prometheus package): no shell, a timeout, both streams drained. */
public final class Promtool {
    public record Run(int exitCode, String output) {
    }

    private static Boolean available;

    private Promtool() {
    }

    public static void assumeAvailable() {
        if (available == null) {
            try {
                available = run(Path.of("."), "--version").exitCode() == 0;
            } catch (IOException e) {
                available = false;
            }
            if (!available) {
                System.err.println("SKIPPED: promtool is not on PATH (Debian package prometheus, see setup-machine);"
                        + " the rule checks did not run");
            }
        }
        assumeTrue(available, "promtool is not on PATH (Debian package prometheus); the rule checks did not run");
    }

    public static Run run(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("promtool " + String.join(" ", args) + " timed out after 60 s");
            }
            return new Run(process.exitValue(), out.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
