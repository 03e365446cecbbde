package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.apps.Streaming;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import org.junit.jupiter.api.Test;

class StreamingInvariantsTest {
    private static final Streaming STREAM = Streaming.toBucket("stream", "streaming", "stream.demo.example.com");

    private static Cluster.Builder withClaim(String namespace) {
        return ClusterInvariantsTest.valid().rook(ClusterInvariantsTest.rook(r -> r
                .objectStore(ObjectStore.named("objectstore").bucket(namespace, "stream"))));
    }

    @Test
    void aStreamIntoAClaimOfItsNamespaceBuildsWithBoundedDefaults() {
        Streaming stream = withClaim("streaming").apps(a -> a.streaming(STREAM)).build().apps().streaming().orElseThrow();
        assertThat(stream.bucketClaim().value()).isEqualTo("stream");
        assertThat(stream.segmentSeconds()).isEqualTo(2);
        assertThat(stream.recordingMinutes()).isEqualTo(10);
        assertThat(stream.retentionDays()).isEqualTo(7);
        assertThat(stream.tlsSecret().value()).isEqualTo("stream-tls");
        assertThat(stream.images().encoder().toString()).isEqualTo("jrottenberg/ffmpeg:8.1.2-ubuntu2404");
    }

    @Test
    void aClaimOutsideTheStreamsNamespaceIsRefusedWithItsPathAndTheFix() {
        assertThatThrownBy(() -> withClaim("other").apps(a -> a.streaming(STREAM)).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].apps.streaming.bucketClaim: bucketClaim='stream' is not a bucket claim"
                        + " in namespace streaming")
                .hasMessageContaining("bucket(\"streaming\", \"stream\")");
    }

    @Test
    void unboundedOrUnplayableSettingsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> STREAM.recordings(10, 365)).isInstanceOf(ModelException.class)
                .hasMessageContaining("retentionDays=365");
        assertThatThrownBy(() -> STREAM.segmentSeconds(30)).isInstanceOf(ModelException.class)
                .hasMessageContaining("segmentSeconds=30");
        assertThatThrownBy(() -> STREAM.recordings(0, 7)).isInstanceOf(ModelException.class)
                .hasMessageContaining("recordingMinutes=0");
        assertThatThrownBy(() -> Streaming.TestSource.testPattern().size(1279, 720, 25)).isInstanceOf(ModelException.class)
                .hasMessageContaining("1279x720");
        assertThatThrownBy(() -> Streaming.TestSource.testPattern().pattern("mandelbrot")).isInstanceOf(ModelException.class)
                .hasMessageContaining("pattern='mandelbrot'");
        assertThatThrownBy(() -> Streaming.toBucket("stream", "streaming", "not a host")).isInstanceOf(ModelException.class)
                .hasMessageContaining("'not a host' is not a host name");
        assertThatThrownBy(() -> STREAM.images("jrottenberg/ffmpeg:latest", "curlimages/curl:8.20.0",
                "nginxinc/nginx-unprivileged:1.31.0-alpine")).isInstanceOf(ModelException.class)
                .hasMessageContaining("images.encoder");
    }

    @Test
    void theStreamUsesTheIngressClassTheDashboardUses() {
        assertThatThrownBy(() -> withClaim("streaming")
                .rook(ClusterInvariantsTest.rook(r -> r.objectStore(ObjectStore.named("objectstore").bucket("streaming", "stream"))
                        .dashboard(DashboardIngress.at("ceph.demo.example.com", "nginx"))))
                .apps(a -> a.streaming(STREAM)).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("apps.streaming.ingressClass: ingressClass='traefik' differs from the dashboard's 'nginx'");
    }
}
