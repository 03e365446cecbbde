package io.koor.gitops.model.cluster;

import io.koor.gitops.model.presets.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Helm release that bootstrap installs before the reconciler runs and the GitOps tree then owns:
 * the network plugin (and Calico's CRDs), and Hetzner's cloud controller manager, without which no
 * Node is initialised and nothing else schedules. Said once (release name, namespace, chart, version,
 * values), so that Flux takes over the release bootstrap made instead of fighting it.
 */
public record BootstrapRelease(String releaseName, String namespace, String repositoryName, String repositoryUrl,
                               String chart, String version, Map<String, Object> values) {
    /** The Secret in kube-system the cloud controller manager reads (keys token and network); never in Git. */
    public static final String HCLOUD_SECRET = "hcloud";

    public static BootstrapRelease network(Cluster cluster) {
        if (cluster.network().plugin() == NetworkPlugin.CILIUM) {
            // pod addresses as kubeadm hands them to nodes, not Cilium's default 10.0.0.0/8 pool (our node network);
            // Cilium tunnels between the Nodes' InternalIPs, which the kubelet (--node-ip) and the CCM set to private ones
            return new BootstrapRelease("cilium", "kube-system", "cilium", "https://helm.cilium.io", "cilium",
                    Versions.CILIUM_CHART, ordered("ipam", ordered("mode", "kubernetes")));
        }
        // Calico's default autodetection (first found) takes the first interface, on Hetzner the public one, and
        // VXLAN would then run between public addresses the firewall drops: take the Node's InternalIP instead.
        return new BootstrapRelease("calico", "tigera-operator", "projectcalico", CALICO_CHARTS, "tigera-operator",
                Versions.CALICO_CHART, ordered("installation", ordered("calicoNetwork", ordered(
                "ipPools", List.of(ordered(
                        "cidr", cluster.network().podCidr().toString(),
                        "encapsulation", "VXLANCrossSubnet",
                        "natOutgoing", "Enabled")),
                "nodeAddressAutodetectionV4", ordered("kubernetes", "NodeInternalIP")))));
    }

    /**
     * Calico's CRDs (crd.projectcalico.org and operator.tigera.io): since v3.32 the tigera-operator chart
     * no longer ships them, they come from this chart of the same release, installed first. As templates,
     * they are upgraded with the chart. Empty for Cilium, whose agent creates its CRDs at run time.
     */
    public static Optional<BootstrapRelease> networkCrds(Cluster cluster) {
        if (cluster.network().plugin() != NetworkPlugin.CALICO) {
            return Optional.empty();
        }
        return Optional.of(new BootstrapRelease("calico-crds", "tigera-operator", "projectcalico", CALICO_CHARTS,
                "crd.projectcalico.org.v1", Versions.CALICO_CHART, Map.of()));
    }

    /**
     * Hetzner's cloud controller manager with private network support: it sets each Node's InternalIP
     * to the server's private address and lets load balancers target it. Its route controller stays
     * off, because both network plugins here tunnel (VXLAN) instead of routing pod addresses natively.
     * The API token comes from the {@value #HCLOUD_SECRET} Secret, which provisioning creates.
     */
    public static BootstrapRelease cloudControllerManager(Cluster cluster) {
        return new BootstrapRelease("hccm", "kube-system", "hcloud", "https://charts.hetzner.cloud",
                "hcloud-cloud-controller-manager", Versions.HCLOUD_CCM_CHART, ordered(
                "networking", ordered("enabled", true, "clusterCIDR", cluster.network().podCidr().toString()),
                "env", ordered("HCLOUD_NETWORK_ROUTES_ENABLED", ordered("value", "false"))));
    }

    /** The Hetzner private network provisioning creates for the cluster, which the cloud controller manager attaches to. */
    public static String hetznerNetwork(Cluster cluster) {
        return cluster.name().value() + "-network";
    }

    /** How the {@value #HCLOUD_SECRET} Secret is made by hand, for a cluster provisioning did not create. */
    public static String hcloudSecretCommand(Cluster cluster) {
        return "kubectl -n kube-system create secret generic " + HCLOUD_SECRET + " --from-literal=token=<API token>"
                + " --from-literal=network=" + hetznerNetwork(cluster);
    }

    private static final String CALICO_CHARTS = "https://docs.tigera.io/calico/charts";

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
