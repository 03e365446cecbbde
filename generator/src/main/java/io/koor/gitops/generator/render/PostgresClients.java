package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.DatabaseCredentialsScript;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Versions;
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
    private static final int JOB_UID = 65532;
    /** The validator's annotation for Secrets an object creates in the cluster. */
    static final String CREATES_SECRETS = io.koor.gitops.validator.rules.TreeAnnotations.CREATES_SECRETS;

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
        String script = DatabaseCredentialsScript.text();
        List<HasMetadata> out = new ArrayList<>();
        out.add(Resources.customWithoutSpec("v1", "ServiceAccount", account, ns, Map.of()));
        out.add(role(account, ns, List.of(
                rule(List.of("create"), List.of()),
                rule(List.of("get"), clients.stream().map(app -> keptSecret(db, app)).toList()))));
        out.add(binding(account, ns, account, ns));
        // one directory holds one file per kind and name: the clients' Roles are named after their namespace too
        for (String clientNs : clients.stream().map(app -> app.namespace().value()).distinct().toList()) {
            String name = clientNs + "-" + account;
            out.add(role(name, clientNs, List.of(rule(List.of("create"), List.of()),
                    rule(List.of("get", "update"), List.of(copySecret(db))))));
            out.add(binding(name, clientNs, account, ns));
        }
        String scripts = account + "-" + ContentHash.of(script);
        out.add(new ConfigMapBuilder().withNewMetadata().withName(scripts).withNamespace(ns).endMetadata()
                .withData(Map.of(DatabaseCredentialsScript.FILE, script)).build());
        String pairs = String.join(" ", clients.stream().map(app -> app.namespace() + "/" + role(app)).toList());
        Map<String, Object> container = map(
                "name", "credentials",
                "image", Versions.CURL_IMAGE,
                "command", List.of("sh", "/scripts/" + DatabaseCredentialsScript.FILE),
                "env", List.of(map("name", "DB_CLUSTER", "value", db.name().value()),
                        map("name", "DB_HOST", "value", host(db)),
                        map("name", "CLIENTS", "value", pairs)),
                "resources", map("requests", map("cpu", "10m", "memory", "16Mi"), "limits", map("memory", "64Mi")),
                "securityContext", SecurityContexts.container(),
                "volumeMounts", List.of(map("name", "scripts", "mountPath", "/scripts", "readOnly", true),
                        map("name", "tmp", "mountPath", "/tmp")));
        // named by what it does: a new client, script or image is a new Job (its template cannot change)
        out.add(Resources.custom("batch/v1", "Job", account + "-" + ContentHash.of(script + Versions.CURL_IMAGE + pairs),
                ns, map(
                        "backoffLimit", 6,
                        "template", map(
                                "metadata", map("labels", labels(db)),
                                "spec", map(
                                        "restartPolicy", "Never",
                                        "serviceAccountName", account,
                                        "securityContext", SecurityContexts.pod(JOB_UID),
                                        "containers", List.of(container),
                                        "volumes", List.of(map("name", "scripts", "configMap", map("name", scripts)),
                                                map("name", "tmp", "emptyDir", map())))))));
        out.forEach(o -> o.getMetadata().setLabels(new TreeMap<>(labels(db))));
        // what it makes, for the validator's secret-missing rule (WorkloadRules)
        List<String> made = new ArrayList<>();
        clients.forEach(app -> made.add(ns + "/" + keptSecret(db, app)));
        clients.stream().map(app -> app.namespace().value()).distinct().forEach(c -> made.add(c + "/" + copySecret(db)));
        out.get(out.size() - 1).getMetadata().setAnnotations(new TreeMap<>(Map.of(CREATES_SECRETS, String.join(", ", made))));
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

    private static Map<String, Object> rule(List<String> verbs, List<String> names) {
        return map("apiGroups", List.of(""), "resources", List.of("secrets"), "verbs", verbs,
                "resourceNames", names.isEmpty() ? null : names);
    }

    private static HasMetadata role(String name, String ns, List<Object> rules) {
        return Resources.customWithoutSpec("rbac.authorization.k8s.io/v1", "Role", name, ns, map("rules", rules));
    }

    private static HasMetadata binding(String name, String ns, String account, String accountNs) {
        return Resources.customWithoutSpec("rbac.authorization.k8s.io/v1", "RoleBinding", name, ns, map(
                "roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
                "subjects", List.of(map("kind", "ServiceAccount", "name", account, "namespace", accountNs))));
    }

    private static Map<String, String> labels(PostgresCluster db) {
        return new TreeMap<>(Map.of("app.kubernetes.io/part-of", db.name().value(),
                "app.kubernetes.io/component", "credentials", "app.kubernetes.io/managed-by", "demo-gitops"));
    }
}
