package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The pin of a CA, against the fixture's hash as kubeadm's documentation computes it:
 * {@code openssl x509 -pubkey -in ca.crt | openssl rsa -pubin -outform der | openssl dgst -sha256 -hex}
 * (run once on the fixture, a self-signed RSA 2048 CA like kubeadm's, and kept next to it).
 */
class CaCertHashTest {
    @Test
    void theHashOfTheCasSubjectPublicKeyInfo() {
        assertThat(CaCertHash.of(NodeShellStandIn.CA_PEM)).isEqualTo(NodeShellStandIn.CA_HASH).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void somethingElseIsRefusedWithWhatItShouldHaveBeen() {
        assertThatThrownBy(() -> CaCertHash.of("cat: /etc/kubernetes/pki/ca.crt: No such file or directory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/etc/kubernetes/pki/ca.crt is not a PEM X.509 certificate");
    }
}
