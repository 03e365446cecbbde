package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NetworkPluginRelease;
import io.koor.gitops.model.presets.Versions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cluster's network plugin, owned by the GitOps tree after bootstrap installed it: the Helm
 * release of {@link NetworkPluginRelease} (Cilium, or Calico's tigera-operator), and Multus from its
 * tagged manifest, which is what bootstrap applied.
 */
public final class NetworkPluginRenderer {
    public static final String COMPONENT = "network";

    private NetworkPluginRenderer() {
    }

    public static Component render(Cluster cluster) {
        NetworkPluginRelease release = NetworkPluginRelease.of(cluster);
        List<HasMetadata> objects = new ArrayList<>();
        if (!release.namespace().equals("kube-system")) {
            objects.add(new NamespaceBuilder().withNewMetadata().withName(release.namespace()).endMetadata().build());
        }
        objects.add(Resources.custom("source.toolkit.fluxcd.io/v1", "HelmRepository", release.repositoryName(),
                release.namespace(), map("interval", "12h", "url", release.repositoryUrl())));
        objects.add(Resources.custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", release.releaseName(), release.namespace(),
                map(
                        "interval", "1h",
                        "releaseName", release.releaseName(),
                        "chart", map("spec", map(
                                "chart", release.chart(),
                                "version", release.version(),
                                "sourceRef", map("kind", "HelmRepository", "name", release.repositoryName()),
                                "interval", "12h")),
                        "install", map("remediation", map("retries", 3)),
                        "upgrade", map("remediation", map("retries", 3)),
                        "values", release.values())));
        if (cluster.network().multus()) {
            objects.add(Resources.custom("source.toolkit.fluxcd.io/v1", "GitRepository", "multus-cni", "flux-system", map(
                    "interval", "12h",
                    "url", NetworkPluginRelease.MULTUS_REPOSITORY,
                    "ref", map("tag", Versions.MULTUS),
                    // only the one manifest bootstrap applied
                    "ignore", "/*\n!/" + NetworkPluginRelease.MULTUS_MANIFEST + "\n")));
            objects.add(Resources.custom("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "multus", "flux-system", map(
                    "interval", "1h",
                    "sourceRef", map("kind", "GitRepository", "name", "multus-cni"),
                    "path", "./deployments",
                    "prune", true,
                    "wait", true)));
        }
        return new Component(COMPONENT, Layer.CONTROLLERS, Set.of(), false, objects);
    }
}
