package io.koor.gitops.hetzner;

import io.koor.gitops.model.access.SingleSignOn;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NodeRole;

/**
 * kubeadm's configuration files (v1beta4): the first control-plane node's InitConfiguration and
 * ClusterConfiguration, which go into its user data and hold no secret, and each other node's
 * JoinConfiguration, which holds the join secrets and therefore only ever travels over SSH.
 */
final class KubeadmConfig {
    /** Replaced at boot by the server's public IPv4 from Hetzner's metadata service (or its private one). */
    static final String PUBLIC_IP = "PUBLIC_IPV4";

    private KubeadmConfig() {
    }

    private static String nodeRegistration(DesiredState desired, DesiredResource.Server server) {
        Cluster cluster = desired.cluster();
        boolean storage = server.role() == NodeRole.STORAGE;
        // the private address: the Node's InternalIP, from which Calico and Cilium take the address they tunnel between
        StringBuilder reg = new StringBuilder("nodeRegistration:\n  name: " + server.name() + "\n  criSocket: unix:///var/run/crio/crio.sock\n"
                + "  kubeletExtraArgs:\n    - name: node-ip\n      value: " + server.privateIp() + "\n");
        if (cluster.platform().runsCloudControllerManager()) {
            // Hetzner's cloud controller manager initialises the Node (addresses, provider ID, zone labels)
            reg.append("    - name: cloud-provider\n      value: external\n");
        }
        if (storage) {
            reg.append("    - name: node-labels\n      value: ").append(Cluster.STORAGE_NODE_LABEL).append("=true\n");
        }
        if (storage && cluster.rook().dedicatedStorageNodes()) {
            reg.append("  taints:\n    - key: ").append(Cluster.STORAGE_TAINT_KEY)
                    .append("\n      value: \"true\"\n      effect: NoSchedule\n");
        } else if (server.role() == NodeRole.CONTROL_PLANE && cluster.workers().count() == 0) {
            reg.append("  taints: []\n"); // no workers: the control plane runs the applications too
        }
        return reg.toString();
    }

    /**
     * No bootstrap token and no certificate key: kubeadm makes a default token, which the first node
     * deletes right after {@code kubeadm init}, and joins get tokens of their own.
     */
    static String init(DesiredState desired, DesiredResource.Server server) {
        Cluster cluster = desired.cluster();
        return "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n"
                + "localAPIEndpoint:\n  advertiseAddress: " + server.privateIp() + "\n  bindPort: 6443\n"
                + nodeRegistration(desired, server)
                + "---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n"
                + "kubernetesVersion: v" + cluster.kubernetesVersion() + "\n"
                + "clusterName: " + cluster.name() + "\n"
                + "controlPlaneEndpoint: " + desired.controlPlaneEndpoint() + ":6443\n"
                // the first node's public address, filled in at boot: kubectl from outside then verifies the API
                + "apiServer:\n  certSANs:\n    - " + PUBLIC_IP + "\n"
                + oidc(cluster)
                + "networking:\n  podSubnet: " + cluster.network().podCidr() + "\n  serviceSubnet: "
                + cluster.network().serviceCidr() + "\n";
    }

    /**
     * With sign-on, the API server takes Dex's ID tokens (kube-apiserver --oidc-* flags, kubernetes.io/docs/reference/
     * access-authn-authz/authentication: OpenID Connect tokens): issued for the kubectl client, the user named by the
     * verified email, the groups from the groups claim, both behind a prefix so no token can pass for a system or
     * certificate identity. It needs Dex running no more than it needs it at start: the authenticator fetches the
     * discovery document in the background and retries (kubernetes/kubernetes#28036, #33585), and it trusts Dex's
     * Let's Encrypt certificate through the node's CA bundle, which kubeadm mounts into its pod (/etc/ssl/certs).
     * The ClusterConfiguration is the cluster's: control-plane nodes that join take it from kubeadm-config.
     */
    static String oidc(Cluster cluster) {
        return cluster.access().signOn().map(sso -> "  extraArgs:\n"
                + arg("oidc-issuer-url", sso.issuerUrl())
                + arg("oidc-client-id", SingleSignOn.KUBERNETES_CLIENT)
                + arg("oidc-username-claim", "email")
                + arg("oidc-username-prefix", "\"" + SingleSignOn.PREFIX + "\"")
                + arg("oidc-groups-claim", "groups")
                + arg("oidc-groups-prefix", "\"" + SingleSignOn.PREFIX + "\"")).orElse("");
    }

    private static String arg(String name, String value) {
        return "    - name: " + name + "\n      value: " + value + "\n";
    }

    /** Discovery pins the CA by its public key's hash: a joiner trusts no API server that merely knows the token. */
    static String join(DesiredState desired, DesiredResource.Server server, JoinSecrets secrets) {
        boolean controlPlane = server.role() == NodeRole.CONTROL_PLANE;
        if (controlPlane && secrets.certificateKey().isEmpty()) {
            throw new IllegalArgumentException(server.name() + " joins the control plane and needs the certificate key");
        }
        return "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\n"
                + "discovery:\n  bootstrapToken:\n    apiServerEndpoint: " + desired.controlPlaneEndpoint() + ":6443\n"
                + "    token: " + secrets.token() + "\n"
                + "    caCertHashes:\n      - " + secrets.caCertHash() + "\n"
                + (controlPlane ? "controlPlane:\n  localAPIEndpoint:\n    advertiseAddress: " + server.privateIp()
                + "\n    bindPort: 6443\n  certificateKey: " + secrets.certificateKey().orElseThrow() + "\n" : "")
                + nodeRegistration(desired, server);
    }
}
