package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CephFilesystem, its MDS daemons on the storage nodes, and its StorageClass (on the first data pool). */
final class FilesystemRenderer {
    private FilesystemRenderer() {
    }

    static List<HasMetadata> render(Cluster cluster, Filesystem fs) {
        RookCeph rook = cluster.rook();
        String ns = rook.namespace().value();
        List<HasMetadata> out = new ArrayList<>();
        out.add(Resources.custom("ceph.rook.io/v1", "CephFilesystem", fs.name().value(), ns, map(
                "metadataPool", PoolRenderer.spec(fs.metadataPool()),
                "dataPools", fs.dataPools().stream().map(p -> {
                    Map<String, Object> pool = map("name", p.name().value());
                    pool.putAll(PoolRenderer.spec(p.spec()));
                    return pool;
                }).toList(),
                "preserveFilesystemOnDelete", true,
                "metadataServer", map(
                        "activeCount", fs.activeMds(),
                        "activeStandby", fs.standby(),
                        "priorityClassName", "system-cluster-critical",
                        "placement", Placement.storageNodes(cluster),
                        "resources", ResourcesRenderer.of(fs.mdsResources())))));
        fs.storageClass().ifPresent(name -> {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("clusterID", ns);
            parameters.put("fsName", fs.name().value());
            parameters.put("pool", fs.name().value() + "-" + fs.dataPools().get(0).name().value());
            parameters.putAll(Secrets.cephfs(ns));
            out.add(new StorageClassBuilder()
                    .withNewMetadata().withName(name.value()).endMetadata()
                    .withProvisioner(ns + ".cephfs.csi.ceph.com")
                    .withParameters(parameters)
                    .withReclaimPolicy("Delete")
                    .withAllowVolumeExpansion(true)
                    .build());
        });
        return out;
    }
}
