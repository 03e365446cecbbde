package io.koor.gitops.generator.readme;

import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.MariaDbBackup;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.cluster.Cluster;

/**
 * The README's restore runbook: for each database with backups, the exact commands, with this
 * cluster's names, to check the backups, take one now, and restore into a new cluster through Git.
 */
final class RestoreRunbook {
    private RestoreRunbook() {
    }

    static void render(Cluster cluster, StringBuilder md) {
        databases(cluster, md);
        mariadbs(cluster, md);
        cluster.apps().velero().ifPresent(velero -> velero(velero, md));
    }

    /**
     * Velero's schedules are named {@code velero-<schedule>}: the chart prefixes its full name, which is the
     * release's, {@code velero} (charts/velero/templates/schedule.yaml and _helpers.tpl).
     */
    private static void velero(VeleroBackups velero, StringBuilder md) {
        String ns = VeleroBackups.NAMESPACE;
        String first = "velero-" + velero.schedules().get(0).name();
        md.append("\n## Cluster backups (Velero) and their restore runbook\n\n")
                .append("Velero writes the cluster's objects to the bucket `").append(velero.bucketClaim())
                .append("` and takes the volumes as CSI snapshots (the VolumeSnapshotClasses labelled")
                .append(" `velero.io/csi-volumesnapshot-class`).\n\n")
                .append("| schedule | cron | kept | namespaces |\n| --- | --- | --- | --- |\n");
        for (VeleroBackups.Schedule s : velero.schedules()) {
            md.append("| velero-").append(s.name()).append(" | `").append(s.cron()).append("` | ").append(s.ttl())
                    .append(" | ").append(s.namespaces().isEmpty() ? "all" : String.join(", ",
                            s.namespaces().stream().map(Object::toString).toList())).append(" |\n");
        }
        md.append("\n1. Check that the bucket is reachable and the backups complete:\n\n```bash\n")
                .append("kubectl -n ").append(ns).append(" get backupstoragelocations.velero.io default\n")
                .append("kubectl -n ").append(ns).append(" get backups.velero.io -l velero.io/schedule-name=").append(first)
                .append("\n```\n\n")
                .append("2. Restore a namespace (here `NAMESPACE`; delete what is broken there first) from the newest backup of `")
                .append(first).append("`, volumes included, and follow it:\n\n```bash\n")
                .append("kubectl -n ").append(ns).append(" create -f - <<'EOF'\n")
                .append("apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  generateName: restore-\nspec:\n")
                .append("  scheduleName: ").append(first).append("\n  includedNamespaces:\n    - NAMESPACE\n")
                .append("  restorePVs: true\nEOF\n")
                .append("kubectl -n ").append(ns).append(" get restores.velero.io -w\n```\n");
    }

