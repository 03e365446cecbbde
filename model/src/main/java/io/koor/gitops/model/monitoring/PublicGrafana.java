package io.koor.gitops.model.monitoring;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.HostName;
import java.util.Objects;

/**
 * Grafana published through the cluster's ingress with TLS, so the people the demo is shown to can look at it:
 * with {@code guestsMayLook}, anonymous visitors are Viewers (they see every dashboard, edit none, and have no
 * Explore); platform admins sign in as admin with the chart's generated password.
 *
 * @param host         the public host name
 * @param issuer       the ACME issuer of its certificate
 * @param guestsMayLook anonymous access as Viewer
 */
public record PublicGrafana(String host, AcmeIssuer issuer, boolean guestsMayLook) {
    public PublicGrafana {
        Objects.requireNonNull(issuer, "issuer");
        if (!HostName.isValid(host)) {
            throw ModelException.of("monitoring.grafana.host", "host='" + host + "' is not a host name such as"
                    + " grafana.demo.example.com");
        }
    }
}
