package io.koor.gitops.hetzner;

import io.koor.gitops.model.Cluster;
import io.koor.gitops.model.Node;
import io.koor.gitops.model.NodeRole;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The servers and volumes a cluster's node groups ask for: a pure function of the definition,
 * the first step of the provisioning plan. Server names equal the Kubernetes node names the
 * GitOps tree pins Ceph to, because both come from {@link Cluster#nodes()}.
 */
public final class ServerInventory {
    /** The operating system the bootstrap (kubeadm + CRI-O) is written for. */
    public static final String IMAGE = "ubuntu-22.04";
    public static final String LABEL_CLUSTER = "koor.io/cluster";
    public static final String LABEL_ROLE = "koor.io/role";
    public static final String LABEL_MANAGED_BY = "koor.io/managed-by";

    private ServerInventory() {
    }

    public static List<DesiredServer> of(Cluster cluster) {
        List<DesiredServer> servers = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            TreeMap<String, String> labels = new TreeMap<>();
            labels.put(LABEL_CLUSTER, cluster.name().value());
            labels.put(LABEL_ROLE, node.role().label());
            labels.put(LABEL_MANAGED_BY, "demo-gitops");
            List<DesiredServer.DesiredVolume> volumes = new ArrayList<>();
            if (node.role() == NodeRole.STORAGE) {
                for (int i = 1; i <= cluster.storage().drivesPerNode(); i++) {
                    volumes.add(new DesiredServer.DesiredVolume(node.name() + "-osd-" + i,
                            cluster.storage().driveSizeGb()));
                }
            }
            servers.add(new DesiredServer(node.name().value(), node.serverType().name(), IMAGE,
                    cluster.location().code(), labels, volumes));
        }
        return servers;
    }
}
