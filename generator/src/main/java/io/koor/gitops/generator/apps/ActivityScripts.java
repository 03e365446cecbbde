package io.koor.gitops.generator.apps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The code the activity bots and benchmarks run, one copy of each: rendered into a ConfigMap that the
 * cluster's CronJobs mount, and read by the lab, which runs the same files against its own Ceph.
 */
public enum ActivityScripts {
    /** The S3 churn bot: random puts and deletes in a bucket, within hard limits on objects and bytes. */
    CHURN("churn.sh"),
    /** The database bot: pgbench at a fixed rate with a small read/write transaction of its own. */
    DATABASE_BOT("database-bot.sh"),
    /** The transaction the database bot runs (pgbench's script language). */
    DATABASE_BOT_TRANSACTION("database-bot.sql"),
    /** The visitor bot: fetches the pages of a site one after another, as a browser would, at a fixed pace. */
    VISITOR("visitor.sh"),
    /** Runs one benchmark tool, keeping its output, version and start and end times for {@link #BENCHMARK_RESULT}. */
    BENCHMARK_RUN("benchmark-run.sh"),
    /** Turns one benchmark tool's own output into a result file of {@value #RESULT_SCHEMA}. */
    BENCHMARK_RESULT("benchmark-result.sh"),
    /** Uploads a result file to the results bucket and pushes its summary to a Pushgateway. */
    PUBLISH_RESULT("publish-result.sh"),
    /** wrk's {@code done} hook printing the run's numbers as one JSON line that {@link #BENCHMARK_RESULT} reads. */
    WRK_REPORT("wrk-report.lua");

    /** The result format shared with {@code ./gitops report}: fields may be added under {@code parameters} only. */
    public static final String RESULT_SCHEMA = "gitops.koor.io/benchmark-result/v1";
    /** Where the CronJobs mount the scripts' ConfigMap. */
    public static final String MOUNT = "/opt/activity";

    private final String file;

    ActivityScripts(String file) {
        this.file = file;
    }

    /** The file's name, also its key in the ConfigMap and its name under {@link #MOUNT}. */
    public String file() {
        return file;
    }

    /** The path a container runs it from. */
    public String mounted() {
        return MOUNT + "/" + file;
    }

    public String text() {
        return AppResources.text("activity/" + file);
    }

    /** Every file by name, as the ConfigMap holds them. */
    public static Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        for (ActivityScripts script : values()) {
            all.put(script.file(), script.text());
        }
        return all;
    }
}
