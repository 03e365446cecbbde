package io.koor.gitops.model.cluster;

import java.util.Objects;

/**
 * Cluster-wide components the tree's own objects need before they can apply: the CSI snapshot CRDs
 * and controller (for VolumeSnapshotClasses), the Prometheus Operator CRDs (for ServiceMonitors and
 * PrometheusRules), an ingress controller (for the dashboard's Ingress), cert-manager with ACME
 * issuers (for certificates the definition asks for), and Hetzner's cloud controller manager (node
 * addresses from the private network, load balancers; every cluster here runs on Hetzner). Each is
 * installed when something in the definition needs it; {@link Install#ALWAYS} or {@link Install#NEVER}
 * overrides that, e.g. NEVER when the cluster already runs its own.
 */
public record Platform(Install snapshotController, Install prometheusOperatorCrds, Install ingressController,
                       Install certManager, Install cloudControllerManager) {
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
        Objects.requireNonNull(certManager, "certManager");
        Objects.requireNonNull(cloudControllerManager, "cloudControllerManager");
    }

    /** Every component installed when needed, the default. */
    public static Platform whenNeeded() {
        return new Platform(Install.WHEN_NEEDED, Install.WHEN_NEEDED, Install.WHEN_NEEDED, Install.WHEN_NEEDED,
                Install.WHEN_NEEDED);
    }

    public Platform snapshotController(Install install) {
        return new Platform(install, prometheusOperatorCrds, ingressController, certManager, cloudControllerManager);
    }

    public Platform prometheusOperatorCrds(Install install) {
        return new Platform(snapshotController, install, ingressController, certManager, cloudControllerManager);
    }

    public Platform ingressController(Install install) {
        return new Platform(snapshotController, prometheusOperatorCrds, install, certManager, cloudControllerManager);
    }

    public Platform certManager(Install install) {
        return new Platform(snapshotController, prometheusOperatorCrds, ingressController, install, cloudControllerManager);
    }

    public Platform cloudControllerManager(Install install) {
        return new Platform(snapshotController, prometheusOperatorCrds, ingressController, certManager, install);
    }

    /**
     * Whether the tree runs Hetzner's cloud controller manager, and so whether kubelets start with
     * {@code --cloud-provider=external} (they wait for it to initialise their Node). The cloud is
     * always Hetzner, so "when needed" is always.
     */
    public boolean runsCloudControllerManager() {
        return cloudControllerManager.installs(true);
    }
}
