package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.cdn.CdnServerConfig;
import io.koor.gitops.generator.apps.cdn.StaticSite;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.apps.StaticSiteCdn;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The static-site CDN: what reaches the bucket, how the server fronts it, and what the ingress publishes. */
class CdnComponentTest {
    private static Cluster cluster(StaticSiteCdn cdn) {
        return Patterns.minimalProduction("web")
                .rook(rook -> rook.objectStore(ObjectStore.named("objectstore").bucket("cdn", "static-site")))
                .apps(apps -> apps.cdn(cdn))
                .build();
    }

    private static final Cluster CLUSTER = cluster(StaticSiteCdn.fromBucket("cdn", "static-site", "site.example.com",
            "ceph-block").certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION).cacheSize(4).replicas(3));
    private static final List<Component> COMPONENTS = ClusterComponents.of(CLUSTER);
    private static final Component CDN = COMPONENTS.stream().filter(c -> c.name().equals(CdnRenderer.COMPONENT))
            .findFirst().orElseThrow();

    private static List<HasMetadata> objects() {
        return CDN.parts().stream().filter(p -> p instanceof Part.Manifests).flatMap(p -> ((Part.Manifests) p).objects().stream())
                .toList();
    }

    private static JsonNode object(String kind, String prefix) {
        return objects().stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().startsWith(prefix))
                .map(ManifestYaml::toTree).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + prefix));
    }

    @Test
    void appliedAfterItsBucketTheCephClusterAndTheIngressAndIssuersTheTreeInstalls() {
        assertThat(CDN.layer()).isEqualTo(Layer.APPS);
        assertThat(CDN.dependsOn()).containsExactlyInAnyOrder(ClusterComponents.BUCKETS, CephClusterRenderer.COMPONENT,
                PlatformRenderer.INGRESS_CONTROLLER, PlatformRenderer.CERT_ISSUERS);
        assertThat(COMPONENTS).extracting(Component::name).contains(PlatformRenderer.INGRESS_CONTROLLER,
                PlatformRenderer.CERT_MANAGER, PlatformRenderer.CERT_ISSUERS);
    }

    @Test
    void theJobUploadsTheSiteWithTheClaimsCoordinatesAndKeys() {
        JsonNode job = object("Job", "static-site-upload-");
        JsonNode pod = job.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/image").asText()).isEqualTo("amazon/aws-cli:2.34.48");
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("static-site");
        assertThat(container.at("/envFrom/1/secretRef/name").asText()).isEqualTo("static-site");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        String siteMap = pod.at("/volumes/0/configMap/name").asText();
        ConfigMap site = (ConfigMap) objects().stream().filter(o -> o.getMetadata().getName().equals(siteMap)).findFirst()
                .orElseThrow();
        // every file of the site, byte for byte, text as data and the picture and font as binaryData
        StaticSite.koorDemo().files().forEach((name, bytes) -> {
            byte[] inMap = site.getData().containsKey(name) ? site.getData().get(name).getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(site.getBinaryData().get(name));
            assertThat(inMap).as(name).isEqualTo(bytes);
        });
        assertThat(site.getImmutable()).isTrue();
        String scriptMap = pod.at("/volumes/1/configMap/name").asText();
        ConfigMap script = (ConfigMap) objects().stream().filter(o -> o.getMetadata().getName().equals(scriptMap))
                .findFirst().orElseThrow();
        assertThat(script.getData().get("upload-site.sh")).isEqualTo(StaticSite.uploadScript());
        // a new site is a new Job: its name carries the content's hash
        assertThat(job.at("/metadata/name").asText()).isEqualTo(scriptMap).endsWith(siteMap.substring(siteMap.lastIndexOf('-')));
    }

    @Test
    void theServerRunsTheTemplatesConfigurationAgainstTheGatewayWithItsCacheOnABlockVolumePerReplica() {
        JsonNode sts = object("StatefulSet", "static-site");
        assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("ceph-block");
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("4Gi");
        JsonNode pod = sts.at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(101);
        assertThat(pod.at("/containers/0/image").asText()).isEqualTo("nginxinc/nginx-unprivileged:1.29.8-alpine");
        ConfigMap conf = (ConfigMap) objects().stream()
                .filter(o -> o.getMetadata().getName().equals(pod.at("/volumes/0/configMap/name").asText())).findFirst()
                .orElseThrow();
        String expected = new CdnServerConfig("8080", "rook-ceph-rgw-objectstore.rook-ceph.svc:80", "static-site",
                "/var/cache/nginx/site", "3686m", "/tmp", "/dev/stdout").render();
        assertThat(conf.getData().get("nginx.conf")).isEqualTo(expected)
                .contains("proxy_pass http://gateway/static-site$uri;", "proxy_set_header Host rook-ceph-rgw-objectstore.rook-ceph.svc:80;",
                        "max_size=3686m", "listen 8080;", "add_header X-Cache-Status $upstream_cache_status always;");
    }

    @Test
    void theIngressServesTheHostWithTlsFromTheIssuerAndOnlyTheIngressReachesThePods() {
        JsonNode ingress = object("Ingress", "static-site");
        assertThat(ingress.at("/metadata/annotations/cert-manager.io~1cluster-issuer").asText()).isEqualTo("letsencrypt-production");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("traefik");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("site.example.com");
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("static-site");
        JsonNode fromIngress = object("NetworkPolicy", "static-site-from-ingress");
        assertThat(fromIngress.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("traefik");
        assertThat(fromIngress.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
        JsonNode solver = object("NetworkPolicy", "static-site-acme-solver");
        assertThat(solver.at("/spec/podSelector/matchLabels/acme.cert-manager.io~1http01-solver").asText()).isEqualTo("true");
        assertThat(solver.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8089);
    }

    @Test
    void refusedWhenItsBucketOrItsCacheVolumesCannotExist() {
        assertThatThrownBy(() -> cluster(StaticSiteCdn.fromBucket("web", "static-site", "site.example.com", "ceph-block")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("apps.cdn.bucketClaim: bucketClaim='static-site' is not a bucket claim in namespace web");
        assertThatThrownBy(() -> cluster(StaticSiteCdn.fromBucket("cdn", "static-site", "site.example.com", "fast")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("apps.cdn.storageClass: storageClass='fast' is not a block StorageClass of this cluster");
        assertThatThrownBy(() -> StaticSiteCdn.fromBucket("cdn", "static-site", "not a host", "ceph-block"))
                .isInstanceOf(ModelException.class).hasMessageContaining("host='not a host' is not a host name");
        assertThatThrownBy(() -> StaticSiteCdn.fromBucket("cdn", "static-site", "site.example.com", "ceph-block")
                .images("nginxinc/nginx-unprivileged", "amazon/aws-cli:2.34.48"))
                .isInstanceOf(ModelException.class).hasMessageContaining("has no tag");
    }

    @Test
    void theSiteIsFingerprintedAndItsReferencesRewritten() {
        StaticSite site = StaticSite.koorDemo();
        String css = site.servedName("site.css");
        assertThat(css).matches("site\\.[0-9a-f]{10}\\.css");
        String html = new String(site.files().get("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("href=\"" + css + "\"", "src=\"" + site.servedName("site.js") + "\"",
                "src=\"" + site.servedName("storage-bands.png") + "\"").doesNotContain("\"site.css\"");
        assertThat(new String(site.files().get(css), StandardCharsets.UTF_8)).contains(site.servedName("koor-glyphs.ttf"));
        assertThat(site.files().keySet()).allMatch(n -> n.matches("[-._a-zA-Z0-9]+"), "a ConfigMap key");
        assertThat(site.files().values().stream().mapToInt(b -> b.length).sum()).isLessThan(100 * 1024);
        // a PNG and a TrueType font, by their signatures
        assertThat(site.files().get(site.servedName("storage-bands.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(site.files().get(site.servedName("koor-glyphs.ttf"))).startsWith(0, 1, 0, 0);
    }
}
