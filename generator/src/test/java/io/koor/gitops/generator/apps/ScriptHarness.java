package io.koor.gitops.generator.apps;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a Job's shell script as its container would: with the machine's sh, or with busybox's sh and applets (as
 * in curl's image), against an HTTP server on 127.0.0.1 that answers for the Kubernetes API; the service account
 * directory (token, namespace, CA) is made under the test's directory.
 */
final class ScriptHarness {
    /** One request as the server saw it. */
    record Request(String method, String path, String authorization, String body) {
    }

    /** What the script printed (both streams) and its exit status. */
    record Run(int exit, String output) {
    }

    private final Path dir;
    private final Path sa;
    private Path busyboxPath;

    ScriptHarness(Path dir, String namespace) throws IOException {
        this.dir = dir;
        if (which("curl").isEmpty()) {
            String reason = "SKIPPED: the Job scripts need curl (./setup-machine installs it)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        sa = Files.createDirectories(dir.resolve("sa"));
        Files.writeString(sa.resolve("namespace"), namespace);
        Files.writeString(sa.resolve("token"), "the-token");
        Files.writeString(sa.resolve("ca.crt"), "");
    }

    /** From now on, runs under busybox sh with only busybox's applets and curl on the PATH; skips without busybox. */
    ScriptHarness underBusybox() throws IOException {
        Optional<Path> busybox = which("busybox");
        if (busybox.isEmpty()) {
            String reason = "SKIPPED: the busybox run needs busybox (Debian: busybox; ./setup-machine installs it)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        busyboxPath = Files.createDirectories(dir.resolve("busybox-bin"));
        for (String applet : List.of("sh", "cat", "head", "od", "tr", "sed", "rm", "printf", "base64", "echo")) {
            Files.createSymbolicLink(busyboxPath.resolve(applet), busybox.get());
        }
        Files.createSymbolicLink(busyboxPath.resolve("curl"), which("curl").orElseThrow());
        return this;
    }

    /**
     * Runs {@code script} with {@code env} while a server answers each request with what {@code api} returns
     * (status and JSON body); every request is added to {@code requests}.
     */
    Run run(String fileName, String script, Map<String, String> env, Function<Request, Map.Entry<Integer, String>> api,
            List<Request> requests) throws IOException, InterruptedException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map.Entry<Integer, String> answer;
            synchronized (requests) {
                requests.add(request);
                answer = api.apply(request);
            }
            byte[] body = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.getKey(), body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, script);
            Files.writeString(dir.resolve(KubeApiScript.FILE), KubeApiScript.text()); // sourced from beside it, as in the Job
            String shell = busyboxPath == null ? "sh" : busyboxPath.resolve("sh").toString();
            ProcessBuilder builder = new ProcessBuilder(shell, file.toString()).redirectErrorStream(true);
            if (busyboxPath != null) {
                builder.environment().put("PATH", busyboxPath.toString());
            }
            builder.environment().putAll(env);
            builder.environment().putAll(Map.of("SA_DIR", sa.toString(), "TMPDIR", dir.toString(),
                    "KUBE_API", "http://127.0.0.1:" + server.getAddress().getPort()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(fileName + " did not finish in 60 s:\n" + output);
            }
            return new Run(process.exitValue(), output);
        } finally {
            server.stop(0);
        }
    }

    static Optional<Path> which(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Optional.of(Path.of(d, program));
            }
        }
        return Optional.empty();
    }
}
