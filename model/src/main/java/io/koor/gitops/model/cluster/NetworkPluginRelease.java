package io.koor.gitops.model.cluster;

import io.koor.gitops.model.presets.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Helm release of a cluster's network plugin, once: bootstrap installs exactly this (release
 * name, namespace, chart, version, values) and the GitOps tree declares exactly this, so that Flux
 * takes over the release bootstrap made instead of fighting it.
 */
public record NetworkPluginRelease(String releaseName, String namespace, String repositoryName, String repositoryUrl,
                                   String chart, String version, Map<String, Object> values) {

    public static NetworkPluginRelease of(Cluster cluster) {
        if (cluster.network().plugin() == NetworkPlugin.CILIUM) {
            // pod addresses as kubeadm hands them to nodes, not Cilium's default 10.0.0.0/8 pool (our node network)
            return new NetworkPluginRelease("cilium", "kube-system", "cilium", "https://helm.cilium.io", "cilium",
                    Versions.CILIUM_CHART, ordered("ipam", ordered("mode", "kubernetes")));
        }
        return new NetworkPluginRelease("calico", "tigera-operator", "projectcalico", "https://docs.tigera.io/calico/charts",
                "tigera-operator", Versions.CALICO_CHART, ordered("installation", ordered("calicoNetwork", ordered(
                "ipPools", List.of(ordered(
                        "cidr", cluster.network().podCidr().toString(),
                        "encapsulation", "VXLANCrossSubnet",
                        "natOutgoing", "Enabled"))))));
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The Multus manifest bootstrap applies and the tree then owns, at {@link Versions#MULTUS}. */
    public static final String MULTUS_REPOSITORY = "https://github.com/k8snetworkplumbingwg/multus-cni";
    public static final String MULTUS_MANIFEST = "deployments/multus-daemonset-thick.yml";
}
