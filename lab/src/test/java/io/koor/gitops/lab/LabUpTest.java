package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The shared lab as the definition shapes it, and data written to it and read back through S3 and RBD. */
@ExtendWith(SharedLab.Resolver.class)
class LabUpTest {
    private final SharedLab shared;

    LabUpTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void everyPgIsActiveCleanAndHealthIsOk() {
        // as up left it: other tests add pools that cannot be placed, on purpose
        LabStatus status = shared.started;
        assertThat(status.allActiveClean()).as(status.summary()).isTrue();
        assertThat(status.health()).as(status.summary()).isEqualTo("HEALTH_OK");
        assertThat(status.osdsUp()).isEqualTo(6);
        assertThat(shared.lab.status(shared.dir).osdsUp()).isEqualTo(6);
    }

    @Test
    void thePoolsAreThoseRookWouldCreate() {
        LabStatus status = shared.lab.status(shared.dir);
        assertThat(status.pool("replicapool")).hasValueSatisfying(p -> {
            assertThat(p.erasureCoded()).isFalse();
            assertThat(p.size()).isEqualTo(3);
            assertThat(p.minSize()).isEqualTo(2);
            assertThat(p.application()).isEqualTo("rbd");
        });
        assertThat(status.pool("ecblock")).hasValueSatisfying(p -> {
            assertThat(p.erasureCoded()).isTrue();
            assertThat(p.size()).isEqualTo(3);
        });
        assertThat(status.pool("ecblock-metadata")).hasValueSatisfying(p -> assertThat(p.size()).isEqualTo(3));
        assertThat(status.pool("objects.rgw.buckets.data")).hasValueSatisfying(p -> {
            assertThat(p.erasureCoded()).isTrue();
            assertThat(p.application()).isEqualTo("rgw");
        });
        assertThat(status.pools()).extracting(LabStatus.PoolStatus::name).contains("objects.rgw.meta",
                "objects.rgw.buckets.index", ".rgw.root");
    }

    @Test
    void theClaimedBucketTakesAnObjectAndGivesItBack() {
        LabConnection connection = LabConnection.read(shared.dir);
        LabConnection.Bucket bucket = connection.bucket("objects", "uploads");
        try (S3Client s3 = connection.s3ForBucket("objects", "uploads")) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("uploads");
            s3.putObject(b -> b.bucket(bucket.name()).key("hello.txt"), RequestBody.fromString("hello, Ceph"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.name()).key("hello.txt")).asUtf8String())
                    .isEqualTo("hello, Ceph");
        }
        LabConnection.S3Credentials bot = connection.objectStores().get("objects").users().get("bot");
        assertThat(bot.toString()).doesNotContain(bot.secretKey());
        try (S3Client s3 = connection.s3("objects", bot)) {
            assertThat(s3.listBuckets().buckets()).isEmpty(); // its own user: the claim's bucket is not its
        }
    }

    @Test
    void anRbdImageTakesDataAndGivesItBack() throws Exception {
        LabConnection connection = LabConnection.read(shared.dir);
        Path scratch = Files.createTempDirectory("rbd");
        Path in = scratch.resolve("in");
        Path out = scratch.resolve("out");
        byte[] data = new byte[1 << 20];
        new java.util.Random(7).nextBytes(data);
        Files.write(in, data);
        List<String> rbd = List.of("rbd", "-c", connection.cephConf().toString());
        run(rbd, "create", "--size", "8M", connection.rbdPool() + "/image");
        run(rbd, "import", in.toString(), connection.rbdPool() + "/copy");
        run(rbd, "export", connection.rbdPool() + "/copy", out.toString());
        assertThat(Files.readAllBytes(out)).isEqualTo(data);
        assertThat(run(rbd, "ls", connection.rbdPool())).contains("image", "copy");
        Lab.delete(scratch);
    }

    private static String run(List<String> base, String... args) {
        List<String> command = new java.util.ArrayList<>(base);
        command.addAll(List.of(args));
        return new String(Command.run(command, Path.of("."), Duration.ofSeconds(60)).orFail().stdout()
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
