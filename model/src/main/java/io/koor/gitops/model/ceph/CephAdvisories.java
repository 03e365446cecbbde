package io.koor.gitops.model.ceph;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Version;
import java.util.Optional;

/**
 * Rook and Ceph releases a published advisory says to leave, with the first fixed release of each
 * line. CVE-2025-30156 (GHSA-7q3q-3975-qw3q, CephX service tickets whose permissions can be forged):
 * Rook's resolution guide asks for Rook v1.20.6 (or v1.19.10) and Ceph v20.2.4 (or v19.2.6), then a
 * rotation of the daemon keys, which the CephCluster this toolkit renders requests.
 */
public final class CephAdvisories {
    public static final String CVE_2025_30156 = "CVE-2025-30156";
    /** Where Rook's maintainers publish the upgrade and key rotation that resolve it. */
    static final String GUIDE = "https://rook.io/docs/rook/latest/Storage-Configuration/Advanced/cephx-key-rotation/";

    private CephAdvisories() {
    }

    /**
     * Why this operator and Ceph are a known-vulnerable pair, empty when they are not: a Rook release
     * before the fix cannot rotate the keys whatever Ceph it runs, and a Ceph release before the fix
     * stays exposed whatever operator runs it (Koor's included).
     */
    public static Optional<String> vulnerablePair(ChartSource chart, ImageRef image) {
        Optional<String> ceph = ceph(image);
        return rook(chart).map(why -> why + ceph.map(c -> "; " + c.substring(c.indexOf(']') + 2)).orElse(""))
                .or(() -> ceph);
    }

    /** Why this operator chart is known to be vulnerable, empty when it is not (or is not upstream Rook's). */
    static Optional<String> rook(ChartSource chart) {
        if (!chart.url().getHost().equals("charts.rook.io")) {
            return Optional.empty(); // other distributions number their releases their own way
        }
        Version v = chart.version();
        boolean fixed = v.major() > 1 || v.minor() > 20 || (v.minor() == 20 && v.patch() >= 6)
                || (v.minor() == 19 && v.patch() >= 10);
        return fixed ? Optional.empty() : Optional.of("[" + CVE_2025_30156 + "] Rook " + v
                + " is affected: use Rook v1.20.6 or newer (v1.19.10 on the 1.19 line), see " + GUIDE);
    }

    /** Why this Ceph image is known to be vulnerable, empty when it is not or its tag names no release. */
    static Optional<String> ceph(ImageRef image) {
        Optional<Version> release = image.tag().flatMap(CephAdvisories::release);
        if (release.isEmpty()) {
            return Optional.empty();
        }
        Version v = release.get();
        boolean fixed = switch (v.major()) {
            case 19 -> v.minor() > 2 || (v.minor() == 2 && v.patch() >= 6);
            case 20 -> v.minor() > 2 || (v.minor() == 2 && v.patch() >= 4);
            case 21 -> v.minor() >= 2;
            default -> v.major() > 21;
        };
        return fixed ? Optional.empty() : Optional.of("[" + CVE_2025_30156 + "] Ceph " + v
                + " is affected: use quay.io/ceph/ceph:v20.2.4 (Tentacle) or v19.2.6 (Squid) or newer, see " + GUIDE);
    }

    private static Optional<Version> release(String tag) {
        try {
            return Optional.of(Version.parse(tag));
        } catch (ModelException notARelease) {
            return Optional.empty();
        }
    }
}
