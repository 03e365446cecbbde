package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.cluster.HetznerLocation;
import io.koor.gitops.model.cluster.Network;
import io.koor.gitops.model.cluster.NetworkPlugin;
import io.koor.gitops.model.values.Cidr;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo", "a", "staging-2", "x1"})
    void dnsLabelsAccepted(String name) {
        assertThat(DnsLabel.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Demo", "-demo", "demo-", "1demo", "de mo", "a/b", "..", "../../etc", "dé"})
    void dnsLabelsRefused(String name) {
        assertThatThrownBy(() -> DnsLabel.of(name)).isInstanceOf(ModelException.class)
                .hasMessageContaining("is not a DNS label");
    }

    @Test
    void dnsLabelLengthLimit() {
        assertThat(DnsLabel.of("a".repeat(63)).value()).hasSize(63);
        assertThatThrownBy(() -> DnsLabel.of("a".repeat(64))).isInstanceOf(ModelException.class);
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(Version.parse("v1.20.10")).isGreaterThan(Version.parse("v1.20.9"));
        assertThat(Version.parse("1.32.4").minor()).isEqualTo(32);
        assertThat(Version.parse("v1.20.6-rc.1").patch()).isEqualTo(6);
    }

    @Test
    void cidrsParseNormaliseAndOverlap() {
        Cidr pods = Cidr.parse("10.244.0.0/16");
        assertThat(pods).hasToString("10.244.0.0/16");
        assertThat(pods.overlaps(Cidr.parse("10.244.128.0/17"))).isTrue();
        assertThat(pods.overlaps(Cidr.parse("10.96.0.0/12"))).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.96.0.0/12"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.1/16", "300.0.0.0/8", "10.0.0.0/31", "10.0.0.0/4", "fd00::/8"})
    void badCidrsRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).hasMessageContaining("is not an IPv4 network");
    }

    @Test
    void networkRangesMustNotOverlap() {
        assertThatThrownBy(() -> Network.calico().withPodCidr("10.0.128.0/17"))
                .hasMessageContaining("podCidr: podCidr=10.0.128.0/17 overlaps nodeCidr=10.0.0.0/16");
        assertThatThrownBy(() -> Network.cilium().withServiceCidr("10.244.0.0/20"))
                .hasMessageContaining("serviceCidr=10.244.0.0/20 overlaps podCidr=10.244.0.0/16");
        assertThatThrownBy(() -> Network.calico().withNodeCidr("10.96.0.0/16"))
                .hasMessageContaining("serviceCidr=10.96.0.0/12 overlaps nodeCidr=10.96.0.0/16");
        assertThatThrownBy(() -> Network.calico().withPodCidr("nope"))
                .hasMessageContaining("podCidr: 'nope' is not an IPv4 network");
        Network multus = Network.cilium().withMultus();
        assertThat(multus.multus()).isTrue();
        assertThat(multus.plugin()).isEqualTo(NetworkPlugin.CILIUM);
    }

    @Test
    void locationsKnowTheirNetworkZone() {
        assertThat(HetznerLocation.fromCode("hel1").networkZone()).isEqualTo("eu-central");
        assertThat(HetznerLocation.fromCode("ash").networkZone()).isEqualTo("us-east");
    }
}
