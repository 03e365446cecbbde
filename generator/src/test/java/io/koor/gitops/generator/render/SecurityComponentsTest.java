package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.yaml.ManifestYaml;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pod Security admission on every namespace the tree creates, and the application namespaces' NetworkPolicies. */
class SecurityComponentsTest {
    private final Cluster cluster = TestSystems.full("big");
    private final List<JsonNode> objects = ClusterComponents.of(cluster).stream()
            .flatMap(c -> RenderersTest.objects(c).stream()).map(o -> (JsonNode) ManifestYaml.toTree(o)).toList();

    private List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private List<JsonNode> policiesIn(String namespace) {
        return ofKind("NetworkPolicy").stream().filter(p -> p.at("/metadata/namespace").asText().equals(namespace)).toList();
    }

    @Test
    void everyNamespaceEnforcesItsLevelPinnedToTheClustersKubernetesMinor() {
        Map<String, String> levels = new TreeMap<>();
        for (JsonNode ns : ofKind("Namespace")) {
            JsonNode labels = ns.at("/metadata/labels");
            String enforce = labels.path("pod-security.kubernetes.io/enforce").asText();
            levels.put(ns.at("/metadata/name").asText(), enforce);
            for (String mode : List.of("enforce", "audit", "warn")) {
                assertThat(labels.path("pod-security.kubernetes.io/" + mode + "-version").asText()).isEqualTo("v1.32");
            }
            // baseline reports what restricted would reject; the others report their own level
            String reported = enforce.equals("baseline") ? "restricted" : enforce;
            assertThat(labels.path("pod-security.kubernetes.io/audit").asText()).isEqualTo(reported);
            assertThat(labels.path("pod-security.kubernetes.io/warn").asText()).isEqualTo(reported);
        }
        assertThat(levels).containsExactlyInAnyOrderEntriesOf(Map.of(
                "rook-ceph", "privileged", "monitoring", "privileged", "cnpg-system", "restricted",
                "cert-manager", "restricted", "traefik", "restricted", "backups", "restricted", "cdn", "restricted",
                "shop", "restricted", "velero", "baseline"));
    }

    @Test
    void applicationNamespacesWithoutADatabaseDenyAllButDns() {
        for (String ns : List.of("cdn", "velero")) {
            Map<String, JsonNode> byName = policiesIn(ns).stream()
                    .collect(Collectors.toMap(p -> p.at("/metadata/name").asText(), p -> p));
            JsonNode deny = byName.get(ns + "-default-deny");
            assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
            assertThat(deny.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
            assertThat(deny.at("/spec/ingress").isMissingNode()).isTrue();
            assertThat(deny.at("/spec/egress").isMissingNode()).isTrue();
            JsonNode dns = byName.get(ns + "-allow-dns");
            assertThat(dns.at("/spec/egress/0/to/0/podSelector/matchLabels/k8s-app").asText()).isEqualTo("kube-dns");
            assertThat(dns.at("/spec/egress/0/ports").findValuesAsText("port")).containsExactly("53", "53");
        }
        // the databases' namespaces keep the policies CloudNativePG needs, and get no second deny
        assertThat(policiesIn("backups")).extracting(p -> p.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("default-deny-ingress", "orders-instances", "orders-restore-instances");
        assertThat(policiesIn("shop")).extracting(p -> p.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("default-deny-ingress", "catalog-instances");
    }

    @Test
    void veleroMayReachOnlyTheApiServerAndItsBucketsGateways() {
        JsonNode egress = policiesIn("velero").stream()
                .filter(p -> p.at("/metadata/name").asText().equals("velero-egress")).findFirst().orElseThrow();
        assertThat(egress.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("velero");
        assertThat(egress.at("/spec/egress/0/to/0/ipBlock/cidr").asText()).isEqualTo(cluster.network().nodeCidr().toString());
        assertThat(egress.at("/spec/egress/0/ports/0/port").asInt()).isEqualTo(6443);
        JsonNode gateways = egress.at("/spec/egress/1");
        assertThat(gateways.at("/to/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("rook-ceph");
        assertThat(gateways.at("/to/0/podSelector/matchLabels/app").asText()).isEqualTo("rook-ceph-rgw");
        assertThat(gateways.at("/to/0/podSelector/matchLabels/rook_object_store").asText()).isEqualTo("s3");
        // the store has TLS: RGW's secure port, not the plain 8080 its pods listen on otherwise
        assertThat(gateways.at("/ports/0/port").asInt()).isEqualTo(443);
        assertThat(egress.at("/spec/egress")).hasSize(2);
    }
}
