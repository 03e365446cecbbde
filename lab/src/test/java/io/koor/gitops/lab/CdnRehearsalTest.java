package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.generator.apps.cdn.CdnServerConfig;
import io.koor.gitops.generator.apps.cdn.StaticSite;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The CDN rehearsed on the lab: the upload script the cluster's Job runs fills a bucket of the lab's RGW,
 * Debian's nginx runs the configuration the cluster's server runs in front of it, and headless Chromium
 * loads the page with every asset twice (the second time from nginx's cache) and takes a screenshot.
 */
@ExtendWith(SharedLab.Resolver.class)
class CdnRehearsalTest {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String BUCKET = "static-site";
    /** The access log format's request, status and cache fields (nginx.conf's log_format cdn). */
    private static final Pattern LOG_LINE = Pattern.compile("\"GET (\\S+) HTTP/[0-9.]+\" (\\d{3}) \\d+ cache=(\\S+)");

    private final SharedLab shared;

    CdnRehearsalTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void theUploadedSiteIsServedThroughTheCacheAndRendersInChromium() throws Exception {
        Path nginx = Command.which("nginx").or(() -> existing("/usr/sbin/nginx")).orElse(null);
        Path aws = Command.which("aws").orElse(null);
        List<String> missing = new ArrayList<>();
        if (nginx == null) {
            missing.add("nginx (Debian: nginx-light)");
        }
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            missing.add("chromium");
        }
        if (aws == null) {
            missing.add("aws (Debian: awscli)");
        }
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: the CDN rehearsal needs " + String.join(", ", missing) + " (./setup-machine installs them)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        StaticSite site = StaticSite.koorDemo();
        Path dir = Files.createTempDirectory("gitops-cdn-");
        // nginx started as root runs its workers as nobody, who must reach the cache and temporary directories
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process server = null;
        long uploadMillis;
        try {
            LabConnection connection = shared.connection;
            URI gateway = connection.objectStores().get("objects").endpoint();
            LabConnection.Bucket owner = connection.bucket("objects", "uploads");
            try (S3Client s3 = connection.s3("objects", owner.credentials())) {
                if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
                    s3.createBucket(b -> b.bucket(BUCKET));
                }
                Path siteDir = Files.createDirectories(dir.resolve("site"));
                for (Map.Entry<String, byte[]> file : site.files().entrySet()) {
                    Files.write(siteDir.resolve(file.getKey()), file.getValue());
                }
                Path script = dir.resolve("upload-site.sh");
                Files.writeString(script, StaticSite.uploadScript());
                Map<String, String> env = Map.of("SITE_DIR", siteDir.toString(), "BUCKET_NAME", BUCKET,
                        "BUCKET_HOST", gateway.getHost(), "BUCKET_PORT", String.valueOf(gateway.getPort()),
                        "AWS_ACCESS_KEY_ID", owner.credentials().accessKey(),
                        "AWS_SECRET_ACCESS_KEY", owner.credentials().secretKey(),
                        "HOME", dir.toString());
                long uploadStart = System.nanoTime();
                String first = sh(script, env, dir);
                uploadMillis = (System.nanoTime() - uploadStart) / 1_000_000;
                assertThat(first).contains("uploaded index.html (text/html; charset=utf-8; public, max-age=0, s-maxage=60,"
                        + " must-revalidate)");
                // idempotent: the second run puts the same objects and the same policy
                assertThat(sh(script, env, dir)).isEqualTo(first);
                HeadObjectResponse css = s3.headObject(b -> b.bucket(BUCKET).key(site.servedName("site.css")));
                assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
                assertThat(css.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
                assertThat(s3.headObject(b -> b.bucket(BUCKET).key(site.servedName("koor-glyphs.ttf"))).contentType())
                        .isEqualTo("font/ttf");
            }
            HttpClient http = HttpClient.newHttpClient();
            // anyone may read an object, nobody may list the bucket
            assertThat(get(http, gateway.resolve("/" + BUCKET + "/index.html")).statusCode()).isEqualTo(200);
            assertThat(get(http, gateway.resolve("/" + BUCKET + "/")).statusCode()).isEqualTo(403);

            int port = freePort();
            Path conf = dir.resolve("nginx.conf");
            Path accessLog = dir.resolve("access.log");
            Files.createDirectories(dir.resolve("run"));
            Files.writeString(conf, new CdnServerConfig("127.0.0.1:" + port, gateway.getHost() + ":" + gateway.getPort(),
                    BUCKET, dir.resolve("cache").toString(), "64m", dir.resolve("run").toString(), accessLog.toString())
                    .render());
            server = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            awaitHealthy(http, base, server, dir.resolve("nginx.out"));

            long firstStart = System.nanoTime();
            String dom = chromium(dir, "profile-1", "--dump-dom", base.toString());
            long firstMillis = (System.nanoTime() - firstStart) / 1_000_000;
            assertThat(dom).as("the page's script marks the body once font and images are in")
                    .contains("data-font=\"loaded\"", "data-images=\"loaded\"", "data-ready=\"yes\"");
            Set<String> paths = new HashSet<>(List.of("/"));
            site.files().keySet().stream().filter(n -> !n.endsWith(".html")).forEach(n -> paths.add("/" + n));
            List<String[]> firstLoad = requests(accessLog, 0);
            assertThat(firstLoad).as("every file of the site, fetched from the gateway").extracting(r -> r[0])
                    .containsAll(paths);
            assertThat(firstLoad).allSatisfy(r -> assertThat(r[1]).as(r[0]).isEqualTo("200"));
            assertThat(firstLoad).filteredOn(r -> paths.contains(r[0])).allSatisfy(r -> assertThat(r[2]).as(r[0])
                    .isEqualTo("MISS"));

            // a new browser profile, so nothing comes from Chromium's own cache: every answer is nginx's
            Path screenshot = dir.resolve("screenshot.png");
            long secondStart = System.nanoTime();
            chromium(dir, "profile-2", "--screenshot=" + screenshot, "--window-size=1280,800", base.toString());
            long secondMillis = (System.nanoTime() - secondStart) / 1_000_000;
            List<String[]> secondLoad = requests(accessLog, firstLoad.size());
            assertThat(secondLoad).extracting(r -> r[0]).containsAll(paths);
            assertThat(secondLoad).filteredOn(r -> paths.contains(r[0])).allSatisfy(r -> assertThat(r[2]).as(r[0])
                    .isEqualTo("HIT"));
            checkScreenshot(screenshot);

            HttpResponse<String> page = get(http, base);
            assertThat(page.headers().firstValue("X-Cache-Status")).hasValue("HIT");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("public, max-age=0, s-maxage=60, must-revalidate");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            HttpResponse<String> font = get(http, base.resolve(site.servedName("koor-glyphs.ttf")));
            assertThat(font.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(font.headers().firstValue("X-Cache-Status")).hasValue("HIT");
            HttpResponse<String> notFound = get(http, base.resolve("/no-such-page"));
            assertThat(notFound.statusCode()).as("RGW's 403 for a key it has not, as the site's own page").isEqualTo(404);
            assertThat(notFound.body()).contains("This page is not here.");
            assertThat(http.send(HttpRequest.newBuilder(base).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("only GET and HEAD").isEqualTo(405);
            // timings for the record (BENCHMARKS.md), never asserted
            System.err.println("cdn: " + paths.size() + " files; upload " + uploadMillis + " ms; first load " + firstLoad.size()
                    + " requests (MISS) in a Chromium run of " + firstMillis + " ms; second " + secondLoad.size()
                    + " (HIT) with screenshot in " + secondMillis + " ms; screenshot " + Files.size(screenshot) + " bytes");
        } finally {
            if (server != null) {
                stop(server);
            }
            Lab.delete(dir);
        }
    }

    private static java.util.Optional<Path> existing(String path) {
        return Files.isExecutable(Path.of(path)) ? java.util.Optional.of(Path.of(path)) : java.util.Optional.empty();
    }

    /** Runs the upload script with its environment; its output, or a failure with it. */
    private static String sh(Path script, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("upload-site.sh finished").isTrue();
        assertThat(process.exitValue()).as("upload-site.sh: " + out).isZero();
        return out;
    }

    private static String chromium(Path dir, String profile, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createDirectory(dir.resolve(profile)),
                // lets the page's load handler and font promise run before the DOM is dumped
                "--virtual-time-budget=10000"));
        command.addAll(List.of(args));
        Path err = dir.resolve(profile + ".log");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            stop(process);
            throw new AssertionError("chromium did not finish within 120 s: " + Files.readString(err));
        }
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        assertThat(process.exitValue()).as("chromium: " + Files.readString(err)).isZero();
        return out;
    }

    /** The requests the access log holds from line {@code skip} on: path, status, cache status. */
    private static List<String[]> requests(Path accessLog, int skip) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(accessLog)) {
            Matcher m = LOG_LINE.matcher(line);
            if (m.find()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        return out.subList(Math.min(skip, out.size()), out.size());
    }

    /** The screenshot is the rendered page: 1280x800, the header in the page's ink colour, many colours. */
    private static void checkScreenshot(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("a PNG at " + file).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        assertThat(image.getRGB(5, 5) & 0xFFFFFF).as("the header's background, #12263a").isEqualTo(0x12263a);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours: text, picture, mark").isGreaterThan(20);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitHealthy(HttpClient http, URI base, Process server, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("nginx exited with " + server.exitValue() + ": " + Files.readString(out));
            }
            try {
                if (get(http, base.resolve("/healthz")).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nginx did not answer /healthz within 20 s: " + Files.readString(out));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops a process we started, by its own handle, and its children (nginx's workers). */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroy);
    }
}
