package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.NetworkPluginRelease;
import io.koor.gitops.model.cluster.NodeRole;
import io.koor.gitops.model.values.Version;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * cloud-init user data for Ubuntu 22.04 nodes with kubeadm and CRI-O: kernel modules and sysctls,
 * CRI-O and the Kubernetes packages from their current repositories at the definition's version,
 * the kubelet on the node's private address, {@code kubeadm init} on the first control-plane node
 * (which then installs the network plugin and Flux, pointed at the cluster's path) and
 * {@code kubeadm join} on the others, with storage nodes labelled and, if dedicated, tainted.
 */
public final class CloudInit {
    /** Hetzner refuses larger user data. */
    public static final int MAX_BYTES = 32 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private CloudInit() {
    }

    public static String userData(DesiredState desired, DesiredResource.Server server, Bootstrap bootstrap) {
        Cluster cluster = desired.cluster();
        Version k8s = cluster.kubernetesVersion();
        String minor = "v" + k8s.major() + "." + k8s.minor();
        boolean first = server.name().equals(desired.firstControlPlane().name());

        ObjectNode doc = YAML.createObjectNode();
        doc.put("hostname", server.name());
        doc.put("package_update", true);
        ArrayNode packages = doc.putArray("packages");
        List.of("apt-transport-https", "ca-certificates", "curl", "gpg", "jq").forEach(packages::add);
        ArrayNode files = doc.putArray("write_files");
        file(files, "/etc/modules-load.d/kubernetes.conf", "overlay\nbr_netfilter\nrbd\n", "0644");
        file(files, "/etc/sysctl.d/90-kubernetes.conf", "net.bridge.bridge-nf-call-iptables = 1\n"
                + "net.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n", "0644");
        file(files, "/etc/kubeadm/config.yaml", first ? initConfig(desired, server, bootstrap) : joinConfig(desired, server,
                bootstrap), "0600");
        if (first) {
            try {
                file(files, "/etc/kubeadm/network-values.yaml",
                        YAML.writeValueAsString(NetworkPluginRelease.of(cluster).values()), "0644");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (first && bootstrap.argoCd()) {
            file(files, ARGO_CM_PATCH, argoCdHealthPatch(), "0644");
            file(files, ARGO_ROOT, argoCdRoot(cluster, bootstrap), "0644");
        }
        file(files, "/usr/local/sbin/koor-bootstrap", script(cluster, minor, k8s, first, bootstrap,
                server.privateIp()), "0700");
        doc.putArray("runcmd").add("/usr/local/sbin/koor-bootstrap");
        try {
            return "#cloud-config\n" + YAML.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaced at boot by the server's public IPv4 from Hetzner's metadata service (or its private one). */
    static final String PUBLIC_IP = "PUBLIC_IPV4";
    /** A kubeconfig for the administrator's machine: the API at the first node's public address. */
    static final String PUBLIC_KUBECONFIG = "/root/kubeconfig";
    static final String ARGO_CM_PATCH = "/etc/kubeadm/argocd-cm-patch.yaml";
    static final String ARGO_ROOT = "/etc/kubeadm/argocd-root.yaml";

    /**
     * Argo CD stopped judging Applications' health in 1.8, and without it the sync waves of an app of
     * apps do not wait for a layer to be ready: this restores it, reading the child's own health.
     */
    static String argoCdHealthPatch() {
        return "data:\n  resource.customizations.health.argoproj.io_Application: |\n"
                + "    hs = {status = \"Progressing\", message = \"\"}\n"
                + "    if obj.status ~= nil and obj.status.health ~= nil then\n"
                + "      hs.status = obj.status.health.status\n"
                + "      if obj.status.health.message ~= nil then\n"
                + "        hs.message = obj.status.health.message\n"
                + "      end\n"
                + "    end\n"
                + "    return hs\n";
    }

    /** The root of the app of apps: the cluster's directory, whose Applications are the layers. */
    static String argoCdRoot(Cluster cluster, Bootstrap bootstrap) {
        return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n  namespace: argocd\n"
                + "spec:\n  project: default\n  source:\n    repoURL: " + bootstrap.gitUrl() + "\n    targetRevision: "
                + bootstrap.gitBranch() + "\n    path: clusters/" + cluster.name() + "\n  destination:\n"
                + "    server: https://kubernetes.default.svc\n    namespace: argocd\n  syncPolicy:\n    automated:\n"
                + "      prune: true\n      selfHeal: true\n";
    }

    private static void file(ArrayNode files, String path, String content, String permissions) {
        files.addObject().put("path", path).put("permissions", permissions).put("owner", "root:root").put("content", content);
    }

    private static String nodeRegistration(DesiredState desired, DesiredResource.Server server) {
        Cluster cluster = desired.cluster();
        boolean storage = server.role() == NodeRole.STORAGE;
        StringBuilder reg = new StringBuilder("nodeRegistration:\n  name: " + server.name() + "\n  criSocket: unix:///var/run/crio/crio.sock\n"
                + "  kubeletExtraArgs:\n    - name: node-ip\n      value: " + server.privateIp() + "\n");
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

    static String initConfig(DesiredState desired, DesiredResource.Server server, Bootstrap bootstrap) {
        Cluster cluster = desired.cluster();
        return "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n"
                + "bootstrapTokens:\n  - token: " + bootstrap.joinToken() + "\n    ttl: 24h0m0s\n"
                + "certificateKey: " + bootstrap.certificateKey() + "\n"
                + "localAPIEndpoint:\n  advertiseAddress: " + server.privateIp() + "\n  bindPort: 6443\n"
                + nodeRegistration(desired, server)
                + "---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n"
                + "kubernetesVersion: v" + cluster.kubernetesVersion() + "\n"
                + "clusterName: " + cluster.name() + "\n"
                + "controlPlaneEndpoint: " + desired.controlPlaneEndpoint() + ":6443\n"
                // the first node's public address, filled in at boot: kubectl from outside then verifies the API
                + "apiServer:\n  certSANs:\n    - " + PUBLIC_IP + "\n"
                + "networking:\n  podSubnet: " + cluster.network().podCidr() + "\n  serviceSubnet: "
                + cluster.network().serviceCidr() + "\n";
    }

    static String joinConfig(DesiredState desired, DesiredResource.Server server, Bootstrap bootstrap) {
        boolean controlPlane = server.role() == NodeRole.CONTROL_PLANE;
        return "apiVersion: kubeadm.k8s.io/v1beta4\nkind: JoinConfiguration\n"
                + "discovery:\n  bootstrapToken:\n    apiServerEndpoint: " + desired.controlPlaneEndpoint() + ":6443\n"
                + "    token: " + bootstrap.joinToken() + "\n"
                // the CA's hash is not known before the first node exists; discovery stays on the private network
                + "    unsafeSkipCAVerification: true\n"
                + (controlPlane ? "controlPlane:\n  localAPIEndpoint:\n    advertiseAddress: " + server.privateIp()
                + "\n    bindPort: 6443\n  certificateKey: " + bootstrap.certificateKey() + "\n" : "")
                + nodeRegistration(desired, server);
    }

    private static String script(Cluster cluster, String minor, Version k8s, boolean first, Bootstrap bootstrap,
                                 String privateIp) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n# Written by demo-gitops provisioning; runs once, at first boot.\n"
                + "set -euo pipefail\n"
                + "modprobe overlay; modprobe br_netfilter; modprobe rbd\nsysctl --system\n"
                + "install -d -m 0755 /etc/apt/keyrings\n"
                + "curl -fsSL https://pkgs.k8s.io/core:/stable:/" + minor + "/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes.gpg\n"
                + "echo 'deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/" + minor
                + "/deb/ /' > /etc/apt/sources.list.d/kubernetes.list\n"
                + "curl -fsSL https://download.opensuse.org/repositories/isv:/cri-o:/stable:/" + minor
                + "/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/cri-o.gpg\n"
                + "echo 'deb [signed-by=/etc/apt/keyrings/cri-o.gpg] https://download.opensuse.org/repositories/isv:/cri-o:/stable:/"
                + minor + "/deb/ /' > /etc/apt/sources.list.d/cri-o.list\n"
                + "apt-get update\n"
                + "apt-get install -y cri-o kubelet=" + k8s + "-1.1 kubeadm=" + k8s + "-1.1 kubectl=" + k8s + "-1.1\n"
                + "apt-mark hold kubelet kubeadm kubectl\n"
                + "systemctl enable --now crio kubelet\n");
        if (!first) {
            s.append("until kubeadm join --config /etc/kubeadm/config.yaml; do sleep 20; kubeadm reset -f; done\n");
            return s.toString();
        }
        s.append("public_ip=$(curl -fsS --retry 5 http://169.254.169.254/hetzner/v1/metadata/public-ipv4 || true)\n"
                + "public_ip=${public_ip:-" + privateIp + "}\n"
                + "sed -i \"s/" + PUBLIC_IP + "/$public_ip/\" /etc/kubeadm/config.yaml\n"
                + "kubeadm init --config /etc/kubeadm/config.yaml --upload-certs\n"
                + "export KUBECONFIG=/etc/kubernetes/admin.conf\n"
                + "install -m 0600 /dev/null " + PUBLIC_KUBECONFIG + "\n"
                + "sed \"s#server: https://.*:6443#server: https://$public_ip:6443#\" $KUBECONFIG > " + PUBLIC_KUBECONFIG + "\n");
        // The network plugin goes in as the Helm release the GitOps tree declares, so Flux takes it over.
        NetworkPluginRelease cni = NetworkPluginRelease.of(cluster);
        s.append("curl -fsSL https://get.helm.sh/helm-").append(BootstrapVersions.HELM)
                .append("-linux-amd64.tar.gz | tar -xz --strip-components=1 -C /usr/local/bin linux-amd64/helm\n")
                .append("helm repo add ").append(cni.repositoryName()).append(' ').append(cni.repositoryUrl()).append('\n')
                .append("helm install ").append(cni.releaseName()).append(' ').append(cni.repositoryName()).append('/')
                .append(cni.chart()).append(" --version ").append(cni.version()).append(" --namespace ")
                .append(cni.namespace()).append(" --create-namespace --values /etc/kubeadm/network-values.yaml --wait\n");
        if (cluster.network().multus()) {
            s.append("kubectl apply -f https://raw.githubusercontent.com/k8snetworkplumbingwg/multus-cni/")
                    .append(BootstrapVersions.MULTUS).append('/').append(NetworkPluginRelease.MULTUS_MANIFEST).append('\n');
        }
        if (bootstrap.argoCd()) {
            s.append("kubectl create namespace argocd\n")
                    // the CRDs outgrew client-side apply's annotation limit: server-side, as Argo CD's own guide says
                    .append("kubectl apply -n argocd --server-side --force-conflicts -f https://raw.githubusercontent.com/argoproj/argo-cd/")
                    .append(BootstrapVersions.ARGO_CD).append("/manifests/install.yaml\n")
                    .append("kubectl -n argocd patch configmap argocd-cm --type merge --patch-file ").append(ARGO_CM_PATCH).append('\n')
                    .append("kubectl -n argocd rollout status deployment/argocd-repo-server --timeout=15m\n")
                    .append("kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=15m\n")
                    .append("kubectl apply -f ").append(ARGO_ROOT).append('\n');
            return s.toString();
        }
        s.append("curl -fsSL https://github.com/fluxcd/flux2/releases/download/v").append(BootstrapVersions.FLUX)
                .append("/flux_").append(BootstrapVersions.FLUX).append("_linux_amd64.tar.gz | tar -xz -C /usr/local/bin\n")
                .append("flux install\n")
                .append("flux create source git flux-system --url=").append(bootstrap.gitUrl()).append(" --branch=")
                .append(bootstrap.gitBranch()).append(" --interval=1m\n")
                .append("flux create kustomization flux-system --source=GitRepository/flux-system --path=./clusters/")
                .append(cluster.name()).append(" --prune=true --interval=10m\n");
        return s.toString();
    }
}
