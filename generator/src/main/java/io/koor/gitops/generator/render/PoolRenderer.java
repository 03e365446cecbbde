package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.ceph.Compression;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.Protection;
import java.util.Map;

/** The pool settings Rook shares between CephBlockPool, CephFilesystem and CephObjectStore pools. */
final class PoolRenderer {
    private PoolRenderer() {
    }

    static Map<String, Object> spec(PoolSpec pool) {
        Map<String, Object> out = map("failureDomain", pool.failureDomain().crushName(),
                "deviceClass", pool.deviceClass().orElse(null));
        if (pool.protection() instanceof Protection.Replicated r) {
            out.put("replicated", map("size", r.size(), "requireSafeReplicaSize", r.requireSafeReplicaSize()));
        } else {
            Protection.ErasureCoded ec = (Protection.ErasureCoded) pool.protection();
            out.put("erasureCoded", map("dataChunks", ec.dataChunks(), "codingChunks", ec.codingChunks()));
        }
        if (pool.compression() != Compression.NONE) {
            out.put("parameters", map("compression_mode", pool.compression().cephName()));
        }
        return out;
    }
}
