package io.koor.gitops.model.ceph;

import io.koor.gitops.model.values.Version;
import java.util.Optional;

/**
 * The chart that makes Rook's CSI drivers from v1.20 on. Up to v1.19 the operator created the
 * ceph-csi-operator's {@code Driver} objects itself (pkg/operator/ceph/csi/operator_driver.go at
 * v1.19.10); v1.20 removed that ("The CSI operator is required for managing CSI driver settings ...
 * New installs must configure the CSI settings with the CSI CRs", PendingReleaseNotes.md at v1.20.6), and
 * Rook's docs install the drivers with the {@code ceph-csi-drivers} chart of
 * {@code https://ceph.github.io/ceph-csi-operator} and Rook's values
 * (Documentation/Helm-Charts/csi-drivers-chart.md, deploy/charts/ceph-csi-drivers/values.yaml). Without
 * it an empty cluster has no driver, and no volume is ever provisioned.
 *
 * <p>The drivers chart is released with the operator chart of the same version
 * (ceph/ceph-csi-operator .github/workflows/publish-helm-charts.yaml), and each Rook release pins that
 * operator as its {@code ceph-csi-operator} subchart (deploy/charts/rook-ceph/Chart.yaml): 1.0.1 in
 * v1.20.0 and v1.20.1, 1.0.4 from v1.20.2 to v1.20.6.
 */
public final class RookCsiDrivers {
    /** Where ceph-csi publishes the drivers chart. */
    public static final String REPOSITORY = "https://ceph.github.io/ceph-csi-operator";
    public static final String CHART = "ceph-csi-drivers";
    /** The newest Rook release whose subchart version this class knows. */
    static final String NEWEST_KNOWN = "v1.20.6";

    private RookCsiDrivers() {
    }

    /** Whether this operator chart leaves the drivers to the drivers chart (Rook v1.20 and later). */
    public static boolean needed(ChartSource operator) {
        Version v = operator.version();
        return v.major() > 1 || v.minor() >= 20;
    }

    /**
     * The drivers chart to install beside this operator chart: empty before v1.20, and also empty
     * for a release newer than this class knows (which {@link #problem} reports).
     */
    public static Optional<ChartSource> chartFor(ChartSource operator) {
        if (!needed(operator)) {
            return Optional.empty();
        }
        Version v = operator.version();
        if (v.major() != 1 || v.minor() != 20 || v.patch() > 6) {
            return Optional.empty();
        }
        return Optional.of(ChartSource.of("ceph-csi-operator", REPOSITORY, CHART, v.patch() <= 1 ? "1.0.1" : "1.0.4"));
    }

    /** Why the drivers chart cannot be chosen for this operator chart, empty when it can (or is not needed). */
    static Optional<String> problem(ChartSource operator) {
        if (!needed(operator) || chartFor(operator).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("Rook " + operator.version() + " makes its CSI drivers only through the " + CHART
                + " chart, and which version of it matches this release is known up to Rook " + NEWEST_KNOWN
                + " (the ceph-csi-operator dependency of its deploy/charts/rook-ceph/Chart.yaml): use Rook "
                + NEWEST_KNOWN + " or a newer release of this toolkit");
    }
}
