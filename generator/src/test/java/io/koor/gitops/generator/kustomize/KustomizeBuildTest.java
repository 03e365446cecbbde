package io.koor.gitops.generator.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.generator.layout.FluxLayout;
import io.koor.gitops.generator.testing.TestSystems;
import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.generator.tree.TreeWriter;
import io.koor.gitops.validator.testing.Kustomize;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl kustomize builds every generated directory that has a kustomization.yaml. */
class KustomizeBuildTest {
    @TempDir
    Path root;

    @Test
    void everyKustomizationDirectoryBuilds() throws IOException {
        Kustomize.assumeAvailable();
        GitOpsTree tree = new FluxLayout("test").render(TestSystems.oneCluster());
        new TreeWriter(root).write(tree, false);
        List<String> dirs = tree.files().keySet().stream()
                .filter(p -> p.fileName().equals("kustomization.yaml")).map(TreePath::parent).toList();
        assertThat(dirs).hasSize(10); // ceph-csi-drivers among them, for Rook v1.20
        for (String dir : dirs) {
            Kustomize.Build build = Kustomize.build(root.resolve(dir));
            assertThat(build.exitCode()).as(dir + ": " + build.errors()).isZero();
        }
        String configs = Kustomize.build(root.resolve("infrastructure/configs/lab")).output();
        assertThat(configs).contains("kind: CephCluster", "kind: CephBlockPool", "kind: StorageClass");
    }

    @Test
    void aBrokenKustomizationIsReportedNotHidden() throws IOException {
        Kustomize.assumeAvailable();
        java.nio.file.Files.writeString(root.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        Kustomize.Build build = Kustomize.build(root);
        assertThat(build.exitCode()).isNotZero();
        assertThat(build.errors()).contains("missing.yaml");
    }
}
