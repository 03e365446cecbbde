package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.generator.apps.StreamFiles;
import io.koor.gitops.model.apps.Streaming;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The stream rehearsed on the shared lab's RGW with the cluster's own files (StreamFiles): ffmpeg
 * runs the stream's arguments for a few seconds while the uploader script puts what it finishes into
 * a bucket; what comes back from RGW is probed with ffprobe (duration, a video and an audio stream),
 * and headless Chromium plays the player page, served by RGW from the same bucket, live and then a
 * recording, with a screenshot of each.
 */
@ExtendWith(SharedLab.Resolver.class)
class StreamRehearsalTest {
    /** Long enough for a viewer to join while it is encoded, and for segments to leave the playlist. */
    private static final int SECONDS = 24;
    /** Segments the live playlist keeps (StreamFiles.LIST_SEGMENTS). */
    private static final int PLAYLIST = 10;
    private static final String BUCKET = "stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedLab shared;

    StreamRehearsalTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void theStreamLandsInTheBucketAndPlaysInChromium(@TempDir Path dir) throws Exception {
        List<String> missing = Stream.of("ffmpeg", "ffprobe", "curl").filter(p -> Command.which(p).isEmpty())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            missing.add(HeadlessChromium.BINARY.toString());
        }
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: the stream rehearsal needs " + String.join(", ", missing)
                    + " (Debian: ./setup-machine as root installs ffmpeg and chromium)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        // the demo's stream, as the definition declares it
        Streaming stream = Streaming.toBucket(BUCKET, "streaming", "stream.example.com");
        StreamFiles files = StreamFiles.of(stream);
        LabConnection.ObjectStoreEndpoint store = shared.connection.objectStores().get("objects");
        LabConnection.S3Credentials keys = shared.connection.bucket("objects", "uploads").credentials();
        try (S3Client s3 = shared.connection.s3("objects", keys)) {
            s3.createBucket(b -> b.bucket(BUCKET));

            Path live = Files.createDirectories(dir.resolve("live"));
            Path recordings = Files.createDirectories(dir.resolve("recordings"));
            Path config = Files.createDirectories(dir.resolve("config"));
            Path work = Files.createDirectories(dir.resolve("work"));
            for (Map.Entry<String, String> file : files.config(BUCKET).entrySet()) {
                Files.writeString(config.resolve(file.getKey()), file.getValue());
            }
            Path script = config.resolve(StreamFiles.UPLOAD_SCRIPT);
            Files.writeString(script, files.uploadScript());

            List<String> ffmpeg = new ArrayList<>(List.of("ffmpeg"));
            ffmpeg.addAll(files.encoderArguments(live.toString(), recordings.toString(), Optional.of(SECONDS)));
            ProcessBuilder encoder = new ProcessBuilder(ffmpeg).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg.log").toFile());
            encoder.environment().put("TZ", "UTC");
            ProcessBuilder uploader = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("upload.log").toFile());
            Map<String, String> env = uploader.environment();
            env.put("BUCKET_HOST", store.endpoint().getHost());
            env.put("BUCKET_PORT", String.valueOf(store.endpoint().getPort()));
            env.put("BUCKET_NAME", BUCKET);
            env.put("AWS_ACCESS_KEY_ID", keys.accessKey());
            env.put("AWS_SECRET_ACCESS_KEY", keys.secretKey());
            env.put("LIVE_DIR", live.toString());
            env.put("RECORDINGS_DIR", recordings.toString());
            env.put("CONFIG_DIR", config.toString());
            env.put("WORK_DIR", work.toString());

