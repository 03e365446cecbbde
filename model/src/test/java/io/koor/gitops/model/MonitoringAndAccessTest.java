package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.access.SingleSignOn;
import io.koor.gitops.model.values.AcmeIssuer;
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

    @Test
    void signOnThroughDexTakesTeamsOfItsGitHubOrganisation() {
        SingleSignOn dex = SingleSignOn.dexAt("login.demo.example.com", "koor-tech");
        assertThat(dex.issuerUrl()).isEqualTo("https://login.demo.example.com");
        assertThat(dex.issuer()).isEqualTo(AcmeIssuer.LETS_ENCRYPT_PRODUCTION);
        Access access = Access.none().signOnThroughDex(dex).platformAdmins("koor-tech:platform-admins")
                .guests("koor-tech:demo-guests").guests("koor-tech:platform-admins");
        assertThat(access.teams()).containsExactly("platform-admins", "demo-guests");
        assertThat(access.boundName("koor-tech:demo-guests")).isEqualTo("oidc:koor-tech:demo-guests");
        assertThat(Access.none().guests("demo-guests").boundName("demo-guests")).isEqualTo("demo-guests");
        // a group Dex's GitHub connector never gives, whichever was named first
        assertThatThrownBy(() -> Access.none().signOnThroughDex(dex).guests("demo-guests"))
                .isInstanceOf(ModelException.class).hasMessageContaining("access.guests")
                .hasMessageContaining("'koor-tech:demo-guests'");
        assertThatThrownBy(() -> Access.none().platformAdmins("other-org:admins").signOnThroughDex(dex))
                .hasMessageContaining("access.platformAdmins").hasMessageContaining("organisation:team-slug");
        assertThatThrownBy(() -> Access.none().signOnThroughDex(dex).guests("koor-tech:a:b"))
                .hasMessageContaining("access.guests");
        // the API server and Grafana would not trust a staging certificate
        assertThatThrownBy(() -> new SingleSignOn("login.example.com", AcmeIssuer.LETS_ENCRYPT_STAGING, "koor-tech",
                dex.chart())).hasMessageContaining("access.signOn.issuer").hasMessageContaining("LETS_ENCRYPT_PRODUCTION");
        assertThatThrownBy(() -> SingleSignOn.dexAt("login.example.com", "-koor")).hasMessageContaining("gitHubOrganisation");
        assertThatThrownBy(() -> SingleSignOn.dexAt("https://login.example.com", "koor")).hasMessageContaining("access.signOn.host");
        assertThatThrownBy(() -> dex.chart("0.x")).hasMessageContaining("not an exact version");
        // signing in with no team bound lets nobody do anything
        assertThatThrownBy(() -> Patterns.minimalProduction("p").access(Access.none().signOnThroughDex(dex)).build())
                .hasMessageContaining("access.signOn").hasMessageContaining("koor-tech:platform-admins");
    }
}
