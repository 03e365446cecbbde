package io.koor.demo;

import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.Filesystem;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;

/**
 * Koor's demo system: {@code demo} is the environment shown to people; {@code staging} has the
 * same shape and runs the next Rook release first, to rehearse the upgrade. Both start from the
 * minimal production pattern and add the file and object storage the demo applications use: a
 * shared filesystem, and buckets for the CDN's static site and the database backups.
 */
public final class KoorDemoSystem implements GitOpsDefinition {
    static final String DEMO_ROOK = "v1.20.5";
    static final String STAGING_ROOK = "v1.20.6";

    @Override
    public GitOpsSystem system() {
        return GitOpsSystem.of(cluster("demo", DEMO_ROOK), cluster("staging", STAGING_ROOK));
    }

    /** One cluster of the demo's shape (also what the fleet benchmark multiplies). */
    static Cluster cluster(String name, String rookVersion) {
        return Patterns.minimalProduction(name)
                .rook(rook -> rook
                        .operatorChart(ChartSource.rook(rookVersion))
                        .filesystem(Filesystem.named("cephfs"))
                        .objectStore(ObjectStore.named("objectstore")
                                .bucket("cdn", "static-site")
                                .bucket("backups", "database-backups")))
                .build();
    }
}
