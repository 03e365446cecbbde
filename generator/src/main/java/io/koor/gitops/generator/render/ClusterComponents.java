package io.koor.gitops.generator.render;

import io.koor.gitops.model.Cluster;
import java.util.List;

/** Every component a cluster's definition asks for, rendered. The single list renderers are added to. */
public final class ClusterComponents {
    private ClusterComponents() {
    }

    public static List<Component> of(Cluster cluster) {
        return List.of(
                RookOperatorRenderer.render(cluster.rook()),
                CephClusterRenderer.render(cluster));
    }
}
