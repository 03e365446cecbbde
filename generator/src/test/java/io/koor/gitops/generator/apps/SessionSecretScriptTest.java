package io.koor.gitops.generator.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Control Center's session-secret.sh, run with sh and curl as its Job runs it, against an HTTP server
 * on 127.0.0.1 that records the request and answers as the Kubernetes API does (201 Created, 409 Conflict for a
 * name that exists, 403 Forbidden). There is no API server on this machine; what is checked is the script's
 * side: the request it makes, what it puts in the Secret, what it prints, how it exits.
 */
class SessionSecretScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path sa;

    /** Busybox's sh and applets with the machine's curl, as curl's image has them; empty: the machine's sh. */
    private Path busyboxPath;

    @BeforeEach
    void serviceAccount() throws IOException {
        if (which("curl").isEmpty()) {
            String reason = "SKIPPED: session-secret.sh needs curl (./setup-machine installs it)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        sa = Files.createDirectories(dir.resolve("sa"));
        Files.writeString(sa.resolve("namespace"), "rook-ceph");
        Files.writeString(sa.resolve("token"), "the-token");
        Files.writeString(sa.resolve("ca.crt"), "");
    }

    @Test
    void underBusyboxAsInCurlsImage() throws Exception {
        Optional<Path> busybox = which("busybox");
        if (busybox.isEmpty()) {
            String reason = "SKIPPED: the busybox run needs busybox (Debian: busybox; ./setup-machine installs it)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        busyboxPath = Files.createDirectories(dir.resolve("busybox-bin"));
        for (String applet : List.of("sh", "cat", "head", "od", "tr", "sed", "rm", "printf")) {
            Files.createSymbolicLink(busyboxPath.resolve(applet), busybox.get());
        }
        Files.createSymbolicLink(busyboxPath.resolve("curl"), which("curl").orElseThrow());
        createsOneSecretOfRandomValuesAsAValuesDocumentAndPrintsNoneOfThem();
        anExistingSecretIsKeptAndARefusalFailsTheJob();
    }

    @Test
    void createsOneSecretOfRandomValuesAsAValuesDocumentAndPrintsNoneOfThem() throws Exception {
        List<String[]> requests = new ArrayList<>();
        Run run = run(201, requests);
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output).contains("created Secret rook-ceph/data-control-center-session");
        assertThat(requests).hasSize(1);
        String[] request = requests.get(0);
        assertThat(request[0]).isEqualTo("POST /api/v1/namespaces/rook-ceph/secrets");
        assertThat(request[1]).isEqualTo("Bearer the-token");
        JsonNode secret = JSON.readTree(request[2]);
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("data-control-center-session");
        JsonNode values = new YAMLMapper().readTree(secret.path("stringData").path(SessionSecretScript.VALUES_KEY).asText());
        String cookie = values.at("/config/http/sessions/cookieSecret").asText();
        String jwt = values.at("/config/jwt/secret").asText();
        String password = values.at("/config/users/0/password").asText();
        assertThat(List.of(cookie, jwt, password)).allMatch(v -> v.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        assertThat(values.at("/config/users/0/username").asText()).isEqualTo("admin");
        assertThat(values.at("/config/users").size()).isEqualTo(1);
        assertThat(secret.path("stringData").path(SessionSecretScript.PASSWORD_KEY).asText()).isEqualTo(password);
        assertThat(run.output).doesNotContain(cookie, jwt, password);

        // another run makes other values: nothing is fixed in the script
        List<String[]> again = new ArrayList<>();
        run(201, again);
        assertThat(new YAMLMapper().readTree(JSON.readTree(again.get(0)[2]).path("stringData")
                .path(SessionSecretScript.VALUES_KEY).asText()).at("/config/jwt/secret").asText()).isNotEqualTo(jwt);
    }

    @Test
    void anExistingSecretIsKeptAndARefusalFailsTheJob() throws Exception {
        Run kept = run(409, new ArrayList<>());
        assertThat(kept.exit).as(kept.output).isZero();
        assertThat(kept.output).contains("exists; kept");
        Run refused = run(403, new ArrayList<>());
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.output).contains("the API answered 403").doesNotContain("cookieSecret");
    }

    private record Run(int exit, String output) {
    }

    private Run run(int status, List<String[]> requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(new String[] {exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body});
            }
            byte[] answer = ("{\"kind\":\"Status\",\"code\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        try {
            Path script = dir.resolve(SessionSecretScript.FILE);
            Files.writeString(script, SessionSecretScript.text());
            String shell = busyboxPath == null ? "sh" : busyboxPath.resolve("sh").toString();
            ProcessBuilder builder = new ProcessBuilder(shell, script.toString()).redirectErrorStream(true);
            if (busyboxPath != null) {
                builder.environment().put("PATH", busyboxPath.toString());
            }
            builder.environment().putAll(Map.of("SECRET_NAME", "data-control-center-session", "ADMIN_USER", "admin",
                    "SA_DIR", sa.toString(), "KUBE_API", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "TMPDIR", dir.toString()));
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new Run(process.exitValue(), output);
        } finally {
            server.stop(0);
        }
    }

    private static Optional<Path> which(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Optional.of(Path.of(d, program));
            }
        }
        return Optional.empty();
    }
}
