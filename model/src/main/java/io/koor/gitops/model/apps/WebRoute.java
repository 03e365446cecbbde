package io.koor.gitops.model.apps;

import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.DnsLabel;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host name (and path prefix) routed from outside the cluster, through the platform's ingress
 * controller, to a port of a workload's Service; with TLS from a certificate cert-manager requests
 * from an ACME issuer when one is named.
 */
public record WebRoute(String host, String path, DnsLabel workload, String port, Optional<AcmeIssuer> issuer) {
    private static final Pattern PREFIX = Pattern.compile("/|(/[-a-zA-Z0-9_.~]+)+");

    public WebRoute {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(issuer, "issuer");
        Problems problems = new Problems();
        problems.require(HostName.isValid(host), "host", "'" + host
                + "' is not a host name such as www.demo.example.com");
        problems.require(path != null && PREFIX.matcher(path).matches(), "path", "'" + path
                + "' is not a path prefix such as / or /media");
        problems.throwIfAny();
    }

    /** {@code host}/ to the port named {@code port} of {@code workload}, plain HTTP until {@link #certificateFrom}. */
    public static WebRoute to(String host, String workload, String port) {
        return new WebRoute(host, "/", Problems.at("workload", () -> DnsLabel.of(workload)), port, Optional.empty());
    }

    public WebRoute path(String prefix) {
        return new WebRoute(host, prefix, workload, port, issuer);
    }

    /** HTTPS with a certificate from this issuer, kept in the Secret {@link #tlsSecret()}. */
    public WebRoute certificateFrom(AcmeIssuer acme) {
        return new WebRoute(host, path, workload, port, Optional.of(Objects.requireNonNull(acme, "acme")));
    }

    /** Where cert-manager keeps the certificate: one Secret per host. */
    public Optional<String> tlsSecret() {
        return issuer.map(i -> host.replace('.', '-') + "-tls").map(s -> s.length() > 253
                ? failLong(s) : s);
    }

    private static String failLong(String secret) {
        throw ModelException.of("host", "the host name is too long to name its certificate's Secret " + secret);
    }
}
