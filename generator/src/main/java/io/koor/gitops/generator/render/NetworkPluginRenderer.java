package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NetworkPluginRelease;
import io.koor.gitops.model.presets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster's network plugin, owned by the GitOps tree after bootstrap installed it: the Helm
 * release of {@link NetworkPluginRelease} (Cilium, or Calico's tigera-operator), and Multus from its
 * tagged manifest, which is what bootstrap applied.
 */
public final class NetworkPluginRenderer {
    public static final String COMPONENT = "network";
    /** The Multus daemonset manifest puts its objects in kube-system. */
    private static final String MULTUS_NAMESPACE = "kube-system";

    private NetworkPluginRenderer() {
    }

    public static Component render(Cluster cluster) {
        NetworkPluginRelease release = NetworkPluginRelease.of(cluster);
        List<Part> parts = new ArrayList<>();
        if (!release.namespace().equals("kube-system")) {
            parts.add(new Part.Manifests(List.of(
                    new NamespaceBuilder().withNewMetadata().withName(release.namespace()).endMetadata().build())));
        }
        // The release name is bootstrap's, so the tree takes over that release instead of installing a second one.
        // Calico's operator CRDs sit in the chart's crds/ directory, which Helm never upgrades by itself;
        // Cilium's agent and operator create their CRDs at run time, so its chart ships none.
        Part.CrdPolicy crds = release.chart().equals("tigera-operator") ? Part.CrdPolicy.CREATE_REPLACE
                : Part.CrdPolicy.DEFAULT;
        parts.add(new Part.ChartInstall(release.repositoryName(), release.repositoryUrl(), release.chart(),
                release.version(), release.namespace(), Optional.of(release.releaseName()), crds, release.values()));
        if (cluster.network().multus()) {
            parts.add(new Part.RemoteManifest("multus", "multus-cni", NetworkPluginRelease.MULTUS_REPOSITORY,
                    Versions.MULTUS, NetworkPluginRelease.MULTUS_MANIFEST, MULTUS_NAMESPACE));
        }
        return new Component(COMPONENT, Layer.CONTROLLERS, Set.of(), false, parts);
    }
}
