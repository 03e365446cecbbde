package io.koor.gitops.model.koor;

import io.koor.gitops.model.values.HostName;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.apps.AppImage;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.AcmeIssuer;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Version;
import java.util.Objects;
import java.util.Optional;

/**
 * Koor Data Control Center, from its chart, in Rook's namespace as its chart's README asks: a web console over
 * the Ceph dashboard's API and the cluster's Rook objects. Its chart takes the session cookie and JWT secrets as
 * values, defaulting to placeholders; here they are random, made in the cluster once by a Job and read by
 * Flux from that Secret (valuesFrom), so no secret is in Git. The chart's own post-install Job creates the
 * read-only Ceph dashboard user it signs in with.
 *
 * @param chart        the data-control-center chart's version
 * @param image        its image (the chart's appVersion by default)
 * @param host         the public host name of its Ingress; empty: none (reach it with kubectl port-forward)
 * @param ingressClass the IngressClass publishing it
 * @param issuer       the ACME issuer of the Ingress's certificate
 * @param readOnly     the console's read-only mode (its config {@code readOnly}): look, do not touch
 * @param adminUser    the one login it has; its password is random, in the session Secret
 */
public record DataControlCenter(Version chart, ImageRef image, Optional<String> host, DnsLabel ingressClass,
                                AcmeIssuer issuer, boolean readOnly, DnsLabel adminUser) {

    public DataControlCenter {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ingressClass, "ingressClass");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(adminUser, "adminUser");
        Problems problems = new Problems();
        host.ifPresent(h -> problems.require(HostName.isValid(h), "host",
                "host='" + h + "' is not a host name such as dcc.demo.example.com"));
        problems.require(image.tag().isPresent() || image.digest().isPresent(), "image",
                "image='" + image + "' has no tag or digest; pin one, e.g. " + Versions.DATA_CONTROL_CENTER_IMAGE);
        problems.throwIfAny();
    }

    /** Chart 0.3.7 with image v0.6.0, read-only, login {@code admin}, no Ingress. */
    public static DataControlCenter inRooksNamespace() {
        return new DataControlCenter(Version.parse(Versions.DATA_CONTROL_CENTER_CHART),
                AppImage.parse(Versions.DATA_CONTROL_CENTER_IMAGE), Optional.empty(), DnsLabel.of("traefik"),
                AcmeIssuer.LETS_ENCRYPT_STAGING, true, DnsLabel.of("admin"));
    }

    /** Published at {@code hostName} with TLS (a Let's Encrypt staging certificate until {@link #certificateFrom}). */
    public DataControlCenter at(String hostName) {
        return Problems.at("", () -> new DataControlCenter(chart, image, Optional.ofNullable(hostName), ingressClass,
                issuer, readOnly, adminUser));
    }

    public DataControlCenter certificateFrom(AcmeIssuer acme) {
        return new DataControlCenter(chart, image, host, ingressClass, acme, readOnly, adminUser);
    }

    public DataControlCenter ingressClass(String className) {
        return new DataControlCenter(chart, image, host, Problems.at("ingressClass", () -> DnsLabel.of(className)),
                issuer, readOnly, adminUser);
    }

    /** With {@code false}, the console's users may change the cluster through it. */
    public DataControlCenter readOnly(boolean value) {
        return new DataControlCenter(chart, image, host, ingressClass, issuer, value, adminUser);
    }

    /** Another chart release (an exact version) with its image. */
    public DataControlCenter chart(String version, String imageRef) {
        return Problems.at("", () -> new DataControlCenter(Problems.at("chart", () -> Version.parse(version)),
                Problems.at("image", () -> AppImage.parse(imageRef)), host, ingressClass, issuer, readOnly, adminUser));
    }
}
