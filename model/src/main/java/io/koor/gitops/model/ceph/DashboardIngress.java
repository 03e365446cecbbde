package io.koor.gitops.model.ceph;

import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.Optional;

/**
 * The Ceph dashboard published through an Ingress at a host name, with TLS from a Secret if given,
 * or from a certificate cert-manager requests from an ACME issuer into that Secret.
 */
public record DashboardIngress(String host, DnsLabel ingressClass, Optional<DnsLabel> tlsSecret,
                               Optional<AcmeIssuer> issuer) {
    /** Where cert-manager keeps the dashboard's certificate when no Secret is named. */
    public static final String DEFAULT_CERTIFICATE_SECRET = "rook-ceph-dashboard-tls";

    public DashboardIngress {
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(tlsSecret, "tlsSecret");
        Objects.requireNonNull(issuer, "issuer");
        if (!HostName.isValid(host)) {
            throw ModelException.of("dashboard.host", "'" + host + "' is not a host name such as ceph.demo.example.com");
        }
    }

    public static DashboardIngress at(String host, String ingressClass) {
        return new DashboardIngress(host, Problems.at("dashboard.ingressClass", () -> DnsLabel.of(ingressClass)),
                Optional.empty(), Optional.empty());
    }

    /** TLS from this Secret: one you create, or the one cert-manager fills when {@link #certificateFrom} is set too. */
    public DashboardIngress tls(String secretName) {
        return new DashboardIngress(host, ingressClass, Optional.of(Problems.at("dashboard.tlsSecret",
                () -> DnsLabel.of(secretName))), issuer);
    }

    /**
     * A certificate for the host from this ACME issuer, through cert-manager (which the tree then
     * installs), kept in the {@link #tls} Secret or in {@value #DEFAULT_CERTIFICATE_SECRET}.
     */
    public DashboardIngress certificateFrom(AcmeIssuer acme) {
        return new DashboardIngress(host, ingressClass, tlsSecret, Optional.of(Objects.requireNonNull(acme, "acme")));
    }

    /** The Secret the Ingress serves TLS from, if any. */
    public Optional<String> tlsSecretName() {
        return tlsSecret.map(DnsLabel::value).or(() -> issuer.map(i -> DEFAULT_CERTIFICATE_SECRET));
    }
}