            // the uploader runs beside the encoder, as in the pod, and makes a last pass when terminated
            Process up = uploader.start();
            Process enc = encoder.start();
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create(store.endpoint() + "/" + BUCKET + "/");
            Path screenshots = Files.createDirectories(Path.of("target", "stream"));
            Web web = null;
            HeadlessChromium chromium = null;
            try {
                // a viewer joins once the first segments are in the bucket, while ffmpeg is still encoding
                awaitObject(s3, "live/index.m3u8", enc, dir);
                web = Web.start(files, store.endpoint(), dir.resolve("nginx"), http);
                URI player = web == null ? base.resolve("index.html") : web.url();
                chromium = HeadlessChromium.open(player, dir.resolve("chromium.log"));
                JsonNode joined = read(chromium.await(STATE, v -> read(v).path("live").asText().equals("playing")
                        && time(v) > 1.0, Duration.ofSeconds(SECONDS)));
                boolean encoding = enc.isAlive();
                chromium.screenshot(screenshots.resolve("live.png"));
                assertThat(joined.path("live").asText()).as("the live stream plays: %s", joined).isEqualTo("playing");
                assertThat(joined.path("time").asDouble()).as("the live stream plays: %s", joined).isGreaterThan(1.0);
                assertThat(encoding).as("it played while ffmpeg was still encoding (live, not a finished playlist)").isTrue();

                assertThat(enc.waitFor(SECONDS + 60, TimeUnit.SECONDS)).as("ffmpeg finishes").isTrue();
                assertThat(enc.exitValue()).as("ffmpeg's exit; its log: %s", Files.readString(dir.resolve("ffmpeg.log")))
                        .isZero();
                Thread.sleep(1500); // at least one more pass sees the closed recording
                up.destroy();
                assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("the uploader ends after its last pass").isTrue();
                String uploadLog = Files.readString(dir.resolve("upload.log"));
                assertThat(up.exitValue()).as("the uploader's exit; its log: %s", uploadLog).isZero();

                List<String> keysInBucket = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                        .map(S3Object::key).sorted().toList();
                List<String> listed = Files.readAllLines(work.resolve("index.m3u8")).stream()
                        .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> "live/" + l).toList();
                assertThat(listed).as("the playlist keeps its last %s segments", PLAYLIST).hasSize(PLAYLIST);
                List<String> expected = new ArrayList<>(List.of("index.html", "live/index.m3u8", "live/init.mp4",
                        "player.css", "player.js"));
                expected.addAll(listed);
                assertThat(keysInBucket).as("segments that left the playlist left the bucket")
                        .filteredOn(k -> !k.startsWith("recordings/")).containsExactlyInAnyOrderElementsOf(expected);
                List<String> stored = keysInBucket.stream().filter(k -> k.startsWith("recordings/")).toList();
                assertThat(stored).as("one recording, complete").singleElement().asString()
                        .matches("recordings/recording-\\d{8}T\\d{6}Z\\.mp4");
                try (var left = Files.list(recordings)) {
                    assertThat(left.map(p -> p.getFileName().toString())).as("uploaded recordings leave the pod")
                            .containsExactly("recordings.csv");
                }

                // the recording as RGW returns it: the length asked for, picture and sound
                Path recording = dir.resolve("recording.mp4");
                s3.getObject(b -> b.bucket(BUCKET).key(stored.get(0)), ResponseTransformer.toFile(recording));
                assertPlayable(probe(recording.toString()), "the recording", SECONDS);
                // what the live playlist still lists, read anonymously over HTTP as a player does (the policy allows it)
                assertPlayable(probe(base.resolve("live/index.m3u8").toString()), "the live playlist",
                        PLAYLIST * stream.segmentSeconds());

