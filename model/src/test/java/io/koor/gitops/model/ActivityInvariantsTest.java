package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.activity.Activity;
import io.koor.gitops.model.activity.Benchmark;
import io.koor.gitops.model.activity.ChurnBot;
import io.koor.gitops.model.activity.DatabaseBot;
import io.koor.gitops.model.activity.VisitorBot;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import org.junit.jupiter.api.Test;

/** Bots and benchmarks: settings that cannot work are refused, and what they refer to must be the cluster's. */
class ActivityInvariantsTest {
    private static Cluster.Builder base() {
        return Patterns.minimalProduction("demo")
                .rook(r -> r.objectStore(ObjectStore.named("objects").bucket("activity", "churn")
                        .bucket("database", "results")))
                .apps(a -> a.postgres(PostgresCluster.named("app", "database", "ceph-block")));
    }

    @Test
    void theChurnBotsDefaultsAreEveryFiveMinutesWithinItsLimits() {
        ChurnBot bot = ChurnBot.inBucket("activity", "churn");
        assertThat(bot.schedule()).isEqualTo("*/5 * * * *");
        assertThat(bot.maxBytes()).isGreaterThanOrEqualTo(bot.maxObjectBytes());
        Cluster cluster = base().activity(Activity.none().churn(bot)).build();
        assertThat(cluster.activity().churn()).contains(bot);
    }

    @Test
    void limitsBelowTheLargestObjectOrAnEmptyRangeAreRefused() {
        assertThatThrownBy(() -> ChurnBot.inBucket("activity", "churn").limits(10, 1024))
                .hasMessageContaining("maxBytes: maxBytes=1024 is below the largest object (4194304 bytes)");
        assertThatThrownBy(() -> ChurnBot.inBucket("activity", "churn").objectBytes(100, 10))
                .hasMessageContaining("objectBytes(100, 10): give a range of at least 1 byte, the smaller first");
        assertThatThrownBy(() -> ChurnBot.inBucket("activity", "churn").schedule("every 5 minutes"))
                .hasMessageContaining("schedule='every 5 minutes': a CronJob takes five cron fields");
    }

    @Test
    void aBotsBucketClaimAndDatabaseMustExist() {
        assertThatThrownBy(() -> base().activity(Activity.none().churn(ChurnBot.inBucket("activity", "nope"))
                .database(DatabaseBot.against("orders"))).build())
                .hasMessageContaining("clusters[demo].activity.churn.bucketClaim: 'nope' is not a bucket claim in"
                        + " namespace activity")
                .hasMessageContaining("clusters[demo].activity.database.database: database='orders' is not a PostgreSQL"
                        + " cluster of this definition");
    }

    @Test
    void benchmarksNeedTheirResultsClaimVolumeClassDatabaseAndRooksNamespace() {
        assertThatThrownBy(() -> base().activity(Activity.none()
                .benchmark(Benchmark.fio("rbd", "database", "ceph-fast", "results"))
                .benchmark(Benchmark.pgbench("app", "activity", "results"))
                .benchmark(Benchmark.radosBench("replicapool", "database", "results"))).build())
                .hasMessageContaining("activity.benchmarks[fio-rbd-randwrite].storageClass: storageClass='ceph-fast' is"
                        + " not a block or filesystem StorageClass of this cluster (it has ceph-block)")
                .hasMessageContaining("activity.benchmarks[pgbench-app].resultsClaim: 'results' is not a bucket claim in"
                        + " namespace activity")
                .hasMessageContaining("activity.benchmarks[pgbench-app].database: database='app' is not a PostgreSQL"
                        + " cluster in namespace activity")
                .hasMessageContaining("activity.benchmarks[rados-bench-replicapool].namespace: rados bench runs with the"
                        + " toolbox's keys in Rook's namespace rook-ceph, not database");
        assertThat(base().activity(Activity.none().benchmark(Benchmark.pgbench("app", "database", "results"))).build()
                .activity().benchmarks()).extracting(Benchmark::target).containsExactly("postgresql");
    }

    @Test
    void aVisitorVisitsHttpPagesOnly() {
        assertThatThrownBy(() -> VisitorBot.visiting("activity", "ftp://cdn.example.org/"))
                .hasMessageContaining("'ftp://cdn.example.org/' is not an http or https URL");
        assertThatThrownBy(() -> Activity.none().pushgateway("pushgateway:9091"))
                .hasMessageContaining("pushgateway='pushgateway:9091': give the Pushgateway's base URL");
    }

    @Test
    void aVisitorsAndWrksConnectionsGoToTheirPagesPorts() {
        assertThat(VisitorBot.visiting("activity", "https://site.example.org/", "http://stream.example.org/live/index.m3u8",
                "https://site.example.org:8443/x").ports()).containsExactly(80, 443, 8443);
        assertThat(Benchmark.wrk("cdn", "activity", "https://site.example.org/", "results").webPort()).contains(443);
        assertThat(Benchmark.pgbench("app", "database", "results").webPort()).isEmpty();
        assertThat(Benchmark.wrk("cdn", "activity", "https://site.example.org/", "results").target()).isEqualTo("http");
    }
}
