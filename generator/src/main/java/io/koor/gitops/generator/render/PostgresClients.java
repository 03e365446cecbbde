package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.DatabaseCredentialsScript;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed applications that use a PostgreSQL cluster of another namespace ({@code Workload.database(name)}): each
 * gets a role and a database of its own name, made by CloudNativePG (the Cluster's managed roles; a Database
 * object, CloudNativePG 1.25 and newer), and a password made in the cluster by the database's credentials Job,
 * which keeps it in the database's namespace (the basic-auth Secret a managed role reads) and copies it into the
 * application's (Secrets cannot be read across namespaces). Nothing secret is in Git.
 */
final class PostgresClients {

    private PostgresClients() {
    }

    /** The applications with a workload using {@code db}, in the definition's order. */
    static List<Application> of(Cluster cluster, PostgresCluster db) {
        return cluster.apps().applications().stream().filter(app -> app.workloads().stream()
                .anyMatch(w -> w.databases().contains(db.name()))).toList();
    }

    /** The role and database of {@code app}: its name as a PostgreSQL identifier (no quoting needed). */
    static String role(Application app) {
        return app.name().value().replace('-', '_');
    }

    /** The basic-auth Secret of the role, in the database's namespace. */
    static String keptSecret(PostgresCluster db, Application app) {
        return db.name() + "-role-" + app.name();
    }

    /** The copy in the application's namespace, which its pods read. */
    static String copySecret(PostgresCluster db) {
        return "postgres-" + db.name();
    }

    /** The read-write Service CloudNativePG makes for the primary. */
    static String host(PostgresCluster db) {
        return db.name() + "-rw." + db.namespace() + ".svc";
    }

    /** The Cluster's spec.managed.roles for the clients: login roles with their password Secret. */
    static List<Object> managedRoles(PostgresCluster db, List<Application> clients) {
        return clients.stream().map(app -> (Object) map("name", role(app), "ensure", "present", "login", true,
                "comment", "application " + app.name() + " (demo-gitops)",
                "passwordSecret", map("name", keptSecret(db, app)))).toList();
    }

    /** A Database per client, owned by its role; kept in PostgreSQL when the object goes (reclaim policy retain). */
    static List<HasMetadata> databases(PostgresCluster db, List<Application> clients) {
        return clients.stream().map(app -> (HasMetadata) Resources.custom("postgresql.cnpg.io/v1", "Database",
                db.name() + "-" + app.name(), db.namespace().value(), map(
                        "name", role(app),
                        "owner", role(app),
                        "cluster", map("name", db.name().value()),
                        "databaseReclaimPolicy", "retain"))).toList();
    }

    /**
     * The credentials Job in the database's namespace with its script, a service account that may read and create
     * the kept Secrets there, and in each client's namespace read, create and update its copy (create cannot be
     * narrowed to a name; get and update are).
     */
    static List<HasMetadata> credentials(PostgresCluster db, List<Application> clients) {
        String ns = db.namespace().value();
        String account = db.name() + "-credentials";
        List<String> clientNamespaces = clients.stream().map(app -> app.namespace().value()).distinct().toList();
        List<HasMetadata> out = new ArrayList<>();
        out.add(SecretJob.serviceAccount(account, ns));
        out.add(SecretJob.role(account, ns, List.of(SecretJob.onSecrets(List.of("create"), List.of()),
                SecretJob.onSecrets(List.of("get"), clients.stream().map(app -> keptSecret(db, app)).toList()))));
        out.add(SecretJob.binding(account, ns, account, ns));
        // one directory holds one file per kind and name: the clients' Roles are named after their namespace too
        for (String clientNs : clientNamespaces) {
            String name = clientNs + "-" + account;
            out.add(SecretJob.role(name, clientNs, List.of(SecretJob.onSecrets(List.of("create"), List.of()),
                    SecretJob.onSecrets(List.of("get", "update"), List.of(copySecret(db))))));
            out.add(SecretJob.binding(name, clientNs, account, ns));
        }
        String pairs = String.join(" ", clients.stream().map(app -> app.namespace() + "/" + role(app)).toList());
        List<String> makes = new ArrayList<>();
        clients.forEach(app -> makes.add(ns + "/" + keptSecret(db, app)));
        clientNamespaces.forEach(c -> makes.add(c + "/" + copySecret(db)));
        out.addAll(SecretJob.of(ns, account, "credentials", DatabaseCredentialsScript.FILE,
                DatabaseCredentialsScript.text(), List.of(map("name", "DB_CLUSTER", "value", db.name().value()),
                        map("name", "DB_HOST", "value", host(db)), map("name", "CLIENTS", "value", pairs)),
                pairs, makes, labels(db)));
        out.forEach(o -> o.getMetadata().setLabels(new TreeMap<>(labels(db))));
        return out;
    }

    /** libpq's variables from the copy in the application's namespace. */
    static List<Object> env(PostgresCluster db) {
        List<Object> env = new ArrayList<>();
        for (String[] pair : new String[][] {{"PGHOST", "host"}, {"PGPORT", "port"}, {"PGDATABASE", "dbname"},
                {"PGUSER", "username"}, {"PGPASSWORD", "password"}}) {
            env.add(map("name", pair[0], "valueFrom", map("secretKeyRef", map("name", copySecret(db), "key", pair[1]))));
        }
        return env;
    }

    private static Map<String, String> labels(PostgresCluster db) {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", db.name().value(),
                "app.kubernetes.io/component", "credentials", "app.kubernetes.io/managed-by", "demo-gitops"));
    }
}
