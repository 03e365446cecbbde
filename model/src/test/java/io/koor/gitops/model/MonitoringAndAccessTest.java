package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.monitoring.Monitoring;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.model.presets.Versions;
import org.junit.jupiter.api.Test;

class MonitoringAndAccessTest {
    @Test
    void monitoringIsOffUnlessAskedForAndThenBringsRooksToo() {
        Cluster plain = Patterns.minimalProduction("p").build();
        assertThat(plain.monitoring().enabled()).isFalse();
        assertThat(plain.rook().monitoring()).isFalse();
        Cluster monitored = Patterns.minimalProduction("p").monitoring(Monitoring.kubePrometheusStack()).build();
        assertThat(monitored.monitoring().enabled()).isTrue();
        assertThat(monitored.monitoring().stackChart().text()).isEqualTo(Versions.KUBE_PROMETHEUS_STACK_CHART);
        assertThat(monitored.rook().monitoring()).isTrue();
    }

    @Test
    void versionsArePinnedAndProbesAreUrls() {
        assertThatThrownBy(() -> Monitoring.kubePrometheusStack().stackChart("88.*"))
                .isInstanceOf(ModelException.class).hasMessageContaining("monitoring.stackChart")
                .hasMessageContaining("not an exact version");
        assertThatThrownBy(() -> Monitoring.kubePrometheusStack().probe("ftp://files.example.com/"))
                .hasMessageContaining("monitoring.probes").hasMessageContaining("http or https");
        assertThatThrownBy(() -> Monitoring.kubePrometheusStack().probe("not a url"))
                .hasMessageContaining("is not a URL");
        assertThat(Monitoring.kubePrometheusStack().probe("https://www.example.com/").extraProbes()).hasSize(1);
    }

    @Test
    void groupsAreNamedAndNoneIsEveryone() {
        assertThat(Access.none().isEmpty()).isTrue();
        assertThat(Access.none().guests("demo-guests").guests("demo-guests").guests()).containsExactly("demo-guests");
        assertThatThrownBy(() -> Access.none().platformAdmins("system:authenticated"))
                .hasMessageContaining("access.platformAdmins").hasMessageContaining("Kubernetes fills itself");
        assertThatThrownBy(() -> Access.none().guests("system:unauthenticated"))
                .hasMessageContaining("everyone without credentials");
        assertThatThrownBy(() -> Access.none().guests("demo guests")).hasMessageContaining("is not a group name");
        assertThat(Patterns.minimalProduction("p").access(Access.none().guests("demo-guests")).build().access().guests())
                .containsExactly("demo-guests");
    }
}
