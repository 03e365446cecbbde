package io.koor.gitops.generator.apps;

import io.koor.gitops.model.apps.Streaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stream's own files, one source for the cluster and the lab: ffmpeg's arguments
 * ({@code stream.args}), the uploader ({@code upload.sh}), the player page, and the bucket's policy
 * and lifecycle rules. The renderer puts them into the Deployment and its ConfigMap; the lab
 * rehearsal runs them as they are.
 */
public final class StreamFiles {
    /** The uploader script's name, in {@link #config} and in the container that runs it. */
    public static final String UPLOAD_SCRIPT = "upload.sh";
    /** The player page's files, uploaded to the root of the bucket. */
    public static final List<String> PAGE = List.of("index.html", "player.js", "player.css");
    private static final String DIR = "/io/koor/gitops/generator/apps/stream/";

    private final Streaming stream;

    private StreamFiles(Streaming stream) {
        this.stream = stream;
    }

    public static StreamFiles of(Streaming stream) {
        return new StreamFiles(stream);
    }

    /**
     * ffmpeg's arguments (after the program name) for the stream, writing HLS into {@code liveDir} and
     * recordings into {@code recordingsDir}; {@code limitSeconds} ends it after that long (the lab), none
     * runs it until stopped (the cluster).
     */
    public List<String> encoderArguments(String liveDir, String recordingsDir, Optional<Integer> limitSeconds) {
        Streaming.TestSource source = stream.source();
        Map<String, String> values = Map.of(
                "PATTERN", source.pattern(),
                "WIDTH", String.valueOf(source.width()),
                "HEIGHT", String.valueOf(source.height()),
                "FPS", String.valueOf(source.fps()),
                "TONE_HZ", String.valueOf(source.toneHz()),
                "VIDEO_KBPS", String.valueOf(source.videoKbps()),
                "SEGMENT_SECONDS", String.valueOf(stream.segmentSeconds()),
                "LIST_SIZE", String.valueOf(LIST_SEGMENTS),
                "RECORDING_SECONDS", String.valueOf(stream.recordingMinutes() * 60),
                "LIVE_DIR", liveDir);
        List<String> args = new ArrayList<>();
        for (String line : text("stream.args").split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("{{LIMIT}}")) {
                limitSeconds.ifPresent(s -> args.addAll(List.of("-t", String.valueOf(s))));
                continue;
            }
            String arg = line.replace("{{RECORDINGS_DIR}}", recordingsDir);
            for (Map.Entry<String, String> value : values.entrySet()) {
                arg = arg.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            if (arg.contains("{{")) {
                throw new IllegalStateException("stream.args: no value for a placeholder in '" + line + "'");
            }
            args.add(arg);
        }
        return args;
    }

    /** Segments the live playlist keeps: a minute at most, so a player that falls behind can catch up. */
    static final int LIST_SEGMENTS = 10;

    /** The uploader, a POSIX sh script run with {@code sh}. */
    public String uploadScript() {
        return text(UPLOAD_SCRIPT);
    }

    /**
     * What the uploader reads from its {@code CONFIG_DIR}, by file name: the player page, the bucket
     * policy (anyone reads and lists, nobody else writes) and the lifecycle rules with their Content-MD5.
     */
    public Map<String, String> config(String bucketName) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String page : PAGE) {
            files.put(page, text("player/" + page));
        }
        String lifecycle = lifecycle();
        files.put("lifecycle.xml", lifecycle);
        files.put("lifecycle.md5", contentMd5(lifecycle) + "\n");
        files.put("policy.json", policy(bucketName));
        return files;
    }

    /**
     * Recordings expire after the retention; live segments the uploader could not delete (it was stopped
     * between two passes) after a day. The playlist and init segment are rewritten all the time and are
     * kept. RGW runs lifecycle rules once a day (rgw_lifecycle_work_time, 00:00-06:00 by default).
     */
    String lifecycle() {
        return "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n"
                + rule("live-segments", "live/segment-", 1)
                + rule("recordings", "recordings/", stream.retentionDays())
                + "</LifecycleConfiguration>\n";
    }

    private static String rule(String id, String prefix, int days) {
        return "  <Rule><ID>" + id + "</ID><Filter><Prefix>" + prefix + "</Prefix></Filter><Status>Enabled</Status>"
                + "<Expiration><Days>" + days + "</Days></Expiration></Rule>\n";
    }

    /** Anonymous GET of every object and listing of the bucket: the stream is public, as its page is. */
    static String policy(String bucket) {
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "PublicRead",
                      "Effect": "Allow",
                      "Principal": {"AWS": ["*"]},
                      "Action": ["s3:GetObject"],
                      "Resource": ["arn:aws:s3:::%1$s/*"]
                    },
                    {
                      "Sid": "PublicList",
                      "Effect": "Allow",
                      "Principal": {"AWS": ["*"]},
                      "Action": ["s3:ListBucket"],
                      "Resource": ["arn:aws:s3:::%1$s"]
                    }
                  ]
                }
                """.formatted(bucket);
    }

    /**
     * nginx's server block publishing the bucket read only: listening on {@code port}, proxying to the
     * gateway at the URL {@code gateway} ({@code http://host:port}) with path-style bucket addressing.
     */
    public String webServer(int port, String gateway, String bucketName) {
        return text("web.conf").replace("{{PORT}}", String.valueOf(port)).replace("{{GATEWAY}}", gateway)
                .replace("{{BUCKET}}", bucketName);
    }

    /** The Content-MD5 header of a body: base64 of its MD5, which RGW requires on PutBucketLifecycle. */
    static String contentMd5(String body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    private static String text(String name) {
        try (InputStream in = StreamFiles.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the generator jar lacks " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + name + ": " + e.getMessage(), e);
        }
    }
}
