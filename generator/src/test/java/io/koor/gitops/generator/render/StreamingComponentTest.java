package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.StreamFiles;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.apps.Streaming;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stream: what decides whether it encodes, reaches its bucket, stays bounded, and is served with TLS. */
class StreamingComponentTest {
    private static Cluster cluster(Streaming stream) {
        return Patterns.minimalProduction("demo")
                .rook(rook -> rook.objectStore(ObjectStore.named("objectstore").bucket("streaming", "stream")))
                .apps(apps -> apps.streaming(stream))
                .build();
    }

    private final Streaming stream = Streaming.toBucket("stream", "streaming", "stream.demo.example.com")
            .certificateFrom(AcmeIssuer.LETS_ENCRYPT_STAGING);
    private final List<Component> components = ClusterComponents.of(cluster(stream));
    private final Component streaming = components.stream().filter(c -> c.name().equals(StreamingRenderer.COMPONENT))
            .findFirst().orElseThrow();

    private JsonNode find(String kind, String name) {
        return RenderersTest.objects(streaming).stream()
                .filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .map(ManifestYaml::toTree).findFirst().orElseThrow(() -> new AssertionError(kind + "/" + name));
    }

    @Test
    void inTheAppsLayerAfterItsBucketClaimTheIngressControllerAndTheIssuers() {
        assertThat(streaming.layer()).isEqualTo(Layer.APPS);
        assertThat(streaming.dependsOn()).containsExactlyInAnyOrder(ClusterComponents.BUCKETS,
                PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);
        assertThat(components).extracting(Component::name).contains(PlatformRenderer.INGRESS_CONTROLLER,
                PlatformRenderer.CERT_MANAGER, PlatformRenderer.CERT_ISSUERS);
        assertThat(RenderersTest.objects(streaming)).extracting(HasMetadata::getKind).containsExactly("ConfigMap",
                "ConfigMap", "Deployment", "Deployment", "Service", "Ingress", "NetworkPolicy", "NetworkPolicy",
                "NetworkPolicy", "NetworkPolicy");
    }

    @Test
    void theEncoderRunsTheSharedArgumentsAndTheUploaderReadsTheClaimsConfigMapAndSecret() {
        JsonNode pod = find("Deployment", "stream-encoder").at("/spec/template/spec");
        assertThat(find("Deployment", "stream-encoder").at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(find("Deployment", "stream-encoder").at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        JsonNode encoder = pod.at("/containers/0");
        assertThat(encoder.at("/image").asText()).isEqualTo("jrottenberg/ffmpeg:8.1.2-ubuntu2404");
        List<String> args = new ArrayList<>();
        encoder.at("/args").forEach(a -> args.add(a.asText()));
        assertThat(args).isEqualTo(StreamFiles.of(stream).encoderArguments("/stream/live", "/stream/recordings",
                Optional.empty()));
        assertThat(args).contains("libx264", "aac").doesNotContain("-t");
        JsonNode uploader = pod.at("/containers/1");
        assertThat(uploader.at("/image").asText()).isEqualTo("curlimages/curl:8.21.0");
        assertThat(uploader.at("/command/1").asText()).isEqualTo("/etc/stream/upload.sh");
        assertThat(uploader.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("stream");
        assertThat(uploader.at("/envFrom/1/secretRef/name").asText()).isEqualTo("stream");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode files = find("ConfigMap", "stream-files").at("/data");
        assertThat(files.at("/upload.sh").asText()).isEqualTo(StreamFiles.of(stream).uploadScript());
        assertThat(files.at("/policy.json").asText()).contains("arn:aws:s3:::stream/*");
    }

    @Test
    void recordingsAreKeptForTheRetentionOnly() {
        JsonNode files = find("ConfigMap", "stream-files").at("/data");
        assertThat(files.at("/lifecycle.xml").asText())
                .contains("<ID>recordings</ID><Filter><Prefix>recordings/</Prefix></Filter><Status>Enabled</Status>"
                        + "<Expiration><Days>7</Days></Expiration>");
        assertThat(files.at("/lifecycle.md5").asText().strip()).isEqualTo(StreamFiles.of(stream).config("stream")
                .get("lifecycle.md5").strip()).hasSize(24);
        assertThatThrownBy(() -> stream.recordings(10, 90)).isInstanceOf(ModelException.class)
                .hasMessageContaining("retentionDays=90");
    }

    @Test
    void theWebServerProxiesReadsToTheBucketAndTheIngressServesItWithTls() {
        assertThat(find("ConfigMap", "stream-web").at("/data/default.conf").asText())
                .contains("proxy_pass http://rook-ceph-rgw-objectstore.rook-ceph.svc:80/stream/;")
                .contains("limit_except GET HEAD");
        JsonNode ingress = find("Ingress", "stream");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText())
                .isEqualTo("letsencrypt-staging");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("stream.demo.example.com");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("stream-tls");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("stream-web");
        assertThat(find("NetworkPolicy", "stream-web-from-ingress")
                .at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("traefik");
        assertThat(find("Deployment", "stream-web").at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aStreamWithoutItsBucketClaimIsRefusedNamingTheClaim() {
        assertThatThrownBy(() -> Patterns.minimalProduction("demo")
                .rook(rook -> rook.objectStore(ObjectStore.named("objectstore").bucket("other", "stream")))
                .apps(apps -> apps.streaming(stream)).build())
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("apps.streaming.bucketClaim")
                .hasMessageContaining("bucket(\"streaming\", \"stream\")");
    }
}
