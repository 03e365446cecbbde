package io.koor.gitops.model.apps;

import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A live stream with picture and sound from a synthetic source, stored in the bucket of an
 * ObjectBucketClaim: ffmpeg encodes it into HLS segments (fragmented MP4) and MP4 recordings, an
 * uploader puts both into the bucket, and a small web server publishes the bucket (read only) with
 * the player page at a host name, with TLS, through the cluster's ingress.
 *
 * @param namespace        where it runs; the bucket claim must be there (its Secret holds the keys)
 * @param segmentSeconds   length of a live segment: the delay behind real time is about three of them
 * @param recordingMinutes length of one recording file; the one being written is lost if the encoder dies
 * @param retentionDays    recordings older than this are deleted by the bucket's lifecycle rule
 * @param tlsSecret        the Secret the Ingress serves TLS from: one you create, or the one cert-manager
 *                         fills when {@code issuer} is set
 */
public record Streaming(DnsLabel name, DnsLabel namespace, DnsLabel bucketClaim, TestSource source, int segmentSeconds,
                        int recordingMinutes, int retentionDays, String host, DnsLabel ingressClass, DnsLabel tlsSecret,
                        Optional<AcmeIssuer> issuer, Images images) {

    /**
     * ffmpeg's generated picture and tone: no camera, no licensed material.
     *
     * @param pattern   one of ffmpeg's lavfi test sources: {@code testsrc2}, {@code smptehdbars}, {@code smptebars},
     *                  {@code testsrc}
     * @param videoKbps the H.264 bit rate; with 128 kbit/s of AAC it sets what a day of recordings stores
     */
    public record TestSource(String pattern, int width, int height, int fps, int toneHz, int videoKbps) {
        static final Set<String> PATTERNS = Set.of("testsrc2", "smptehdbars", "smptebars", "testsrc");

        public TestSource {
            Problems problems = new Problems();
            problems.require(PATTERNS.contains(pattern), "pattern", "pattern='" + pattern
                    + "' is not one of ffmpeg's test sources " + new java.util.TreeSet<>(PATTERNS));
            problems.require(width >= 160 && width <= 3840 && width % 2 == 0 && height >= 120 && height <= 2160
                    && height % 2 == 0, "size", width + "x" + height
                    + ": give an even width of 160 to 3840 and an even height of 120 to 2160 (H.264 4:2:0 needs even sizes)");
            problems.require(fps >= 1 && fps <= 60, "fps", "fps=" + fps + ": give 1 to 60 frames a second");
            problems.require(toneHz >= 20 && toneHz <= 20000, "toneHz", "toneHz=" + toneHz + ": give an audible 20 to 20000 Hz");
            problems.require(videoKbps >= 100 && videoKbps <= 20000, "videoKbps", "videoKbps=" + videoKbps
                    + ": give 100 to 20000 kbit/s");
            problems.throwIfAny();
        }

        /** ffmpeg's testsrc2 at 1280x720, 25 frames a second, 2500 kbit/s, and a 440 Hz tone. */
        public static TestSource testPattern() {
            return new TestSource("testsrc2", 1280, 720, 25, 440, 2500);
        }

        public TestSource pattern(String name) {
            return Problems.at("pattern", () -> new TestSource(name, width, height, fps, toneHz, videoKbps));
        }

        public TestSource size(int w, int h, int framesPerSecond) {
            return new TestSource(pattern, w, h, framesPerSecond, toneHz, videoKbps);
        }

        public TestSource bitrate(int kbps) {
            return new TestSource(pattern, width, height, fps, toneHz, kbps);
        }
    }

    /** The images it runs: ffmpeg, curl (the uploader's S3 client) and nginx (the read-only web server). */
    public record Images(ImageRef encoder, ImageRef uploader, ImageRef web) {
        public Images {
            Objects.requireNonNull(encoder, "encoder");
            Objects.requireNonNull(uploader, "uploader");
            Objects.requireNonNull(web, "web");
        }

        public static Images pinned() {
            return new Images(AppImage.parse(Versions.STREAM_ENCODER_IMAGE), AppImage.parse(Versions.STREAM_UPLOADER_IMAGE),
                    AppImage.parse(Versions.STREAM_WEB_IMAGE));
        }
    }

    public Streaming {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(tlsSecret, "tlsSecret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(images, "images");
        Problems problems = new Problems();
        problems.require(segmentSeconds >= 1 && segmentSeconds <= 10, "segmentSeconds", "segmentSeconds=" + segmentSeconds
                + ": give 1 to 10; players stay about three segments behind real time");
        problems.require(recordingMinutes >= 1 && recordingMinutes <= 60, "recordingMinutes", "recordingMinutes="
                + recordingMinutes + ": give 1 to 60; a longer file is lost whole if the encoder dies while writing it");
        problems.require(retentionDays >= 1 && retentionDays <= 30, "retentionDays", "retentionDays=" + retentionDays
                + ": keep recordings 1 to 30 days (at 2.6 Mbit/s a day is about 28 GB before replication);"
                + " the bucket's lifecycle rule deletes older ones");
        problems.require(HostName.isValid(host), "host", "'" + host
                + "' is not a host name such as stream.demo.example.com");
        problems.throwIfAny();
    }

    /**
     * The stream {@code name} in {@code namespace}, stored in the bucket of the claim of the same name there;
     * ffmpeg's test pattern, 2 s segments, 10-minute recordings kept 7 days, published at {@code host} through
     * Traefik's ingress class with TLS from the Secret {@code <name>-tls}.
     */
    public static Streaming toBucket(String name, String namespace, String host) {
        DnsLabel label = Problems.at("name", () -> DnsLabel.of(name));
        return new Streaming(label, Problems.at("namespace", () -> DnsLabel.of(namespace)), label,
                TestSource.testPattern(), 2, 10, 7, host, DnsLabel.of("traefik"), DnsLabel.of(name + "-tls"),
                Optional.empty(), Images.pinned());
    }

    public Streaming bucketClaim(String claim) {
        return new Streaming(name, namespace, Problems.at("bucketClaim", () -> DnsLabel.of(claim)), source, segmentSeconds,
                recordingMinutes, retentionDays, host, ingressClass, tlsSecret, issuer, images);
    }

    public Streaming source(TestSource testSource) {
        return new Streaming(name, namespace, bucketClaim, Objects.requireNonNull(testSource, "source"), segmentSeconds,
                recordingMinutes, retentionDays, host, ingressClass, tlsSecret, issuer, images);
    }

    public Streaming segmentSeconds(int seconds) {
        return new Streaming(name, namespace, bucketClaim, source, seconds, recordingMinutes, retentionDays, host,
                ingressClass, tlsSecret, issuer, images);
    }

    public Streaming recordings(int minutesEach, int keptDays) {
        return new Streaming(name, namespace, bucketClaim, source, segmentSeconds, minutesEach, keptDays, host,
                ingressClass, tlsSecret, issuer, images);
    }

    public Streaming ingressClass(String className) {
        return new Streaming(name, namespace, bucketClaim, source, segmentSeconds, recordingMinutes, retentionDays, host,
                Problems.at("ingressClass", () -> DnsLabel.of(className)), tlsSecret, issuer, images);
    }

    /** TLS from this Secret: one you create, or the one cert-manager fills when {@link #certificateFrom} is set too. */
    public Streaming tls(String secretName) {
        return new Streaming(name, namespace, bucketClaim, source, segmentSeconds, recordingMinutes, retentionDays, host,
                ingressClass, Problems.at("tlsSecret", () -> DnsLabel.of(secretName)), issuer, images);
    }

    /** A certificate for the host from this ACME issuer, through cert-manager (which the tree then installs). */
    public Streaming certificateFrom(AcmeIssuer acme) {
        return new Streaming(name, namespace, bucketClaim, source, segmentSeconds, recordingMinutes, retentionDays, host,
                ingressClass, tlsSecret, Optional.of(Objects.requireNonNull(acme, "acme")), images);
    }

    public Streaming images(String encoder, String uploader, String web) {
        return new Streaming(name, namespace, bucketClaim, source, segmentSeconds, recordingMinutes, retentionDays, host,
                ingressClass, tlsSecret, issuer, new Images(Problems.at("images.encoder", () -> AppImage.parse(encoder)),
                Problems.at("images.uploader", () -> AppImage.parse(uploader)),
                Problems.at("images.web", () -> AppImage.parse(web))));
    }

}
