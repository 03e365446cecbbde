package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The Ceph dashboard published through an Ingress at a host name, with TLS from a Secret if given. */
public record DashboardIngress(String host, DnsLabel ingressClass, Optional<DnsLabel> tlsSecret) {
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    public DashboardIngress {
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(tlsSecret, "tlsSecret");
        if (host == null || !HOST.matcher(host).matches()) {
            throw ModelException.of("dashboard.host", "'" + host + "' is not a host name such as ceph.demo.example.com");
        }
    }

    public static DashboardIngress at(String host, String ingressClass) {
        return new DashboardIngress(host, Problems.at("dashboard.ingressClass", () -> DnsLabel.of(ingressClass)),
                Optional.empty());
    }

    public DashboardIngress tls(String secretName) {
        return new DashboardIngress(host, ingressClass, Optional.of(Problems.at("dashboard.tlsSecret",
                () -> DnsLabel.of(secretName))));
    }
}
