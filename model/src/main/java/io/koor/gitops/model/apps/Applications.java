package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.koor.DataControlCenter;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.DnsLabel;
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
                           List<Application> applications, List<DekorateApplication> dekorate,
                           Optional<Streaming> streaming, Optional<StaticSiteCdn> cdn, List<MariaDbCluster> mariadbs,
                           Version mariadbOperatorChart, Optional<DataControlCenter> dataControlCenter) {
    public Applications {
        databases = List.copyOf(databases);
        mariadbs = List.copyOf(mariadbs);
        java.util.Objects.requireNonNull(mariadbOperatorChart, "mariadbOperatorChart");
        applications = List.copyOf(applications);
        dekorate = List.copyOf(dekorate);
        java.util.Objects.requireNonNull(cloudNativePgChart, "cloudNativePgChart");
        java.util.Objects.requireNonNull(velero, "velero");
        java.util.Objects.requireNonNull(streaming, "streaming");
        java.util.Objects.requireNonNull(cdn, "cdn");
        java.util.Objects.requireNonNull(dataControlCenter, "dataControlCenter");
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        for (PostgresCluster db : databases) {
            String at = "postgres[" + db.name() + "]";
            problems.require(names.add(db.namespace() + "/" + db.name()), at, "two databases are named " + db.name()
                    + " in namespace " + db.namespace() + "; rename one");
            db.restoreInto().ifPresent(r -> problems.require(names.add(db.namespace() + "/" + r), at + ".restoreInto",
                    "restoreInto='" + r + "' is already a cluster in namespace " + db.namespace() + "; pick another name"));
        }
        for (MariaDbCluster db : mariadbs) {
            problems.require(names.add(db.namespace() + "/" + db.name()), "mariadb[" + db.name() + "]",
                    "two databases are named " + db.name() + " in namespace " + db.namespace() + "; rename one");
        }
        checkApplications(problems, databases, mariadbs, velero, applications, dekorate);
        problems.throwIfAny();
    }

    /**
     * Each application has a namespace of its own (its default-deny policy covers every pod there), and
     * names only applications that exist as those it talks to.
     */
    private static void checkApplications(Problems problems, List<PostgresCluster> databases,
                                          List<MariaDbCluster> mariadbs, Optional<VeleroBackups> velero, List<Application> applications,
                                          List<DekorateApplication> dekorate) {
        Set<String> apps = new HashSet<>();
        java.util.Map<String, String> namespaces = new java.util.HashMap<>();
        databases.forEach(db -> namespaces.putIfAbsent(db.namespace().value(), "database " + db.name()));
        mariadbs.forEach(db -> namespaces.putIfAbsent(db.namespace().value(), "database " + db.name()));
        velero.ifPresent(v -> namespaces.put(VeleroBackups.NAMESPACE, "Velero"));
        for (DekorateApplication app : dekorate) {
            String at = "dekorate[" + app.name() + "]";
            String owner = namespaces.putIfAbsent(app.namespace().value(), "application " + app.name());
            problems.require(owner == null, at + ".namespace", "namespace " + app.namespace() + " is already " + owner
                    + "'s; give application " + app.name() + " its own");
        }
        for (Application app : applications) {
            String at = "applications[" + app.name() + "]";
            problems.require(apps.add(app.name().value()), at, "two applications are named " + app.name() + "; rename one");
            String owner = namespaces.putIfAbsent(app.namespace().value(), "application " + app.name());
            problems.require(owner == null || owner.equals("application " + app.name()), at + ".namespace",
                    "namespace " + app.namespace() + " is already " + owner + "'s; give application " + app.name()
                            + " its own, e.g. namespace(\"" + app.name() + "\")");
        }
        for (Application app : applications) {
            for (DnsLabel t : app.talksTo()) {
                String at = "applications[" + app.name() + "].talksTo[" + t + "]";
                Optional<Application> target = applications.stream().filter(a -> a.name().equals(t)).findFirst();
                problems.require(target.isPresent(), at, "no application is named " + t + " (there are "
                        + new java.util.TreeSet<>(apps) + ")");
                target.ifPresent(a -> problems.require(a.workloads().stream().anyMatch(w -> !w.ports().isEmpty()), at,
                        "application " + t + " serves no port; give one of its workloads port(...)"));
            }
        }
    }

    public static Applications none() {
        return new Applications(List.of(), Version.parse(Versions.CLOUDNATIVE_PG_CHART), Optional.empty(), List.of(),
                List.of(), Optional.empty(), Optional.empty(), List.of(), Version.parse(Versions.MARIADB_OPERATOR_CHART),
                Optional.empty());
    }

    /** A Java application with the manifests Dekorate generated (see {@link DekorateApplication}). */
    public Applications dekorate(DekorateApplication application) {
        List<DekorateApplication> more = new ArrayList<>(dekorate);
        more.add(application);
        return Problems.at("", () -> new Applications(databases, cloudNativePgChart, velero, applications, more, streaming,
                cdn, mariadbs, mariadbOperatorChart, dataControlCenter));
    }

    /** An application of typed workloads (see {@link Application}). */
    public Applications application(Application application) {
        List<Application> more = new ArrayList<>(applications);
        more.add(application);
        return Problems.at("", () -> new Applications(databases, cloudNativePgChart, velero, more, dekorate, streaming, cdn, mariadbs, mariadbOperatorChart, dataControlCenter));
    }

    public Applications postgres(PostgresCluster database) {
        List<PostgresCluster> more = new ArrayList<>(databases);
        more.add(database);
        return Problems.at("", () -> new Applications(more, cloudNativePgChart, velero, applications, dekorate, streaming, cdn, mariadbs, mariadbOperatorChart, dataControlCenter));
    }

    /** The cloudnative-pg chart of cloudnative-pg/charts (an exact release, e.g. {@code 0.28.3}). */
    public Applications cloudNativePgChart(String version) {
        return new Applications(databases, Problems.at("cloudNativePgChart", () -> Version.parse(version)), velero,
                applications, dekorate, streaming, cdn, mariadbs, mariadbOperatorChart, dataControlCenter);
    }

    /** Velero, backing the cluster's objects and volumes up to a bucket (see {@link VeleroBackups}). */
    public Applications velero(VeleroBackups backups) {
        return new Applications(databases, cloudNativePgChart, Optional.of(backups), applications, dekorate, streaming, cdn, mariadbs,
                mariadbOperatorChart, dataControlCenter);
    }

    /** A live stream stored in a bucket, with its player page (see {@link Streaming}). */
    public Applications streaming(Streaming stream) {
        return new Applications(databases, cloudNativePgChart, velero, applications, dekorate, Optional.of(stream), cdn, mariadbs,
                mariadbOperatorChart, dataControlCenter);
    }

    /** The static site from a bucket behind a caching server (see {@link StaticSiteCdn}). */
    public Applications cdn(StaticSiteCdn site) {
        return new Applications(databases, cloudNativePgChart, velero, applications, dekorate, streaming, Optional.of(site), mariadbs,
                mariadbOperatorChart, dataControlCenter);
    }

    /** A MariaDB Galera cluster run by mariadb-operator (see {@link MariaDbCluster}). */
    public Applications mariadb(MariaDbCluster database) {
        List<MariaDbCluster> more = new ArrayList<>(mariadbs);
        more.add(database);
        return Problems.at("", () -> new Applications(databases, cloudNativePgChart, velero, applications, dekorate, streaming,
                cdn, more, mariadbOperatorChart, dataControlCenter));
    }

    /** mariadb-operator's chart (helm.mariadb.com/mariadb-operator, an exact release, e.g. {@code 25.10.3}). */
    public Applications mariadbOperatorChart(String version) {
        return new Applications(databases, cloudNativePgChart, velero, applications, dekorate, streaming, cdn, mariadbs,
                Problems.at("mariadbOperatorChart", () -> Version.parse(version)), dataControlCenter);
    }

    /** Koor Data Control Center in Rook's namespace (see {@link DataControlCenter}); the tree must be Flux's. */
    public Applications dataControlCenter(DataControlCenter console) {
        return new Applications(databases, cloudNativePgChart, velero, applications, dekorate, streaming, cdn, mariadbs,
                mariadbOperatorChart, Optional.of(console));
    }

    /**
     * Refused, with the reason: the Koor Operator (koor-tech/koor-operator, chart 0.3.8) installs Rook's operator
     * chart and a CephCluster itself from its KoorCluster resource, so beside this definition's Rook it would be a
     * second owner of the same operator and cluster, each undoing the other's changes.
     */
    public Applications koorOperator(String chartVersion) {
        throw io.koor.gitops.model.ModelException.of("koorOperator", "the Koor Operator " + chartVersion + " installs"
                + " Rook and its CephCluster itself (its KoorCluster resource), and this definition's RookCeph already"
                + " does: two owners of one Ceph cluster undo each other's changes. Keep rook(...) for Ceph, and add"
                + " Koor's console with dataControlCenter(DataControlCenter.inRooksNamespace())");
    }

    public boolean isEmpty() {
        return databases.isEmpty() && mariadbs.isEmpty() && velero.isEmpty() && applications.isEmpty() && dekorate.isEmpty() && streaming.isEmpty()
                && cdn.isEmpty() && dataControlCenter.isEmpty();
    }
}
