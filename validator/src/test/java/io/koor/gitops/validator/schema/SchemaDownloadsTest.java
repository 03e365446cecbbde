package io.koor.gitops.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote schema locations against a local stand-in that serves ../shared/schemas over HTTP. */
class SchemaDownloadsTest {
    @TempDir
    Path tree;
    @TempDir
    Path cache;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failWith;
    private String base;

    @BeforeEach
    void serveSchemas() throws IOException {
        Path schemas = SharedData.schemas();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            Path file = schemas.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            int status = failWith != 0 ? failWith : file.startsWith(schemas) && Files.isRegularFile(file) ? 200 : 404;
            byte[] body = status == 200 ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        // Rook is installed apart from this tree (the reconcile check is told so): only the schemas judge it
        Files.createDirectories(tree.resolve(".gitops"));
        Files.writeString(tree.resolve(".gitops/external-apis.yaml"), "apis: [ceph.rook.io]\nnamespaces: [rook-ceph]\n");
        Files.writeString(tree.resolve("objects.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: a
                ---
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: b
                ---
                apiVersion: ceph.rook.io/v1
                kind: CephBlockPool
                metadata:
                  name: p
                  namespace: rook-ceph
                spec:
                  failureDomain: host
                  replicated:
                    size: three
                """);
    }

    @AfterEach
    void stop() {
        if (server != null) { // null when ../shared is absent and the test was skipped before it started
            server.stop(0);
        }
    }

    private ValidationReport validate(boolean offline) throws IOException {
        // the served directory's newest core release (the toolkit's default is newer)
        return new ValidationService().validate(tree, ValidationOptions.builder().kubernetesVersion("1.32.0")
                .schemaLocations(List.of(base, base + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json"))
                .missingSchemas(SchemaValidator.MissingSchemaPolicy.FAIL).schemaCache(cache).offline(offline).build());
    }

    private static List<io.koor.gitops.validator.finding.Violation> schemaFindings(ValidationReport report) {
        return report.violations().stream().filter(v -> v.ruleId().equals("schema")).toList();
    }

    @Test
    void downloadsOncePerKindThenServesFromTheDiskCache() throws IOException {
        ValidationReport first = validate(false);
        // schema findings only: the fixture's Namespaces carry no Pod Security labels, which is another rule's business
        assertThat(schemaFindings(first)).extracting(v -> v.ruleId() + " " + v.resource() + " " + v.jsonPointer())
                .containsExactly("schema CephBlockPool/rook-ceph/p /spec/replicated/size");
        // Namespace: found at the first location; CephBlockPool: a 404 there, then found at the second
        assertThat(requests.get()).isEqualTo(3);
        try (var files = Files.list(cache)) {
            assertThat(files.count()).isEqualTo(2);
        }

        ValidationReport again = validate(true);
        assertThat(schemaFindings(again)).hasSize(1);
        assertThat(requests.get()).as("offline, everything came from the cache").isEqualTo(3);
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhy() throws IOException {
        ValidationReport report = validate(true);
        assertThat(requests.get()).isZero();
        assertThat(report.violations()).filteredOn(v -> v.ruleId().equals("schema-missing")).isNotEmpty()
                .allSatisfy(v -> assertThat(v.hint()).contains("offline, and the schema cache does not have it"));
    }

    @Test
    void aServerErrorIsReportedWithTheUrl() {
        failWith = 503;
        assertThatThrownBy(() -> validate(false)).hasMessageContaining("answered HTTP 503").hasMessageContaining(base);
    }

    @Test
    void anUnreachableHostIsReportedWithWhatToDoInstead() throws IOException {
        // a port nothing listens on: the connection is refused, as with no network
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String location = "http://127.0.0.1:" + closed + "/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}"
                + "/{{ .ResourceKind }}{{ .KindSuffix }}.json";
        assertThatThrownBy(() -> new ValidationService().validate(tree, ValidationOptions.builder()
                .kubernetesVersion("1.32.0").schemaLocations(List.of(location)).schemaCache(cache).build()))
                .hasMessageContaining("cannot read schema http://127.0.0.1:" + closed)
                .hasMessageContaining("could not download it (ConnectException")
                .hasMessageContaining("-Dgitops.schemaLocations=DIR").hasMessageContaining("--offline")
                .hasMessageNotContaining(": null");
    }

    @Test
    void defaultIsKubeconformsOwnLocation() {
        assertThat(new SchemaLocation("default").fill("apps/v1", "Deployment", "1.31.0", true)).isEqualTo(
                "https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.31.0-standalone-strict/"
                        + "deployment-apps-v1.json");
        assertThatThrownBy(() -> new SchemaRegistry(List.of(new SchemaLocation("default")), "1.31.0", true))
                .hasMessageContaining("is remote, and this command reads local schema directories only");
    }
}
