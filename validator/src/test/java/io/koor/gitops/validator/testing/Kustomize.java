package io.koor.gitops.validator.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code kubectl kustomize} on a directory (no shell, a timeout, both streams drained). */
public final class Kustomize {
    public record Build(int exitCode, String output, String errors) {
    }

    private static Boolean available;

    private Kustomize() {
    }

    public static void assumeAvailable() {
        if (available == null) {
            try {
                available = run(Path.of("."), "version", "--client").exitCode() == 0;
            } catch (IOException e) {
                available = false;
            }
            if (!available) {
                System.err.println("SKIPPED: kubectl is not on PATH; the kustomize build checks did not run");
            }
        }
        assumeTrue(available, "kubectl is not on PATH; the kustomize build checks did not run");
    }

    public static Build build(Path directory) throws IOException {
        return run(directory, "kustomize", directory.toString());
    }

    private static Build run(Path workDir, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "kubectl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("kubectl " + String.join(" ", args) + " timed out after 60 s");
            }
            return new Build(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
