package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.RookCeph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CephBlockPool and the RBD StorageClass that provisions volumes from it. An erasure-coded pool
 * comes with a replicated {@code <name>-metadata} pool, since RBD keeps image metadata in a
 * replicated pool and only the data in the erasure-coded one.
 */
final class BlockPoolRenderer {
    private BlockPoolRenderer() {
    }

    static List<HasMetadata> render(RookCeph rook, BlockPool pool) {
        List<HasMetadata> out = new ArrayList<>();
        String ns = rook.namespace().value();
        pool.metadataPool().ifPresent(meta -> out.add(Resources.custom("ceph.rook.io/v1", "CephBlockPool", meta.value(), ns,
                PoolRenderer.spec(PoolSpec.replicated(3).failureDomain(pool.spec().failureDomain())))));
        out.add(Resources.custom("ceph.rook.io/v1", "CephBlockPool", pool.name().value(), ns, PoolRenderer.spec(pool.spec())));
        pool.storageClass().ifPresent(name -> out.add(storageClass(rook, pool, name.value())));
        return out;
    }

    private static HasMetadata storageClass(RookCeph rook, BlockPool pool, String name) {
        String ns = rook.namespace().value();
        // Rook's CSI driver names are prefixed with the operator namespace.
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("clusterID", ns);
        parameters.put("pool", pool.metadataPool().orElse(pool.name()).value());
        pool.metadataPool().ifPresent(meta -> parameters.put("dataPool", pool.name().value()));
        parameters.put("imageFormat", "2");
        parameters.put("imageFeatures", "layering");
        parameters.putAll(Secrets.rbd(ns));
        parameters.put("csi.storage.k8s.io/fstype", "ext4");
        var builder = new StorageClassBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withProvisioner(ns + ".rbd.csi.ceph.com")
                .withParameters(parameters)
                .withReclaimPolicy("Delete")
                .withAllowVolumeExpansion(true)
                .withVolumeBindingMode("Immediate");
        if (pool.defaultStorageClass()) {
            builder.editMetadata().addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata();
        }
        return builder.build();
    }
}
