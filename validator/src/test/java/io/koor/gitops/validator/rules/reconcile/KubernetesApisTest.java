package io.koor.gitops.validator.rules.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built-in table against the core schemas kubeconform's layout holds for real releases. */
class KubernetesApisTest {
    /** Groups by the first DNS label kubeconform's file names keep ("" for the core group). */
    private static final List<String> GROUPS = List.of("", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apps",
            "autoscaling", "batch", "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "scheduling.k8s.io",
            "storage.k8s.io");

    @Test
    void everyCoreSchemaOfTheSharedReleasesIsABuiltInKind() throws IOException {
        for (String release : List.of("v1.31.0", "v1.32.0")) {
            Path dir = SharedData.schemas().resolve(release + "-standalone-strict");
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).toList();
                assertThat(names).hasSizeGreaterThan(30);
                int minor = Integer.parseInt(release.split("\\.")[1]);
                for (String file : names) {
                    // <kind>-<first label of the group>-<version>.json, or <kind>-<version>.json for the core group
                    String[] parts = file.replaceFirst("\\.json$", "").split("-");
                    String kind = parts[0];
                    String label = parts.length == 3 ? parts[1] : "";
                    String group = GROUPS.stream().filter(g -> g.equals(label) || g.startsWith(label + ".")).findFirst()
                            .orElseThrow(() -> new AssertionError("no group for " + file));
                    assertThat(KubernetesApisTest.servedIgnoringCase(group, kind, minor)).as(release + " " + file).isTrue();
                }
            }
        }
    }

    private static boolean servedIgnoringCase(String group, String lowerKind, int minor) {
        return Stream.of("ClusterRole", "ClusterRoleBinding", "ConfigMap", "CronJob", "CSIDriver", "CustomResourceDefinition",
                        "DaemonSet", "Deployment", "Endpoints", "HorizontalPodAutoscaler", "Ingress", "IngressClass", "Job",
                        "LimitRange", "MutatingWebhookConfiguration", "Namespace", "NetworkPolicy", "PersistentVolume",
                        "PersistentVolumeClaim", "Pod", "PodDisruptionBudget", "PriorityClass", "ReplicaSet", "ResourceQuota",
                        "Role", "RoleBinding", "Secret", "Service", "ServiceAccount", "StatefulSet", "StorageClass",
                        "ValidatingWebhookConfiguration")
                .filter(k -> k.toLowerCase(java.util.Locale.ROOT).equals(lowerKind))
                .anyMatch(k -> KubernetesApis.serves(group, k, minor));
    }

    @Test
    void crdGroupsAreNotBuiltIn() {
        assertThat(KubernetesApis.serves("snapshot.storage.k8s.io", "VolumeSnapshotClass", 35)).isFalse();
        assertThat(KubernetesApis.serves("gateway.networking.k8s.io", "Gateway", 35)).isFalse();
        assertThat(KubernetesApis.serves("storage.k8s.io", "VolumeSnapshotClass", 35)).isFalse();
        assertThat(KubernetesApis.serves("storage.k8s.io", "VolumeAttributesClass", 33)).isFalse();
        assertThat(KubernetesApis.serves("storage.k8s.io", "VolumeAttributesClass", 34)).isTrue();
        assertThat(KubernetesApis.serves("events.k8s.io", "Event", 32)).isTrue();
        assertThat(KubernetesApis.clusterScoped("storage.k8s.io", "StorageClass")).isTrue();
        assertThat(KubernetesApis.clusterScoped("", "ConfigMap")).isFalse();
    }
}
