package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.koor.gitops.model.BlockPool;
import io.koor.gitops.model.RookCeph;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A replicated CephBlockPool and the RBD StorageClass that provisions volumes from it. */
final class BlockPoolRenderer {
    private BlockPoolRenderer() {
    }

    static HasMetadata pool(RookCeph rook, BlockPool pool) {
        return Resources.custom("ceph.rook.io/v1", "CephBlockPool", pool.name().value(), rook.namespace().value(),
                map(
                        "failureDomain", pool.failureDomain().crushName(),
                        "replicated", map(
                                "size", pool.replicas(),
                                "requireSafeReplicaSize", pool.requireSafeReplicaSize())));
    }

    static Optional<HasMetadata> storageClass(RookCeph rook, BlockPool pool) {
        return pool.storageClass().map(name -> {
            String ns = rook.namespace().value();
            // Rook's CSI driver names are prefixed with the operator namespace.
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("clusterID", ns);
            parameters.put("pool", pool.name().value());
            parameters.put("imageFormat", "2");
            parameters.put("imageFeatures", "layering");
            parameters.put("csi.storage.k8s.io/provisioner-secret-name", "rook-csi-rbd-provisioner");
            parameters.put("csi.storage.k8s.io/provisioner-secret-namespace", ns);
            parameters.put("csi.storage.k8s.io/controller-expand-secret-name", "rook-csi-rbd-provisioner");
            parameters.put("csi.storage.k8s.io/controller-expand-secret-namespace", ns);
            parameters.put("csi.storage.k8s.io/node-stage-secret-name", "rook-csi-rbd-node");
            parameters.put("csi.storage.k8s.io/node-stage-secret-namespace", ns);
            parameters.put("csi.storage.k8s.io/fstype", "ext4");
            var builder = new StorageClassBuilder()
                    .withNewMetadata().withName(name.value()).endMetadata()
                    .withProvisioner(ns + ".rbd.csi.ceph.com")
                    .withParameters(parameters)
                    .withReclaimPolicy("Delete")
                    .withAllowVolumeExpansion(true)
                    .withVolumeBindingMode("Immediate");
            if (pool.defaultStorageClass()) {
                builder.editMetadata().addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                        .endMetadata();
            }
            return builder.build();
        });
    }
}
