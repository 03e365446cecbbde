package io.koor.gitops.hetzner;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * kubeadm's pin of a cluster CA: {@code sha256:} and the hex SHA-256 of the CA certificate's
 * DER-encoded Subject Public Key Info, what {@code discovery.bootstrapToken.caCertHashes} wants.
 */
final class CaCertHash {
    private CaCertHash() {
    }

    static String of(String pem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            // getEncoded() of an X.509 certificate's key is its SubjectPublicKeyInfo, DER
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded()));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("/etc/kubernetes/pki/ca.crt is not a PEM X.509 certificate: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
