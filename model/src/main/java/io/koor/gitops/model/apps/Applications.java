package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The applications a cluster runs on its storage, each a typed component rendered into {@code apps/}
 * with the operators it needs among the controllers. Checks what spans them; what spans the cluster
 * (StorageClasses, bucket claims) {@code Cluster} checks.
 */
public record Applications(List<PostgresCluster> databases, Version cloudNativePgChart, Optional<VeleroBackups> velero,
                           Optional<StaticSiteCdn> cdn) {
    public Applications {
        databases = List.copyOf(databases);
        java.util.Objects.requireNonNull(cloudNativePgChart, "cloudNativePgChart");
        java.util.Objects.requireNonNull(velero, "velero");
        java.util.Objects.requireNonNull(cdn, "cdn");
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        for (PostgresCluster db : databases) {
            String at = "postgres[" + db.name() + "]";
            problems.require(names.add(db.namespace() + "/" + db.name()), at, "two databases are named " + db.name()
                    + " in namespace " + db.namespace() + "; rename one");
            db.restoreInto().ifPresent(r -> problems.require(names.add(db.namespace() + "/" + r), at + ".restoreInto",
                    "restoreInto='" + r + "' is already a cluster in namespace " + db.namespace() + "; pick another name"));
        }
        problems.throwIfAny();
    }

    public static Applications none() {
        return new Applications(List.of(), Version.parse(Versions.CLOUDNATIVE_PG_CHART), Optional.empty(), Optional.empty());
    }

    public Applications postgres(PostgresCluster database) {
        List<PostgresCluster> more = new ArrayList<>(databases);
        more.add(database);
        return Problems.at("", () -> new Applications(more, cloudNativePgChart, velero, cdn));
    }

    /** The cloudnative-pg chart of cloudnative-pg/charts (an exact release, e.g. {@code 0.28.3}). */
    public Applications cloudNativePgChart(String version) {
        return new Applications(databases, Problems.at("cloudNativePgChart", () -> Version.parse(version)), velero, cdn);
    }

    /** Velero, backing the cluster's objects and volumes up to a bucket (see {@link VeleroBackups}). */
    public Applications velero(VeleroBackups backups) {
        return new Applications(databases, cloudNativePgChart, Optional.of(backups), cdn);
    }

    /** The static site from a bucket behind a caching server (see {@link StaticSiteCdn}). */
    public Applications cdn(StaticSiteCdn site) {
        return new Applications(databases, cloudNativePgChart, velero, Optional.of(site));
    }

    public boolean isEmpty() {
        return databases.isEmpty() && velero.isEmpty() && cdn.isEmpty();
    }
}
