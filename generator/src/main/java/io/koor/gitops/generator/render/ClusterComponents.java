package io.koor.gitops.generator.render;

import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every component a cluster's definition asks for, rendered. The single list renderers are added to. */
public final class ClusterComponents {
    public static final String FILESYSTEMS = "ceph-filesystems";
    public static final String OBJECT_STORES = "ceph-object-stores";
    public static final String TOOLS = "ceph-tools";
    public static final String BUCKETS = "ceph-buckets";

    private ClusterComponents() {
    }

    public static List<Component> of(Cluster cluster) {
        RookCeph rook = cluster.rook();
        Set<String> operator = Set.of(RookOperatorRenderer.COMPONENT);
        List<Component> components = new ArrayList<>();
        components.add(NetworkPluginRenderer.render(cluster));
        components.add(RookOperatorRenderer.render(rook));
        components.add(CephClusterRenderer.render(cluster));
        if (!rook.filesystems().isEmpty()) {
            List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new ArrayList<>();
            rook.filesystems().forEach(fs -> objects.addAll(FilesystemRenderer.render(cluster, fs)));
            if (rook.snapshotClasses()) {
                objects.add(ToolsRenderer.filesystemSnapshotClass(rook));
            }
            components.add(Component.ofManifests(FILESYSTEMS, Layer.CONFIGS, operator, true, objects));
        }
        if (!rook.objectStores().isEmpty()) {
            components.add(Component.ofManifests(OBJECT_STORES, Layer.CONFIGS, operator, true, rook.objectStores()
                    .stream().flatMap(store -> ObjectStoreRenderer.render(cluster, store).stream()).toList()));
        }
        var tools = ToolsRenderer.render(rook);
        if (!tools.isEmpty()) {
            components.add(Component.ofManifests(TOOLS, Layer.CONFIGS, operator, false, tools));
        }
        var claims = ObjectStoreRenderer.bucketClaims(rook);
        if (!claims.isEmpty()) {
            components.add(Component.ofManifests(BUCKETS, Layer.APPS, Set.of(OBJECT_STORES), false, claims));
        }
        return components;
    }
}
