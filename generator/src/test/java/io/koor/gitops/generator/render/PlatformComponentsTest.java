package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.model.ceph.DashboardIngress;
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.Platform;
import io.koor.gitops.model.cluster.Platform.Install;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.values.AcmeIssuer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlatformComponentsTest {

    private static Map<String, Component> byName(Cluster cluster) {
        return ClusterComponents.of(cluster).stream().collect(Collectors.toMap(Component::name, Function.identity()));
    }

    private static Part.ChartInstall chart(Component component) {
        return component.parts().stream().filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p)
                .findFirst().orElseThrow();
    }

    @Test
    void snapshotClassesBringTheSnapshotControllerAndWaitForIt() {
        Map<String, Component> components = byName(TestSystems.cluster("lab", 3, "v1.20.6"));
        Component snapshots = components.get(PlatformRenderer.SNAPSHOT_CONTROLLER);
        assertThat(snapshots.layer()).isEqualTo(Layer.CONTROLLERS);
        assertThat(chart(snapshots).chart()).isEqualTo("snapshot-controller");
        assertThat(chart(snapshots).values()).containsEntry("installCRDs", true);
        assertThat(components.get(CephClusterRenderer.COMPONENT).dependsOn())
                .contains(PlatformRenderer.SNAPSHOT_CONTROLLER, RookOperatorRenderer.COMPONENT);
        // nothing else is needed by this cluster, so nothing else is installed
        assertThat(components).doesNotContainKeys(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS,
                PlatformRenderer.INGRESS_CONTROLLER);
    }

    @Test
    void withoutSnapshotClassesThereIsNoSnapshotController() {
        Cluster cluster = Patterns.minimalProduction("p").rook(r -> r.snapshotClasses(false)).build();
        assertThat(byName(cluster)).doesNotContainKey(PlatformRenderer.SNAPSHOT_CONTROLLER);
    }

    @Test
    void monitoringBringsThePrometheusOperatorCrdsBeforeTheClusterAndItsRules() {
        Map<String, Component> components = byName(Patterns.highlyAvailable("ha").build());
        Part.ChartInstall crds = chart(components.get(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS));
        assertThat(crds.chart()).isEqualTo("prometheus-operator-crds");
        assertThat(crds.values().toString()).contains("helm.sh/resource-policy=keep");
        // Rook creates ServiceMonitors for monitoring.enabled, the tools component holds the PrometheusRule
        assertThat(components.get(CephClusterRenderer.COMPONENT).dependsOn()).contains(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS);
        assertThat(components.get(ClusterComponents.TOOLS).dependsOn()).contains(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS);
    }

    @Test
    void theDashboardBringsAnIngressControllerForItsClassAndSpeaksPlainHttpBehindIt() {
        Cluster cluster = Patterns.minimalProduction("p")
                .rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com", "dashboards").tls("ceph-tls"))).build();
        Map<String, Component> components = byName(cluster);
        Part.ChartInstall traefik = chart(components.get(PlatformRenderer.INGRESS_CONTROLLER));
        assertThat(traefik.chart()).isEqualTo("traefik");
        assertThat(traefik.crds()).isEqualTo(Part.CrdPolicy.CREATE_REPLACE);
        assertThat(traefik.values().toString()).contains("name=dashboards", "isDefaultClass=false", "type=NodePort");
        assertThat(components.get(ClusterComponents.TOOLS).dependsOn()).contains(PlatformRenderer.INGRESS_CONTROLLER);

        GenericKubernetesResource ingress = (GenericKubernetesResource) RenderersTest.objects(components.get(ClusterComponents.TOOLS))
                .stream().filter(o -> o.getKind().equals("Ingress")).findFirst().orElseThrow();
        assertThat(ingress.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(ingress.getAdditionalProperties().get("spec").toString()).contains("number=7000", "ingressClassName=dashboards");
        GenericKubernetesResource ceph = (GenericKubernetesResource) RenderersTest.objects(components.get(CephClusterRenderer.COMPONENT))
                .stream().filter(o -> o.getKind().equals("CephCluster")).findFirst().orElseThrow();
        assertThat(ceph.getAdditionalProperties().get("spec").toString()).contains("dashboard={enabled=true, ssl=false}");
    }

    @Test
    void eachComponentCanBeSwitchedByHand() {
        Cluster never = Patterns.minimalProduction("p").platform(Platform.whenNeeded().snapshotController(Install.NEVER)).build();
        Map<String, Component> without = byName(never);
        assertThat(without).doesNotContainKey(PlatformRenderer.SNAPSHOT_CONTROLLER);
        assertThat(without.get(CephClusterRenderer.COMPONENT).dependsOn()).containsExactly(RookOperatorRenderer.COMPONENT);

        Cluster always = Patterns.minimalProduction("p").platform(Platform.whenNeeded()
                .prometheusOperatorCrds(Install.ALWAYS).ingressController(Install.ALWAYS)).build();
        Map<String, Component> with = byName(always);
        assertThat(with).containsKeys(PlatformRenderer.PROMETHEUS_OPERATOR_CRDS, PlatformRenderer.INGRESS_CONTROLLER);
        assertThat(chart(with.get(PlatformRenderer.INGRESS_CONTROLLER)).values().toString()).contains("name=traefik");
    }

    private static List<Part.ChartInstall> charts(Component component) {
        return component.parts().stream().filter(p -> p instanceof Part.ChartInstall).map(p -> (Part.ChartInstall) p).toList();
    }

    @Test
    void calicosCrdsComeFromTheirOwnChartBeforeTheOperatorAndCiliumShipsNone() {
        List<Part.ChartInstall> calico = charts(byName(Patterns.minimalProduction("p").build()).get(NetworkPluginRenderer.COMPONENT));
        assertThat(calico).extracting(Part.ChartInstall::chart).containsExactly("crd.projectcalico.org.v1", "tigera-operator");
        assertThat(calico).extracting(Part.ChartInstall::name).containsExactly("calico-crds", "calico");
        // both are templates (v3.32 moved the CRDs out of the operator chart's crds/), upgraded with their chart
        assertThat(calico).extracting(Part.ChartInstall::crds).containsOnly(Part.CrdPolicy.DEFAULT);
        // an uninstall must not take every IPPool and network policy with the CRDs
        assertThat(calico).extracting(Part.ChartInstall::keepCrds).containsExactly(true, false);
        assertThat(calico.get(1).values().toString()).contains("nodeAddressAutodetectionV4={kubernetes=NodeInternalIP}");
        assertThat(charts(byName(Patterns.highlyAvailable("p").build()).get(NetworkPluginRenderer.COMPONENT)))
                .extracting(Part.ChartInstall::chart).containsExactly("cilium");
    }

    @Test
    void anAcmeCertificateBringsCertManagerWithBothIssuersBeforeTheIngressThatNamesOne() {
        Cluster cluster = Patterns.minimalProduction("p").rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com",
                "dashboards").certificateFrom(AcmeIssuer.LETS_ENCRYPT_STAGING))).build();
        Map<String, Component> components = byName(cluster);
        Component certManager = components.get(PlatformRenderer.CERT_MANAGER);
        assertThat(certManager.layer()).isEqualTo(Layer.CONTROLLERS);
        Part.ChartInstall chart = chart(certManager);
        assertThat(chart.chart()).isEqualTo("cert-manager");
        assertThat(chart.repositoryUrl()).isEqualTo("https://charts.jetstack.io");
        assertThat(chart.values().toString()).isEqualTo("{crds={enabled=true, keep=true}}");

        Component issuers = components.get(PlatformRenderer.CERT_ISSUERS);
        assertThat(issuers.layer()).isEqualTo(Layer.CONFIGS);
        assertThat(issuers.dependsOn()).containsExactlyInAnyOrder(PlatformRenderer.CERT_MANAGER, PlatformRenderer.INGRESS_CONTROLLER);
        List<GenericKubernetesResource> clusterIssuers = RenderersTest.objects(issuers).stream()
                .map(o -> (GenericKubernetesResource) o).toList();
        assertThat(clusterIssuers).extracting(o -> o.getMetadata().getName())
                .containsExactly("letsencrypt-staging", "letsencrypt-production");
        assertThat(clusterIssuers).allSatisfy(i -> {
            assertThat(i.getMetadata().getNamespace()).isNull();
            assertThat(i.getAdditionalProperties().get("spec").toString())
                    .contains("ingressClassName=dashboards", "privateKeySecretRef={name=" + i.getMetadata().getName() + "-account}");
        });
        assertThat(clusterIssuers.get(0).getAdditionalProperties().get("spec").toString())
                .contains("server=https://acme-staging-v02.api.letsencrypt.org/directory");

        assertThat(components.get(ClusterComponents.TOOLS).dependsOn()).contains(PlatformRenderer.CERT_ISSUERS);
        GenericKubernetesResource ingress = (GenericKubernetesResource) RenderersTest.objects(components.get(ClusterComponents.TOOLS))
                .stream().filter(o -> o.getKind().equals("Ingress")).findFirst().orElseThrow();
        assertThat(ingress.getMetadata().getAnnotations()).containsExactly(Map.entry("cert-manager.io/cluster-issuer",
                "letsencrypt-staging"));
        assertThat(ingress.getAdditionalProperties().get("spec").toString())
                .contains("tls=[{hosts=[ceph.p.example.com], secretName=" + DashboardIngress.DEFAULT_CERTIFICATE_SECRET + "}]");
    }

    @Test
    void certManagerIsSwitchableAndComesWithNothingThatAsksForNoCertificate() {
        assertThat(byName(Patterns.minimalProduction("p").build()))
                .doesNotContainKeys(PlatformRenderer.CERT_MANAGER, PlatformRenderer.CERT_ISSUERS);
        Map<String, Component> always = byName(Patterns.minimalProduction("p")
                .platform(Platform.whenNeeded().certManager(Install.ALWAYS)).build());
        assertThat(always).containsKeys(PlatformRenderer.CERT_MANAGER, PlatformRenderer.CERT_ISSUERS);
        // no ingress controller in this tree: the issuers wait for cert-manager only, and solve through Traefik's default class
        assertThat(always.get(PlatformRenderer.CERT_ISSUERS).dependsOn()).containsExactly(PlatformRenderer.CERT_MANAGER);
        Cluster own = Patterns.minimalProduction("p").platform(Platform.whenNeeded().certManager(Install.NEVER))
                .rook(r -> r.dashboard(DashboardIngress.at("ceph.p.example.com", "traefik")
                        .certificateFrom(AcmeIssuer.LETS_ENCRYPT_PRODUCTION))).build();
        Map<String, Component> never = byName(own);
        assertThat(never).doesNotContainKeys(PlatformRenderer.CERT_MANAGER, PlatformRenderer.CERT_ISSUERS);
        assertThat(never.get(ClusterComponents.TOOLS).dependsOn()).doesNotContain(PlatformRenderer.CERT_ISSUERS);
    }

    @Test
    void everyClusterRunsHetznersCloudControllerManagerAsBootstrapInstalledItUnlessTold() {
        Cluster cluster = Patterns.minimalProduction("p").build();
        Component ccm = byName(cluster).get(PlatformRenderer.CLOUD_CONTROLLER_MANAGER);
        assertThat(ccm.layer()).isEqualTo(Layer.CONTROLLERS);
        Part.ChartInstall chart = chart(ccm);
        BootstrapRelease release = BootstrapRelease.cloudControllerManager(cluster);
        assertThat(chart.name()).isEqualTo(release.releaseName()).isEqualTo("hccm");
        assertThat(chart.namespace()).isEqualTo("kube-system");
        assertThat(chart.values()).isEqualTo(release.values());
        assertThat(chart.values().toString()).contains("networking={enabled=true, clusterCIDR=10.244.0.0/16}",
                "HCLOUD_NETWORK_ROUTES_ENABLED={value=false}");
        assertThat(byName(Patterns.minimalProduction("p").platform(Platform.whenNeeded()
                .cloudControllerManager(Install.NEVER)).build())).doesNotContainKey(PlatformRenderer.CLOUD_CONTROLLER_MANAGER);
    }

    @Test
    void theStatefulCephObjectsAndTheirNamespaceAreRetainedTheRestIsNot() {
        List<Component> components = ClusterComponents.of(Patterns.highlyAvailable("p").build());
        List<String> retained = components.stream().flatMap(c -> c.parts().stream())
                .filter(p -> p instanceof Part.Manifests m && m.retained())
                .flatMap(p -> ((Part.Manifests) p).objects().stream()).map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .toList();
        assertThat(retained).containsExactlyInAnyOrder("Namespace/rook-ceph", "CephCluster/rook-ceph",
                "CephBlockPool/replicapool", "CephFilesystem/cephfs", "CephObjectStore/objectstore");
    }
}
