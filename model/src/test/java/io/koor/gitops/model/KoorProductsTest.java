package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.apps.Applications;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.koor.DataControlCenter;
import io.koor.gitops.model.presets.Patterns;
import org.junit.jupiter.api.Test;

/** Koor's products: the Data Control Center under Flux, and why the Koor Operator is refused. */
class KoorProductsTest {
    private static Cluster withConsole() {
        return Patterns.minimalProduction("demo").apps(a -> a.dataControlCenter(DataControlCenter.inRooksNamespace()))
                .build();
    }

    @Test
    void theConsoleDefaultsToItsLatestChartReadOnlyWithoutAnIngress() {
        DataControlCenter dcc = DataControlCenter.inRooksNamespace();
        assertThat(dcc.chart()).hasToString("0.3.7");
        assertThat(dcc.image()).hasToString("docker.io/koorinc/data-control-center:v0.6.0");
        assertThat(dcc.readOnly()).isTrue();
        assertThat(dcc.host()).isEmpty();
        assertThat(dcc.at("dcc.demo.example.com").host()).contains("dcc.demo.example.com");
        assertThat(withConsole().apps().isEmpty()).isFalse();
    }

    @Test
    void badHostsAndUnpinnedImagesAreRefusedWithTheirPath() {
        assertThatThrownBy(() -> DataControlCenter.inRooksNamespace().at("dcc demo"))
                .hasMessageContaining("host='dcc demo' is not a host name");
        assertThatThrownBy(() -> DataControlCenter.inRooksNamespace().chart("0.3.8", "docker.io/koorinc/data-control-center"))
                .hasMessageContaining("image").hasMessageContaining("has no tag");
        assertThatThrownBy(() -> DataControlCenter.inRooksNamespace().chart("latest", "x:1"))
                .hasMessageContaining("chart");
    }

    @Test
    void argoCdCannotReconcileTheConsoleForItHasNoValuesFromASecret() {
        assertThat(GitOpsSystem.of(withConsole()).reconciler()).isInstanceOf(Reconciler.Flux.class);
        assertThatThrownBy(() -> GitOpsSystem.of(withConsole())
                .reconciledBy(Reconciler.argoCd("https://github.com/example/gitops.git", "main")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("clusters[demo].apps.dataControlCenter")
                .hasMessageContaining("Argo CD cannot give a chart values from a Secret");
    }

    @Test
    void theKoorOperatorIsRefusedForItWouldOwnRookASecondTime() {
        assertThatThrownBy(() -> Applications.none().koorOperator("0.3.8"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("installs Rook and its CephCluster itself")
                .hasMessageContaining("dataControlCenter(DataControlCenter.inRooksNamespace())");
    }
}
