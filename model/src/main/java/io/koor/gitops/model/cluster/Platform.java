package io.koor.gitops.model.cluster;

import java.util.Objects;

/**
 * Cluster-wide components the tree's own objects need before they can apply: the CSI snapshot CRDs
 * and controller (for VolumeSnapshotClasses), the Prometheus Operator CRDs (for ServiceMonitors and
 * PrometheusRules), and an ingress controller (for the dashboard's Ingress). Each is installed when
 * something in the definition needs it; {@link Install#ALWAYS} or {@link Install#NEVER} overrides
 * that, e.g. NEVER when the cluster already runs its own.
 */
public record Platform(Install snapshotController, Install prometheusOperatorCrds, Install ingressController) {
    /** Whether the tree installs a component. */
    public enum Install {
        /** When an object of the tree needs it. */
        WHEN_NEEDED,
        ALWAYS,
        /** Never: something outside the tree provides it. */
        NEVER;

        public boolean installs(boolean needed) {
            return this == ALWAYS || (this == WHEN_NEEDED && needed);
        }
    }

    public Platform {
        Objects.requireNonNull(snapshotController, "snapshotController");
        Objects.requireNonNull(prometheusOperatorCrds, "prometheusOperatorCrds");
        Objects.requireNonNull(ingressController, "ingressController");
    }

    /** Every component installed when needed, the default. */
    public static Platform whenNeeded() {
        return new Platform(Install.WHEN_NEEDED, Install.WHEN_NEEDED, Install.WHEN_NEEDED);
    }

    public Platform snapshotController(Install install) {
        return new Platform(install, prometheusOperatorCrds, ingressController);
    }

    public Platform prometheusOperatorCrds(Install install) {
        return new Platform(snapshotController, install, ingressController);
    }

    public Platform ingressController(Install install) {
        return new Platform(snapshotController, prometheusOperatorCrds, install);
    }
}
