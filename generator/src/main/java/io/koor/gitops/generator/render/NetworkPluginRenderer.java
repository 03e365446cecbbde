package io.koor.gitops.generator.render;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.presets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cluster's network plugin, owned by the GitOps tree after bootstrap installed it: the Helm
 * releases of {@link BootstrapRelease#network} (Cilium, or Calico's CRDs and tigera-operator), and Multus from its
 * tagged manifest, which is what bootstrap applied.
 */
public final class NetworkPluginRenderer {
    public static final String COMPONENT = "network";
    /** The Multus daemonset manifest puts its objects in kube-system. */
    private static final String MULTUS_NAMESPACE = "kube-system";

    private NetworkPluginRenderer() {
    }

    public static Component render(Cluster cluster) {
        BootstrapRelease release = BootstrapRelease.network(cluster);
        List<Part> parts = new ArrayList<>();
        if (!release.namespace().equals("kube-system")) {
            // Privileged, as Calico's own tigera-operator.yaml labels it (manifests/tigera-operator.yaml):
            // the operator runs with host networking to reach the API server before any pod network exists.
            parts.add(Namespaces.part(cluster, release.namespace(), PodSecurity.PRIVILEGED));
        }
        // The release names are bootstrap's, so the tree takes over those releases instead of installing second ones.
        // Calico's CRDs come from their own chart (templates, upgraded with it); Cilium's agent and operator
        // create their CRDs at run time, so its chart ships none.
        // Those CRDs are templates, which an uninstall deletes with every IPPool and policy: they are kept.
        BootstrapRelease.networkCrds(cluster).ifPresent(crds -> parts.add(Part.ChartInstall.takenOver(crds, true)));
        parts.add(Part.ChartInstall.takenOver(release, false));
        if (cluster.network().multus()) {
            parts.add(new Part.RemoteManifest("multus", "multus-cni", BootstrapRelease.MULTUS_REPOSITORY,
                    Versions.MULTUS, BootstrapRelease.MULTUS_MANIFEST, MULTUS_NAMESPACE));
        }
        return new Component(COMPONENT, Layer.CONTROLLERS, Set.of(), false, parts);
    }
}
