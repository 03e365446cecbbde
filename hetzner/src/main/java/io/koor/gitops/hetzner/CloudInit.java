package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.koor.gitops.model.ArgoCdBootstrap;
import io.koor.gitops.model.FluxBootstrap;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cluster.BootstrapRelease;
import io.koor.gitops.model.cluster.NodeRole;
import io.koor.gitops.model.values.Version;
import java.io.UncheckedIOException;

/**
 * cloud-init user data for Ubuntu 22.04 nodes with kubeadm and CRI-O. Every node: a guard that keeps
 * pods away from the metadata service, kernel modules and sysctls, CRI-O and the Kubernetes packages
 * at the definition's version, and a wait for its private address. The first control-plane node then
 * runs {@code kubeadm init}, installs the network plugin and hands the cluster to Flux or Argo CD; the
 * others stop there and are joined over SSH by {@link ClusterJoin}. No user data holds a secret: Hetzner
 * serves it at 169.254.169.254 for the server's whole life.
 * Progress is in /var/lib/koor/phase ({@code preparing}, then {@code prepared} or {@code initialised}
 * and {@code ready}, or {@code failed}), which {@link ClusterJoin} reads.
 */
public final class CloudInit {
    /** Hetzner refuses larger user data. */
    public static final int MAX_BYTES = 32 * 1024;
    /** A kubeconfig for the administrator's machine: the API at the first node's public address. */
    static final String PUBLIC_KUBECONFIG = "/root/kubeconfig";
    static final String PUBLIC_IP = KubeadmConfig.PUBLIC_IP;
    static final String ARGO_CM_PATCH = "/etc/kubeadm/argocd-cm-patch.yaml";
    static final String ARGO_ROOT = "/etc/kubeadm/argocd-root.yaml";
    /** Flux's GitRepository and Kustomization flux-system, the objects of the tree's gotk-sync.yaml. */
    static final String FLUX_SYNC = "/etc/kubeadm/flux-sync.yaml";
    static final String SCRIPT = "/usr/local/sbin/koor-bootstrap";
    static final String PHASE_FILE = "/var/lib/koor/phase";
    static final String METADATA_GUARD = "/etc/koor/metadata-guard.nft";
    static final String METADATA_ADDRESS = "169.254.169.254";
    static final String NETWORK_VALUES = "/etc/kubeadm/network-values.yaml";
    static final String CCM_VALUES = "/etc/kubeadm/ccm-values.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private CloudInit() {
    }

    public static String userData(DesiredState desired, DesiredResource.Server server, Bootstrap bootstrap) {
        Cluster cluster = desired.cluster();
        boolean first = server.name().equals(desired.firstControlPlane().name());

        ObjectNode doc = YAML.createObjectNode();
        doc.put("hostname", server.name());
        ArrayNode files = doc.putArray("write_files");
        file(files, "/etc/modules-load.d/kubernetes.conf", "overlay\nbr_netfilter\nrbd\n", "0644");
        file(files, "/etc/sysctl.d/90-kubernetes.conf", "net.bridge.bridge-nf-call-iptables = 1\n"
                + "net.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n", "0644");
        file(files, METADATA_GUARD, metadataGuard(), "0644");
        file(files, "/etc/systemd/system/koor-metadata-guard.service", metadataGuardUnit(), "0644");
        if (first) {
            file(files, "/etc/kubeadm/config.yaml", KubeadmConfig.init(desired, server), "0600");
            file(files, NETWORK_VALUES, yaml(BootstrapRelease.network(cluster).values()), "0644");
            if (cluster.platform().runsCloudControllerManager()) {
                file(files, CCM_VALUES, yaml(BootstrapRelease.cloudControllerManager(cluster).values()), "0644");
            }
            if (bootstrap.argoCd()) {
                file(files, ARGO_CM_PATCH, argoCdHealthPatch(), "0644");
                file(files, ARGO_ROOT, argoCdRoot(cluster, bootstrap), "0644");
            } else {
                file(files, FLUX_SYNC, fluxSync(cluster, bootstrap), "0644");
            }
        }
        file(files, SCRIPT, script(desired, server, first, bootstrap), "0700");
        doc.putArray("runcmd").add(SCRIPT);
        try {
            return "#cloud-config\n" + YAML.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String yaml(Object values) {
        try {
            return YAML.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A table of its own on the forward hook: in nftables a packet dropped by any base chain is gone,
     * whatever the network plugin's chains (iptables-nft or legacy) accept, so the plugin cannot
     * override it. The host's own requests are output, not forwarded, and still reach the service.
     * Re-created whole when loaded again (the add-delete-define idiom), so reloading is harmless.
     */
    static String metadataGuard() {
        return "#!/usr/sbin/nft -f\n"
                + "# Pods must not read this server's user data or metadata at " + METADATA_ADDRESS + ".\n"
                + "table inet koor_metadata_guard\n"
                + "delete table inet koor_metadata_guard\n"
                + "table inet koor_metadata_guard {\n"
                + "  chain forward {\n"
                + "    type filter hook forward priority -10; policy accept;\n"
                + "    ip daddr " + METADATA_ADDRESS + " counter drop comment \"no routed traffic to the metadata service\"\n"
                + "  }\n"
                + "}\n";
    }

    private static String metadataGuardUnit() {
        return "[Unit]\nDescription=Keep forwarded (pod) traffic away from the metadata service\n"
                + "Before=kubelet.service crio.service\n\n"
                + "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/sbin/nft -f " + METADATA_GUARD + "\n\n"
                + "[Install]\nWantedBy=multi-user.target\n";
    }

    /**
     * Argo CD stopped judging Applications' health in 1.8, and without it the sync waves of an app of
     * apps do not wait for a layer to be ready: this restores it, with the keys the tree's Application
     * {@code argocd} patches in too ({@link ArgoCdBootstrap}), so Argo CD managing itself keeps them.
     */
    static String argoCdHealthPatch() {
        return yaml(java.util.Map.of("data", new java.util.TreeMap<>(ArgoCdBootstrap.configData())));
    }

    /** The root of the app of apps: the cluster's directory, whose Applications are the layers. */
    static String argoCdRoot(Cluster cluster, Bootstrap bootstrap) {
        return "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n  namespace: argocd\n"
                + "spec:\n  project: default\n  source:\n    repoURL: " + bootstrap.gitUrl() + "\n    targetRevision: "
                + bootstrap.gitBranch() + "\n    path: clusters/" + cluster.name() + "\n  destination:\n"
                + "    server: https://kubernetes.default.svc\n    namespace: argocd\n  syncPolicy:\n    automated:\n"
                + "      prune: true\n      selfHeal: true\n";
    }

    /**
     * The sync objects from the same model code the generator writes {@code gotk-sync.yaml} with, so that
     * Flux finds in Git exactly what bootstrap applied and adopts it.
     */
    static String fluxSync(Cluster cluster, Bootstrap bootstrap) {
        FluxBootstrap flux = new FluxBootstrap(cluster.name().value(),
                new Reconciler.GitSource(bootstrap.gitUrl(), bootstrap.gitBranch()));
        StringBuilder s = new StringBuilder();
        for (Object object : flux.sync()) {
            s.append("---\n").append(yaml(object));
        }
        return s.toString();
    }

    private static void file(ArrayNode files, String path, String content, String permissions) {
        files.addObject().put("path", path).put("permissions", permissions).put("owner", "root:root").put("content", content);
    }

    /**
     * Shell helpers: every network step retried with exponential backoff (5 s doubling, at most 60 s
     * apart), every wait bounded and announced, every download of a binary checked against its pinned
     * SHA-256. Log lines go to standard error, which cloud-init keeps in /var/log/cloud-init-output.log.
     */
    static final String HELPERS = """
            log() { echo "koor-bootstrap: $*" >&2; }
            phase() { echo "$1" > %s; log "phase: $1"; }
            trap 'phase failed; log "failed at line $LINENO; the whole log is /var/log/cloud-init-output.log"' ERR
            # retry ATTEMPTS COMMAND...: runs COMMAND until it succeeds, waiting 5 s, 10 s, 20 s ... (at most 60 s) between tries
            retry() {
              local attempts=$1 delay=5 n=1; shift
              until "$@"; do
                if [ "$n" -ge "$attempts" ]; then log "giving up after $n attempts: $1"; return 1; fi
                log "attempt $n of $attempts failed, again in ${delay}s: $1"
                sleep "$delay"; n=$((n + 1)); delay=$((delay * 2 > 60 ? 60 : delay * 2))
              done
            }
            # wait_for TRIES PAUSE WHAT COMMAND...: polls COMMAND, at most TRIES times PAUSE seconds
            wait_for() {
              local tries=$1 pause=$2 what=$3 n=1; shift 3
              log "waiting for $what (at most $((tries * pause)) s)"
              until "$@"; do
                if [ "$n" -ge "$tries" ]; then log "gave up waiting for $what"; return 1; fi
                sleep "$pause"; n=$((n + 1))
              done
              log "ready: $what"
            }
            download() { retry 8 curl -fsSL --connect-timeout 20 --max-time 900 -o "$2" "$1"; }
            # verified FILE SHA256: a file that does not match its pinned checksum is deleted and the script stops
            verified() { echo "$2  $1" | sha256sum --check --strict --quiet - || { log "checksum mismatch: $1"; rm -f "$1"; return 1; }; }
            apt_get() { retry 8 apt-get -q -o DPkg::Lock::Timeout=600 "$@"; }
            """.formatted(PHASE_FILE);

    private static String script(DesiredState desired, DesiredResource.Server server, boolean first, Bootstrap bootstrap) {
        Cluster cluster = desired.cluster();
        Version k8s = cluster.kubernetesVersion();
        String minor = "v" + k8s.major() + "." + k8s.minor();
        String ip = server.privateIp();
        StringBuilder s = new StringBuilder("#!/bin/bash\n# Written by demo-gitops provisioning; runs once, at first boot."
                + " It holds no secret.\nset -Eeuo pipefail\ninstall -d -m 0755 /var/lib/koor\n")
                .append(HELPERS)
                .append("phase preparing\n")
                .append("arch=$(dpkg --print-architecture)\n")
                .append("apt_get update\n")
                .append("apt_get install -y apt-transport-https ca-certificates curl gpg jq nftables\n")
                .append("systemctl daemon-reload\nsystemctl enable --now koor-metadata-guard.service\n")
                .append("modprobe overlay; modprobe br_netfilter; modprobe rbd\nsysctl --system\n")
                .append("install -d -m 0755 /etc/apt/keyrings\n")
                .append("download https://pkgs.k8s.io/core:/stable:/").append(minor).append("/deb/Release.key /run/kubernetes.key\n")
                .append("gpg --batch --yes --dearmor -o /etc/apt/keyrings/kubernetes.gpg /run/kubernetes.key\n")
                .append("echo 'deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/").append(minor)
                .append("/deb/ /' > /etc/apt/sources.list.d/kubernetes.list\n")
                .append("download https://download.opensuse.org/repositories/isv:/cri-o:/stable:/").append(minor)
                .append("/deb/Release.key /run/cri-o.key\n")
                .append("gpg --batch --yes --dearmor -o /etc/apt/keyrings/cri-o.gpg /run/cri-o.key\n")
                .append("echo 'deb [signed-by=/etc/apt/keyrings/cri-o.gpg] https://download.opensuse.org/repositories/isv:/cri-o:/stable:/")
                .append(minor).append("/deb/ /' > /etc/apt/sources.list.d/cri-o.list\n")
                .append("apt_get update\n")
                .append("apt_get install -y cri-o kubelet=").append(k8s).append("-1.1 kubeadm=").append(k8s)
                .append("-1.1 kubectl=").append(k8s).append("-1.1\n")
                .append("apt-mark hold kubelet kubeadm kubectl\n")
                // Provisioning attaches the private network after the server has booted: the kubelet and
                // kubeadm must not start before the address they are configured with exists.
                .append("has_private_address() { ip -4 -o addr show | grep -qF \" inet ").append(ip).append("/\"; }\n")
                .append("wait_for 120 5 \"the private address ").append(ip)
                .append(" (Hetzner attaches the network after boot)\" has_private_address\n")
                .append("systemctl enable --now crio\nsystemctl enable kubelet\n");
        if (!first) {
            return s.append("phase prepared # joined later over SSH, with secrets made for that moment\n").toString();
        }
        s.append("public_ip=$(retry 5 curl -fsS --connect-timeout 5 http://").append(METADATA_ADDRESS)
                .append("/hetzner/v1/metadata/public-ipv4 || true)\n")
                .append("public_ip=${public_ip:-").append(ip).append("}\n")
                .append("sed -i \"s/").append(PUBLIC_IP).append("/$public_ip/\" /etc/kubeadm/config.yaml\n")
                // kubeadm init pulls the control-plane images itself, without retrying: pull them first, with retries
                .append("retry 5 kubeadm config images pull --config /etc/kubeadm/config.yaml\n")
                .append("kubeadm init --config /etc/kubeadm/config.yaml --skip-token-print\n")
                .append("export KUBECONFIG=/etc/kubernetes/admin.conf\n")
                .append("# kubeadm made a default bootstrap token that nobody needs: joins get short-lived tokens of their own\n")
                .append("kubectl -n kube-system delete secret --field-selector type=bootstrap.kubernetes.io/token\n")
                .append("install -m 0600 /dev/null ").append(PUBLIC_KUBECONFIG).append('\n')
                .append("sed \"s#server: https://.*:6443#server: https://$public_ip:6443#\" $KUBECONFIG > ")
                .append(PUBLIC_KUBECONFIG).append('\n');
        // The network plugin (and Calico's CRDs) and the cloud controller manager go in as the Helm releases
        // the GitOps tree declares, so Flux takes them over.
        BootstrapRelease cni = BootstrapRelease.network(cluster);
        s.append("download https://get.helm.sh/helm-").append(BootstrapVersions.HELM).append("-linux-$arch.tar.gz /run/helm.tar.gz\n")
                .append(checksumByArch("helm", BootstrapVersions.HELM_SHA256))
                .append("verified /run/helm.tar.gz \"$helm_sha256\"\n")
                .append("tar -xzf /run/helm.tar.gz --strip-components=1 -C /usr/local/bin linux-$arch/helm\n")
                .append("retry 8 helm repo add ").append(cni.repositoryName()).append(' ').append(cni.repositoryUrl()).append('\n');
        BootstrapRelease.networkCrds(cluster).ifPresent(crds -> s.append(helmInstall(crds, "", true)));
        s.append(helmInstall(cni, " --values " + NETWORK_VALUES, true));
        boolean ccm = cluster.platform().runsCloudControllerManager();
        if (ccm) {
            BootstrapRelease hccm = BootstrapRelease.cloudControllerManager(cluster);
            // not waited for: its token Secret arrives over SSH once this node reports initialised
            s.append("retry 8 helm repo add ").append(hccm.repositoryName()).append(' ').append(hccm.repositoryUrl()).append('\n')
                    .append(helmInstall(hccm, " --values " + CCM_VALUES, false));
        }
        if (cluster.network().multus()) {
            s.append("download https://raw.githubusercontent.com/k8snetworkplumbingwg/multus-cni/").append(BootstrapVersions.MULTUS)
                    .append('/').append(BootstrapRelease.MULTUS_MANIFEST).append(" /etc/kubeadm/multus.yaml\n")
                    .append("retry 5 kubectl apply -f /etc/kubeadm/multus.yaml\n");
        }
        s.append("wait_for 90 10 \"node ").append(server.name()).append(" Ready\" kubectl wait --for=condition=Ready node/")
                .append(server.name()).append(" --timeout=10s\n")
                .append("phase initialised # the other nodes can join now\n");
        if (ccm) {
            // Until the cloud controller manager runs, the Node keeps the uninitialized taint and Flux, Argo CD
            // and CoreDNS cannot schedule; it runs once provisioning has created its Secret.
            s.append("node_initialised() { ! kubectl get node ").append(server.name())
                    .append(" -o jsonpath='{.spec.taints[*].key}' | grep -q node.cloudprovider.kubernetes.io/uninitialized; }\n")
                    .append("wait_for 120 10 \"the cloud controller manager to initialise node ").append(server.name())
                    .append(" (provisioning creates its Secret)\" node_initialised\n");
        }
        if (bootstrap.argoCd()) {
            // Argo CD's manifests tolerate no taint: it waits for a node that takes ordinary pods (a joined
            // worker, or this node when the cluster has no workers and so no control-plane taint).
            s.append("schedulable_node() { kubectl get nodes -o json | jq -e '[.items[] | select(any(.status.conditions[];"
                            + " .type == \"Ready\" and .status == \"True\")) | select([.spec.taints[]? | select(.effect != \"PreferNoSchedule\")]"
                            + " | length == 0)] | length > 0' > /dev/null; }\n")
                    .append("wait_for 180 10 \"a Ready node without taints for Argo CD\" schedulable_node\n")
                    .append("kubectl create namespace argocd --dry-run=client -o yaml | kubectl apply -f -\n")
                    .append("download ").append(ArgoCdBootstrap.installManifest()).append(" /etc/kubeadm/argocd-install.yaml\n")
                    // the CRDs outgrew client-side apply's annotation limit: server-side, as Argo CD's own guide says
                    .append("retry 5 kubectl apply -n argocd --server-side --force-conflicts -f /etc/kubeadm/argocd-install.yaml\n")
                    .append("retry 5 kubectl -n argocd patch configmap argocd-cm --type merge --patch-file ").append(ARGO_CM_PATCH).append('\n')
                    .append("kubectl -n argocd rollout status deployment/argocd-repo-server --timeout=15m\n")
                    .append("kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=15m\n")
                    .append("retry 5 kubectl apply -f ").append(ARGO_ROOT).append('\n');
        } else {
            s.append("download https://github.com/fluxcd/flux2/releases/download/v").append(BootstrapVersions.FLUX)
                    .append("/flux_").append(BootstrapVersions.FLUX).append("_linux_$arch.tar.gz /run/flux.tar.gz\n")
                    .append(checksumByArch("flux", BootstrapVersions.FLUX_SHA256))
                    .append("verified /run/flux.tar.gz \"$flux_sha256\"\n")
                    .append("tar -xzf /run/flux.tar.gz -C /usr/local/bin flux\n")
                    // the controllers may run on this node before any worker has joined, instead of waiting for one;
                    // with Flux's manifests in the tree, the same controllers its release artifact holds
                    .append("retry 3 flux install --toleration-keys=").append(FluxBootstrap.CONTROL_PLANE_TAINT)
                    .append(bootstrap.fluxInGit() ? " --components-extra=" + String.join(",", FluxBootstrap.ARTIFACT_EXTRA_COMPONENTS) : "")
                    .append('\n')
                    .append("retry 5 kubectl apply --server-side -f ").append(FLUX_SYNC).append('\n');
        }
        return s.append("phase ready\n").toString();
    }

    private static String helmInstall(BootstrapRelease release, String values, boolean await) {
        return "retry 5 helm upgrade --install " + release.releaseName() + ' ' + release.repositoryName() + '/'
                + release.chart() + " --version " + release.version() + " --namespace " + release.namespace()
                + " --create-namespace" + values + (await ? " --wait --timeout 10m" : "") + '\n';
    }

    /** Sets {@code <name>_sha256} to the pinned checksum for this server's architecture, or stops on another. */
    private static String checksumByArch(String name, java.util.Map<String, String> sha256) {
        StringBuilder s = new StringBuilder("case $arch in\n");
        new java.util.TreeMap<>(sha256).forEach((arch, sum) -> s.append("  ").append(arch).append(") ").append(name)
                .append("_sha256=").append(sum).append(" ;;\n"));
        return s.append("  *) log \"no pinned ").append(name).append(" checksum for $arch\"; false ;;\nesac\n").toString();
    }
}
