package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Helm chart directory of the tree whose dependency is Rook's cluster chart (the shape of
 * khuedoan/homelab cb046acf system/rook-ceph): the StorageClasses its values give that dependency exist.
 */
class UmbrellaChartStorageClassesTest {
    @TempDir
    Path dir;

    private List<String> claimFindings(String values, String condition) throws IOException {
        Files.createDirectories(dir.resolve("system/rook-ceph"));
        Files.createDirectories(dir.resolve("test"));
        Files.writeString(dir.resolve("system/rook-ceph/Chart.yaml"), """
                apiVersion: v2
                name: rook-ceph
                version: 0.0.0
                dependencies:
                  - name: rook-ceph
                    version: 1.13.5
                    repository: https://charts.rook.io/release
                  - name: rook-ceph-cluster
                    version: 1.13.5
                    repository: https://charts.rook.io/release
                """ + condition);
        Files.writeString(dir.resolve("system/rook-ceph/values.yaml"), values);
        Files.writeString(dir.resolve("test/claim.yaml"), """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: bench
                spec:
                  storageClassName: standard-rwo
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                """);
        return new ValidationService().validate(dir, ValidationOptions.builder().build()).violations().stream()
                .filter(v -> v.ruleId().equals("pvc-storageclass-missing")).map(v -> v.file() + " " + v.message()).toList();
    }

    private static final String VALUES = """
            rook-ceph-cluster:
              cephBlockPools:
                - name: standard-rwo
                  spec:
                    replicated:
                      size: 3
                  storageClass:
                    enabled: true
                    name: standard-rwo
            """;

    @Test
    void theClassesTheUmbrellaChartsValuesGiveItsRookDependencyExist() throws IOException {
        assertThat(claimFindings(VALUES, "")).isEmpty();
    }

    @Test
    void aDependencyItsConditionTurnsOffCreatesNone() throws IOException {
        assertThat(claimFindings(VALUES + "cluster:\n  enabled: false\n", "    condition: cluster.enabled\n"))
                .containsExactly("test/claim.yaml StorageClass standard-rwo is not defined in the tree");
    }

    @Test
    void valuesUnderAnotherKeyAreNotTheDependencys() throws IOException {
        assertThat(claimFindings(VALUES.replace("rook-ceph-cluster:", "rook-ceph:"), ""))
                .containsExactly("test/claim.yaml StorageClass standard-rwo is not defined in the tree");
    }
}