    private static void databases(Cluster cluster, StringBuilder md) {
        var backedUp = cluster.apps().databases().stream().filter(db -> db.backup().isPresent()).toList();
        if (backedUp.isEmpty()) {
            return;
        }
        md.append("\n## Databases and their restore runbook\n\n")
                .append("| database | namespace | instances | StorageClass | backups to bucket | schedule | kept |\n")
                .append("| --- | --- | ---: | --- | --- | --- | --- |\n");
        for (PostgresCluster db : backedUp) {
            BarmanBackup b = db.backup().orElseThrow();
            md.append("| ").append(db.name()).append(" | ").append(db.namespace()).append(" | ").append(db.instances())
                    .append(" | ").append(db.storageClass()).append(" | ").append(b.bucketClaim()).append(" | `")
                    .append(b.schedule()).append("` | ").append(b.retention()).append(" |\n");
        }
        for (PostgresCluster db : backedUp) {
            String ns = db.namespace().value();
            String name = db.name().value();
            String target = db.restoreInto().map(Object::toString).orElse(name + "-restore");
            md.append("\n### ").append(name).append("\n\n")
                    .append("CloudNativePG archives the WAL continuously and takes a base backup on the schedule, into `s3://")
                    .append(db.backup().orElseThrow().bucketClaim()).append("/").append(name)
                    .append("/` (the claim's Secret holds the keys; nothing of them is in Git).\n\n")
                    .append("1. Check that archiving works and list the base backups:\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" get cluster ").append(name)
                    .append(" -o jsonpath='{.status.conditions[?(@.type==\"ContinuousArchiving\")].status}{\"\\n\"}'\n")
                    .append("kubectl -n ").append(ns).append(" get backups.postgresql.cnpg.io -l cnpg.io/cluster=")
                    .append(name).append("\n```\n\n")
                    .append("2. Take a base backup now (before a risky change):\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" create -f - <<'EOF'\n")
                    .append("apiVersion: postgresql.cnpg.io/v1\nkind: Backup\nmetadata:\n  generateName: ").append(name)
                    .append("-manual-\n  labels:\n    cnpg.io/cluster: ").append(name).append("\nspec:\n  cluster:\n    name: ").append(name).append("\n  method: barmanObjectStore\nEOF\n")
                    .append("kubectl -n ").append(ns).append(" get backups.postgresql.cnpg.io -l cnpg.io/cluster=").append(name)
                    .append(" -w\n```\n\n")
                    .append("3. Restore into a new cluster, through Git: in the definition add\n")
                    .append("   `.restoreInto(\"").append(target).append("\")` to the database `").append(name)
                    .append("` (and `.restoreTo(\"2026-12-02T10:00:00Z\")` to stop at a point in time), run")
                    .append(" `mvn gitops:generate`, open the pull request, merge it, then wait for it and check the rows:\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" wait cluster/").append(target)
                    .append(" --for=condition=Ready --timeout=30m\n")
                    .append("kubectl -n ").append(ns).append(" exec ").append(target)
                    .append("-1 -c postgres -- psql -d app -c '\\dt+'\n```\n\n")
                    .append("   The new cluster reads the backups and WAL of `").append(name)
                    .append("` and archives nothing itself. Clients reach it at the Service `").append(target)
                    .append("-rw` (pods labelled `postgres.koor.io/client-of: ").append(target)
                    .append("`, which its NetworkPolicy admits). Removing `restoreInto` from the definition later leaves it")
                    .append(" running, since the tree never prunes a database cluster: delete it with `kubectl -n ").append(ns)
                    .append(" delete cluster ").append(target).append("`.\n");
        }
    }

    /**
     * mariadb-operator's logical backups: the Backup becomes a CronJob of the same name
     * (pkg/controller/batch/controller.go at v25.10.3), a Restore replays a dump into a MariaDB, and a new
     * MariaDB can start from one with {@code bootstrapFrom} (docs/logical_backup.md).
     */
    private static void mariadbs(Cluster cluster, StringBuilder md) {
        var backedUp = cluster.apps().mariadbs().stream().filter(db -> db.backup().isPresent()).toList();
        if (backedUp.isEmpty()) {
            return;
        }
        md.append("\n## MariaDB databases and their restore runbook\n\n")
                .append("| database | namespace | replicas (Galera) | StorageClass | backups to bucket | schedule | kept |\n")
                .append("| --- | --- | ---: | --- | --- | --- | --- |\n");
        for (MariaDbCluster db : backedUp) {
            MariaDbBackup b = db.backup().orElseThrow();
            md.append("| ").append(db.name()).append(" | ").append(db.namespace()).append(" | ").append(db.replicas())
                    .append(" | ").append(db.storageClass()).append(" | ").append(b.bucketClaim()).append(" | `")
                    .append(b.schedule()).append("` | ").append(b.retentionDays()).append(" days |\n");
        }
        for (MariaDbCluster db : backedUp) {
            String ns = db.namespace().value();
            String name = db.name().value();
            md.append("\n### ").append(name).append(" (MariaDB)\n\n")
                    .append("mariadb-operator dumps the database on the schedule into `s3://")
                    .append(db.backup().orElseThrow().bucketClaim()).append("/").append(name)
                    .append("/` (the claim's Secret holds the keys; the root and `app` passwords are in the Secrets `")
                    .append(name).append("-root` and `").append(name).append("-app`, which the operator generates;")
                    .append(" nothing of them is in Git).\n\n")
                    .append("1. Check that the backups complete:\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" get backups.k8s.mariadb.com ").append(name).append("\n")
                    .append("kubectl -n ").append(ns).append(" get cronjob ").append(name).append("\n```\n\n")
                    .append("2. Take a backup now (before a risky change) and follow it:\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" create job ").append(name).append("-manual --from=cronjob/")
                    .append(name).append("\n")
                    .append("kubectl -n ").append(ns).append(" wait job/").append(name)
                    .append("-manual --for=condition=Complete --timeout=30m\n```\n\n")
                    .append("3. Restore the newest backup before a point in time into the running cluster (the dump")
                    .append(" replaces the tables it holds), and follow it:\n\n```bash\n")
                    .append("kubectl -n ").append(ns).append(" create -f - <<'EOF'\n")
                    .append("apiVersion: k8s.mariadb.com/v1alpha1\nkind: Restore\nmetadata:\n  generateName: ").append(name)
                    .append("-restore-\nspec:\n  mariaDbRef:\n    name: ").append(name).append("\n  backupRef:\n    name: ")
                    .append(name).append("\n  targetRecoveryTime: 2026-12-02T10:00:00Z\nEOF\n")
                    .append("kubectl -n ").append(ns).append(" get restores.k8s.mariadb.com -w\n```\n");
        }
    }
}
