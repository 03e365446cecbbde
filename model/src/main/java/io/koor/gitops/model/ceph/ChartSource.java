package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Version;
import java.net.URI;
import java.util.Objects;

/**
 * Where the Rook operator chart comes from, and exactly which version. Upstream Rook and Koor's
 * distribution (KSD) publish the same chart name from different Helm repositories.
 */
public record ChartSource(DnsLabel repositoryName, URI url, DnsLabel chart, Version version) {
    public ChartSource {
        Objects.requireNonNull(repositoryName, "repositoryName");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(version, "version");
        if (url == null || !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw ModelException.of("url", "'" + url + "' is not an https URL of a Helm repository");
        }
    }

    /** The upstream Rook operator chart, {@code rook-ceph} from charts.rook.io. */
    public static ChartSource rook(String version) {
        return of("rook-release", "https://charts.rook.io/release", "rook-ceph", version);
    }

    /** Koor's Rook distribution (KSD): the same chart name, from Koor's chart repository. */
    public static ChartSource koorKsd(String version) {
        return of("koor-release", "https://charts.koor.tech/release", "rook-ceph", version);
    }

    public static ChartSource of(String repositoryName, String url, String chart, String version) {
        Problems problems = new Problems();
        DnsLabel repo = problems.attempt("repositoryName", () -> DnsLabel.of(repositoryName));
        DnsLabel chartName = problems.attempt("chart", () -> DnsLabel.of(chart));
        Version pinned = problems.attempt("version", () -> Version.parse(version));
        URI uri = problems.attempt("url", () -> {
            try {
                return URI.create(url);
            } catch (IllegalArgumentException e) {
                throw ModelException.of("", "'" + url + "' is not a URL: " + e.getMessage());
            }
        });
        problems.throwIfAny();
        return new ChartSource(repo, uri, chartName, pinned);
    }
}
