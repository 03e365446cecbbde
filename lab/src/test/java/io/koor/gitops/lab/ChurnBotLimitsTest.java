package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.model.activity.ChurnBot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The churn bot's own script, with the aws CLI, against the lab's real RGW: driven past its limits
 * (more steps than the limits leave room for), the bucket never holds more objects or bytes than they
 * allow at any observation of a watcher listing it every 100 ms throughout; above a limit it only deletes.
 */
@ExtendWith(SharedLab.Resolver.class)
class ChurnBotLimitsTest {
    private static final int MAX_OBJECTS = 4;
    private static final long MAX_BYTES = 200 * 1024;
    private final SharedLab shared;

    ChurnBotLimitsTest(SharedLab shared) {
        this.shared = shared;
    }

    /**
     * A bot of 10-100 KiB objects among 8 names, whose limits 14 steps a run would pass several times over
     * (each step is an aws CLI call, seconds on a loaded machine: two runs keep the test to minutes).
     */
    private static ChurnBot bot() {
        return ChurnBot.inBucket("activity", "churn").objectBytes(10 * 1024, 100 * 1024).files(8)
                .limits(MAX_OBJECTS, MAX_BYTES).stepsPerRun(14);
    }

    @Test
    void theBucketNeverHoldsMoreThanTheLimitsAllow() throws Exception {
        assumeAwsCli();
        LabConnection.S3Credentials owner = shared.connection.objectStores().get("objects").users().get("bot");
        String bucket = "churn-limits";
        try (S3Client s3 = shared.connection.s3("objects", owner)) {
            s3.createBucket(b -> b.bucket(bucket));
            Watcher watcher = new Watcher(s3, bucket);
            Thread thread = new Thread(watcher, "churn-watcher");
            thread.start();
            LabActivity activity = new LabActivity(shared.connection);
            List<String> runs = new ArrayList<>();
            try {
                for (int run = 0; run < 2; run++) {
                    runs.add(activity.churn(bot(), "objects", bucket, owner));
                }
            } finally {
                watcher.stop.set(true);
                thread.join();
            }
            System.err.println("churn: " + String.join("\n       ", runs) + "\n       " + watcher.observations
                    + " observations, at most " + watcher.maxObjects + " objects and " + watcher.maxBytes + " bytes");
            assertThat(watcher.failure).isNull();
            assertThat(watcher.observations).as("the watcher listed the bucket while the bot ran").isGreaterThan(10);
            assertThat(watcher.maxObjects).isLessThanOrEqualTo(MAX_OBJECTS);
            assertThat(watcher.maxBytes).isLessThanOrEqualTo(MAX_BYTES);
            // driven past them: the bucket reached a limit, and the bot held puts back because of it
            assertThat(watcher.maxObjects == MAX_OBJECTS || watcher.maxBytes > MAX_BYTES - 100 * 1024)
                    .as("the bucket reached a limit").isTrue();
            assertThat(runs).anySatisfy(line -> assertThat(line).doesNotContain("(0 held back"));
            Listing end = Listing.of(s3, bucket);
            assertThat(runs.get(runs.size() - 1)).contains("now " + end.count() + " objects, " + end.bytes() + " bytes");
        } finally {
            remove(owner, bucket);
        }
    }

    @Test
    void aboveALimitItOnlyDeletes() throws Exception {
        assumeAwsCli();
        LabConnection.S3Credentials owner = shared.connection.objectStores().get("objects").users().get("bot");
        String bucket = "churn-over";
        try (S3Client s3 = shared.connection.s3("objects", owner)) {
            s3.createBucket(b -> b.bucket(bucket));
            // 7 of the bot's names, above its 4 objects, as after lowering the limit
            for (int i = 0; i < 7; i++) {
                String key = String.format("churn/file-%04d.bin", i);
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[1024]));
            }
            String line = new LabActivity(shared.connection).churn(bot().stepsPerRun(3), "objects", bucket, owner);
            assertThat(line).startsWith("churn: 0 puts, 3 deletes (3 held back by a limit)");
            assertThat(Listing.of(s3, bucket).count()).isEqualTo(4);
        } finally {
            remove(owner, bucket);
        }
    }

    /**
     * Leaves the bot user as the other tests expect it: owning no bucket. A bucket that was never made (its creation
     * failed) is no second failure: that would hide the first one from the report.
     */
    private void remove(LabConnection.S3Credentials owner, String bucket) {
        try (S3Client s3 = shared.connection.s3("objects", owner)) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()
                    .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            // nothing to remove
        }
    }

    private static void assumeAwsCli() {
        List<String> missing = LabActivity.missingPrograms("aws", "bash");
        if (!missing.isEmpty()) {
            String reason = "SKIPPED: the churn bot needs " + String.join(", ", missing) + " (Debian: awscli)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
    }

    record Listing(int count, long bytes) {
        static Listing of(S3Client s3, String bucket) {
            List<S3Object> objects = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("churn/")).contents()
                    .stream().toList();
            return new Listing(objects.size(), objects.stream().mapToLong(S3Object::size).sum());
        }
    }

    /** Lists the bucket again and again until stopped, keeping the most objects and bytes it saw. */
    static final class Watcher implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final S3Client s3;
        final String bucket;
        volatile int observations;
        volatile int maxObjects;
        volatile long maxBytes;
        volatile Throwable failure;

        Watcher(S3Client s3, String bucket) {
            this.s3 = s3;
            this.bucket = bucket;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    Listing now = Listing.of(s3, bucket);
                    observations++;
                    maxObjects = Math.max(maxObjects, now.count());
                    maxBytes = Math.max(maxBytes, now.bytes());
                    Thread.sleep(100);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
