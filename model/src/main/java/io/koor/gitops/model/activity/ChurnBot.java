package io.koor.gitops.model.activity;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;

/**
 * The S3 churn bot: every run puts, replaces and deletes objects of random sizes under a fixed set of
 * names in the bucket of an ObjectBucketClaim, and never takes the bucket above its hard limits on
 * object count and bytes (above one it only deletes), so it can never fill a drive.
 *
 * @param namespace   where the bucket claim is (the bot reads the claim's Secret and ConfigMap there)
 * @param bucketClaim the claim whose bucket the bot churns
 * @param schedule    five cron fields; runs never overlap ({@code concurrencyPolicy: Forbid})
 * @param files       how many names the bot uses ({@code churn/file-0000.bin} ...), the set it churns
 * @param stepsPerRun puts or deletes per run
 */
public record ChurnBot(DnsLabel namespace, DnsLabel bucketClaim, String schedule, long minObjectBytes,
                       long maxObjectBytes, int files, int maxObjects, long maxBytes, int stepsPerRun) {
    /** Object sizes the bot's 30 random bits can pick from. */
    static final long MAX_OBJECT_BYTES = 1L << 30;

    public ChurnBot {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        String cron = schedule;
        schedule = Problems.at("", () -> CronSchedule.check(cron));
        Problems problems = new Problems();
        problems.require(minObjectBytes >= 1 && minObjectBytes <= maxObjectBytes, "objectBytes", "objectBytes("
                + minObjectBytes + ", " + maxObjectBytes + "): give a range of at least 1 byte, the smaller first");
        problems.require(maxObjectBytes <= MAX_OBJECT_BYTES, "objectBytes", "objectBytes(..., " + maxObjectBytes
                + "): objects of at most 1 GiB (" + MAX_OBJECT_BYTES + " bytes)");
        problems.require(files >= 1, "files", "files=" + files + ": the bot needs at least one name to churn");
        problems.require(maxObjects >= 1, "maxObjects", "maxObjects=" + maxObjects + ": allow at least one object");
        problems.require(maxBytes >= maxObjectBytes, "maxBytes", "maxBytes=" + maxBytes + " is below the largest object ("
                + maxObjectBytes + " bytes); raise it or lower objectBytes");
        problems.require(stepsPerRun >= 1 && stepsPerRun <= 10_000, "stepsPerRun", "stepsPerRun=" + stepsPerRun
                + ": give 1 to 10000 puts or deletes per run");
        problems.throwIfAny();
    }

    /** Every 5 minutes, 20 steps of 4 KiB to 4 MiB among 200 names, at most 100 objects and 256 MiB. */
    public static ChurnBot inBucket(String namespace, String bucketClaim) {
        return new ChurnBot(Problems.at("namespace", () -> DnsLabel.of(namespace)),
                Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim)), "*/5 * * * *", 4096, 4L << 20, 200, 100,
                256L << 20, 20);
    }

    public ChurnBot schedule(String cron) {
        return new ChurnBot(namespace, bucketClaim, cron, minObjectBytes, maxObjectBytes, files, maxObjects, maxBytes,
                stepsPerRun);
    }

    /** The range each object's size is drawn from, in bytes. */
    public ChurnBot objectBytes(long min, long max) {
        return new ChurnBot(namespace, bucketClaim, schedule, min, max, files, maxObjects, maxBytes, stepsPerRun);
    }

    /** How many names the bot churns among. */
    public ChurnBot files(int count) {
        return new ChurnBot(namespace, bucketClaim, schedule, minObjectBytes, maxObjectBytes, count, maxObjects, maxBytes,
                stepsPerRun);
    }

    /** The hard limits: the bucket never holds more objects or bytes of the bot's than these. */
    public ChurnBot limits(int objects, long bytes) {
        return new ChurnBot(namespace, bucketClaim, schedule, minObjectBytes, maxObjectBytes, files, objects, bytes,
                stepsPerRun);
    }

    public ChurnBot stepsPerRun(int steps) {
        return new ChurnBot(namespace, bucketClaim, schedule, minObjectBytes, maxObjectBytes, files, maxObjects, maxBytes,
                steps);
    }
}
