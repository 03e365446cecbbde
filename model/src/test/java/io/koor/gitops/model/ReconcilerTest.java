package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.presets.Versions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    @Test
    void fluxWithARepositoryNamesItAndWithoutNone() {
        assertThat(Reconciler.flux().repository()).isEmpty();
        assertThat(Reconciler.flux("https://github.com/you/gitops.git", "main").repository())
                .contains(new Reconciler.GitSource("https://github.com/you/gitops.git", "main"));
        assertThat(Reconciler.argoCd("ssh://git@github.com/you/gitops.git", "v1").repository())
                .contains(new Reconciler.GitSource("ssh://git@github.com/you/gitops.git", "v1"));
    }

    @Test
    void aRepositoryThatIsNoGitUrlOrABlankBranchIsRefusedWithTheModelPath() {
        assertThatThrownBy(() -> Reconciler.flux("github.com/you/gitops", "main")).isInstanceOf(ModelException.class)
                .hasMessageContaining("reconciler.repoUrl").hasMessageContaining("https or ssh URL");
        assertThatThrownBy(() -> Reconciler.flux("https://github.com/you/gitops.git", " ")).isInstanceOf(ModelException.class)
                .hasMessageContaining("reconciler.revision").hasMessageContaining("branch Flux follows");
        assertThatThrownBy(() -> Reconciler.argoCd("not a url", "main")).isInstanceOf(ModelException.class)
                .hasMessageContaining("reconciler.repoUrl");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fluxBootstrapSaysTheSyncObjectsAndPinsTheReleaseArtifact() {
        FluxBootstrap flux = new FluxBootstrap("demo", new Reconciler.GitSource("https://github.com/you/gitops.git", "prod"));
        List<Map<String, Object>> sync = flux.sync();
        assertThat(sync).extracting(o -> o.get("kind")).containsExactly("GitRepository", "Kustomization");
        assertThat((Map<String, Object>) sync.get(1).get("spec")).containsEntry("path", "./clusters/demo").containsEntry("prune", true);
        assertThat(((Map<String, Object>) ((Map<String, Object>) sync.get(0).get("spec")).get("ref"))).containsEntry("branch", "prod");
        Map<String, Object> oci = (Map<String, Object>) FluxBootstrap.components().get(0).get("spec");
        assertThat((Map<String, Object>) oci.get("ref")).containsEntry("tag", "v" + Versions.FLUX);
        assertThat((Map<String, Object>) FluxBootstrap.components().get(1).get("spec")).containsEntry("prune", false);
    }
}
