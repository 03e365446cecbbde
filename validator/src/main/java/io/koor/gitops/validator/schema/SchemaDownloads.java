package io.koor.gitops.validator.schema;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Schemas from http(s) locations, kept in a disk cache so that each is downloaded once per machine
 * and CI can run offline from a warmed cache. Offline, only the cache is read.
 */
public final class SchemaDownloads {
    private final Path cache;
    private final boolean offline;
    /** Made on the first download: building an HttpClient (TLS, a selector thread) costs ~0.3 s of start-up. */
    private HttpClient client;

    /** @param cache directory for downloaded schemas; null means no cache (and no downloads when offline) */
    public SchemaDownloads(Path cache, boolean offline) {
        this.cache = cache;
        this.offline = offline;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return client;
    }

    /** The default cache: {@code $XDG_CACHE_HOME/demo-gitops/schemas}, or {@code ~/.cache/...}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("demo-gitops").resolve("schemas");
    }

    /**
     * The schema text at a URL: from the cache, else downloaded (and cached). Empty when the server
     * has none (404) or when offline and not cached.
     *
     * @throws IOException when the download fails otherwise (network, 5xx), which the caller reports
     */
    public Optional<String> fetch(String url) throws IOException {
        Path cached = cache == null ? null : cache.resolve(sha256(url) + ".json");
        if (cached != null && Files.isRegularFile(cached)) {
            return Optional.of(Files.readString(cached));
        }
        if (offline) {
            return Optional.empty();
        }
        HttpResponse<String> response;
        try {
            response = client().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        } catch (IOException e) {
            // java.net.http says little here (a ConnectException without a message, its cause an
            // UnresolvedAddressException): say what failed and what to do instead
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = e.getClass().getSimpleName() + (root == e ? "" : ", " + root.getClass().getSimpleName())
                    + (root.getMessage() == null ? "" : ": " + root.getMessage());
            throw new IOException("could not download it (" + why + "; is the network or "
                    + URI.create(url).getHost() + " unreachable?). Point the schema locations at a local directory"
                    + " (Maven -Dgitops.schemaLocations=DIR/...; ./gitops validate --schema-location DIR/...), or run"
                    + " offline (mvn -o, ./gitops validate --offline) once the cache holds the schemas", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("downloading " + url + " answered HTTP " + response.statusCode());
        }
        if (cached != null) {
            Files.createDirectories(cache);
            Path tmp = Files.createTempFile(cache, "download-", ".tmp");
            Files.writeString(tmp, response.body());
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(response.body());
    }

    public boolean offline() {
        return offline;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