                List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(b -> b.bucket(BUCKET)).rules();
                assertThat(rules).extracting(r -> r.id() + "=" + r.expiration().days())
                        .containsExactlyInAnyOrder("live-segments=1", "recordings=" + stream.retentionDays());
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("index.html")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
                HttpResponse<String> anonymousWrite = http.send(HttpRequest.newBuilder(base.resolve("index.html"))
                        .PUT(HttpRequest.BodyPublishers.ofString("defaced")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(anonymousWrite.statusCode()).as("anyone reads, nobody writes without the keys").isEqualTo(403);
                if (web != null) {
                    HttpResponse<String> listing = http.send(HttpRequest.newBuilder(web.url().resolve(
                            "?list-type=2&prefix=recordings/")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(listing.body()).as("the bucket's listing through nginx").contains("<Key>" + stored.get(0) + "</Key>");
                    HttpResponse<String> write = http.send(HttpRequest.newBuilder(web.url().resolve("index.html"))
                            .PUT(HttpRequest.BodyPublishers.ofString("defaced")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(write.statusCode()).as("nginx refuses writes itself").isEqualTo(403);
                }

                // the page lists the recording now, and plays it
                chromium.evaluate("listRecordings().then(() => document.querySelector('#recordings button').click())");
                JsonNode played = read(chromium.await(STATE, v -> read(v).path("live").asText().equals("recording")
                        && time(v) > 1.0, Duration.ofSeconds(45)));
                chromium.screenshot(screenshots.resolve("recording.png"));
                assertThat(played.path("recordings").asText()).as("the page lists the recording: %s", played).isEqualTo("1");
                assertThat(played.path("live").asText()).as("%s", played).isEqualTo("recording");
                assertThat(played.path("time").asDouble()).as("the recording plays: %s", played).isGreaterThan(1.0);
                System.err.println("stream: " + player + " played live " + joined + " while ffmpeg encoded, then the"
                        + " recording " + played + "; screenshots in " + screenshots.toAbsolutePath());
            } finally {
                enc.destroyForcibly();
                up.destroy();
                if (chromium != null) {
                    chromium.close();
                }
                if (web != null) {
                    web.stop();
                }
            }
        }
    }

    /** The page's state as it writes it into the DOM (nothing yet while the document is still loading). */
    private static final String STATE = "(() => { const video = document.getElementById('video'); const status ="
            + " document.getElementById('status'); return JSON.stringify(document.body && video && status"
            + " ? {live: document.body.dataset.live, time: video.currentTime, recordings:"
            + " document.body.dataset.recordings || null, status: status.textContent} : {live: 'loading'}); })()";

    /** Waits until the uploader has put {@code key} into the bucket; fails with the logs when ffmpeg ends first. */
    private static void awaitObject(S3Client s3, String key, Process encoder, Path dir) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                s3.headObject(b -> b.bucket(BUCKET).key(key));
                return;
            } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
                if (!encoder.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError(key + " did not reach the bucket while ffmpeg ran; ffmpeg: "
                + Files.readString(dir.resolve("ffmpeg.log")) + "; uploader: " + Files.readString(dir.resolve("upload.log")));
    }

    /** nginx with the cluster's own server block in front of the lab's gateway, on a port free at start. */
    private record Web(Process process, URI url) {
        /** Started and serving, or null (said on stderr) when nginx is not installed. */
        static Web start(StreamFiles files, URI gateway, Path conf, HttpClient http) throws Exception {
            Optional<Path> nginx = Command.which("nginx").or(() -> Optional.of(Path.of("/usr/sbin/nginx"))
                    .filter(Files::isExecutable));
            if (nginx.isEmpty()) {
                System.err.println("stream: nginx is not installed, so Chromium loads the page from RGW directly"
                        + " (the cluster's web server configuration is not rehearsed)");
                return null;
            }
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Files.createDirectories(conf);
            Files.writeString(conf.resolve("default.conf"), files.webServer(port, "http://" + gateway.getHost() + ":"
                    + gateway.getPort(), BUCKET).replace("listen " + port, "listen 127.0.0.1:" + port));
            // what the image's own nginx.conf gives the server block; responses are not buffered to disk here
            Files.writeString(conf.resolve("nginx.conf"), "daemon off;\nworker_processes 1;\npid " + conf.resolve("nginx.pid")
                    + ";\nerror_log " + conf.resolve("error.log") + ";\nevents {}\nhttp {\n access_log off;\n"
                    + " proxy_max_temp_file_size 0;\n client_body_temp_path " + conf + ";\n proxy_temp_path " + conf
                    + ";\n include " + conf.resolve("default.conf") + ";\n}\n");
            Process process = new ProcessBuilder(nginx.get().toString(), "-p", conf.toString(), "-c",
                    conf.resolve("nginx.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(conf.resolve("stdout.log").toFile()).start();
            Web web = new Web(process, URI.create("http://127.0.0.1:" + port + "/"));
            for (int i = 0; i < 100; i++) {
                if (!process.isAlive()) {
                    throw new AssertionError("nginx exited " + process.exitValue() + ": "
                            + Files.readString(conf.resolve("stdout.log"))
                            + (Files.exists(conf.resolve("error.log")) ? Files.readString(conf.resolve("error.log")) : ""));
                }
                try {
                    if (http.send(HttpRequest.newBuilder(web.url()).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return web;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            web.stop();
            throw new AssertionError("nginx did not serve " + web.url() + " within 10 s");
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double time(JsonNode value) {
        return read(value).path("time").asDouble();
    }

    private static JsonNode read(JsonNode value) {
        try {
            return JSON.readTree(value.asText());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static JsonNode probe(String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries",
                "format=duration:stream=codec_type,codec_name", "-of", "json", input).redirectErrorStream(false).start();
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("ffprobe %s: %s", input, err).isZero();
        return JSON.readTree(out);
    }

    private static void assertPlayable(JsonNode probe, String what, int seconds) {
        assertThat(probe.path("format").path("duration").asDouble()).as("%s lasts %s s: %s", what, seconds, probe)
                .isBetween(seconds - 0.5, seconds + 0.5);
        List<String> streams = new ArrayList<>();
        probe.path("streams").forEach(s -> streams.add(s.path("codec_type").asText() + ":" + s.path("codec_name").asText()));
        assertThat(streams).as("%s has picture and sound", what).containsExactlyInAnyOrder("video:h264", "audio:aac");
    }
}
