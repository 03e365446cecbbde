package io.koor.gitops.generator.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.presets.Patterns;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's numbers, computed again here by hand from the definition and the price table. */
class ClusterReadmeTest {
    private static final PriceTable PRICES = new PriceTable("2030-01-01", "test prices", "EUR",
            Map.of("cx33", 10.0, "cx43", 20.0, "cx53", 40.0), 0.05, 1.0, Map.of("lb11", 6.0));

    @Test
    void saysHowToReachGrafanaWhatIsProbedAndWhoMayDoWhat() {
        Cluster cluster = Patterns.minimalProduction("p")
                .monitoring(io.koor.gitops.model.monitoring.Monitoring.kubePrometheusStack().probe("https://www.example.com/"))
                .access(io.koor.gitops.model.access.Access.none().guests("demo-guests")).build();
        String readme = ClusterReadme.render(cluster, Reconciler.flux(), PRICES, "test");
        assertThat(readme).contains("## Monitoring", "port-forward svc/kube-prometheus-stack-grafana 3000:80",
                "get secret kube-prometheus-stack-grafana", "Uptime probes (alert `EndpointDown` after 5 minutes): <https://www.example.com/>",
                "| platform-admin | everything | none |", "`demo-guests` |");
        // neither turned on, neither section
        assertThat(ClusterReadme.render(Patterns.minimalProduction("p").build(), Reconciler.flux(), PRICES, "test"))
                .doesNotContain("## Monitoring", "## Access");
    }

    @Test
    void capacityIsRawOverTheProtectionOverhead() {
        Cluster cluster = Patterns.objectStorageHeavy("s3").build();
        String readme = ClusterReadme.render(cluster, Reconciler.flux(), PRICES, "test");
        long raw = 7L * 4 * 500; // 7 nodes, 4 drives, 500 GB
        assertThat(readme).contains("Raw capacity: " + raw + " GB (7 nodes × 4 × 500 GB)");
        assertThat(readme).contains("| ceph-block (default) | block (RBD) | replicapool | 3 copies | host | "
                + (raw / 3) + " GB |");
        long ec = (long) Math.floor(raw / (6.0 / 4)); // 4+2: 1.5x raw
        assertThat(readme).contains("| ceph-bucket | object (S3 buckets) | objectstore data pool | erasure coded 4+2 | host | "
                + ec + " GB |");
    }

    @Test
    void monthlyCostAddsServersVolumesAndAddresses() {
        Cluster cluster = Patterns.minimalProduction("demo").build();
        String readme = ClusterReadme.render(cluster, Reconciler.flux(), PRICES, "test");
        double servers = 3 * 10.0 + 4 * 20.0; // 1 control plane + 2 workers on cx33, 4 storage on cx43
        double volumes = 4 * 2 * 100 * 0.05;
        double ips = 7 * 1.0;
        assertThat(readme).contains("| server cx33 | 3 | 10.00 EUR | 30.00 EUR |", "| server cx43 | 4 | 20.00 EUR | 80.00 EUR |",
                "| volumes | 800 GB | 0.050 EUR | 40.00 EUR |", "| primary IPv4 | 7 | 0.500 EUR | 7.00 EUR |".replace("0.500", "1.00"));
        assertThat(readme).contains(String.format(Locale.ROOT, "| **total** | | | **%.2f EUR** |", servers + volumes + ips));
        assertThat(readme).contains("dated 2030-01-01 (test prices)");
    }

    @Test
    void aServerTypeWithoutPriceIsSaidUnknown() {
        Cluster cluster = Patterns.databaseHeavy("db").build();
        String readme = ClusterReadme.render(cluster, Reconciler.flux(), PRICES, "test");
        assertThat(readme).contains("| server ccx33 | 4 | unknown | unknown |");
        assertThat(readme).contains("+ [server ccx33, server ccx23]**");
    }

    @Test
    void aHighlyAvailableControlPlanePaysForItsApiLoadBalancer() {
        assertThat(ClusterReadme.render(Patterns.highlyAvailable("ha").build(), Reconciler.flux(), PRICES, "test"))
                .contains("| load balancer lb11 (API) | 1 | 6.00 EUR | 6.00 EUR |",
                        "through a private load balancer (lb11) in front of the 3 control-plane nodes");
        assertThat(ClusterReadme.render(Patterns.minimalProduction("demo").build(), Reconciler.flux(), PRICES, "test"))
                .doesNotContain("load balancer lb11").contains("The Kubernetes API is the one control-plane node's");
    }

    @Test
    void nodesAndDaemons() {
        String readme = ClusterReadme.render(Patterns.highlyAvailable("ha").build(), Reconciler.flux(), PRICES, "test");
        assertThat(readme).contains("| control plane | 3 | cx33 | 8 GB | – |", "| storage | 5 | cx53 | 32 GB | 3 × 250 GB |");
        assertThat(readme).contains("```mermaid", "5 × ceph-mon", "15 × ceph-osd", "2 × ceph-mds (cephfs)",
                "2 × rgw (objectstore)", "dedicated to Ceph");
    }

    @Test
    void theReadmeNamesTheReconcilerThatIsUsed() {
        Cluster cluster = Patterns.minimalProduction("demo").build();
        String argo = ClusterReadme.render(cluster, Reconciler.argoCd("https://github.com/koor/demo-gitops.git", "main"),
                PRICES, "test");
        assertThat(argo).contains("api[\"kube-apiserver, etcd, Argo CD\"]").doesNotContain("Flux");
        assertThat(ClusterReadme.render(cluster, Reconciler.flux(), PRICES, "test"))
                .contains("api[\"kube-apiserver, etcd, Flux\"]").doesNotContain("Argo");
    }
}
