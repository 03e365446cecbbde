package io.koor.gitops.generator.readme;

import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;

/**
 * The README's restore runbook: for each database with backups, the exact commands, with this
 * cluster's names, to check the backups, take one now, and restore into a new cluster through Git.
 */
final class RestoreRunbook {
    private RestoreRunbook() {
    }

    static void render(Cluster cluster, StringBuilder md) {
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
}
