package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.RandomSecretScript;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.MariaDbCluster;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed applications that use a MariaDB of another namespace ({@code Workload.database(name)} naming a MariaDB):
 * mariadb-operator's User, Database and Grant sit in the application's namespace and name the MariaDB with
 * {@code mariaDbRef.namespace} (the operator resolves it there: pkg/refresolver/refresolver.go at v25.10.3), so the
 * password Secret the User reads ({@code passwordSecretKeyRef}, a Secret of the User's namespace) is the one the
 * application's pods read too: a Job of the application's namespace makes it once, random. Nothing secret is in Git.
 * The application connects to the {@code <name>-primary} Service (api/v1alpha1/mariadb_keys.go PrimaryServiceKey).
 */
final class MariaDbClients {
    static final String PASSWORD_KEY = "password";
    /** The component label of the password Job's pod, which its egress to the API server selects. */
    static final String JOB_COMPONENT = "mariadb-password";

    private MariaDbClients() {
    }

    /** The applications with a workload using {@code db}, in the definition's order. */
    static List<Application> of(Cluster cluster, MariaDbCluster db) {
        return cluster.apps().applications().stream().filter(app -> app.workloads().stream()
                .anyMatch(w -> w.databases().contains(db.name()))).toList();
    }

    /** The MariaDB {@code name} of the definition, if there is one. */
    static java.util.Optional<MariaDbCluster> named(Cluster cluster, io.koor.gitops.model.values.DnsLabel name) {
        return cluster.apps().mariadbs().stream().filter(db -> db.name().equals(name)).findFirst();
    }

    /** The user and database of {@code app}: its name as a MariaDB identifier (no quoting needed). */
    static String user(Application app) {
        return app.name().value().replace('-', '_');
    }

    /** The password Secret, in the application's namespace. */
    static String secret(MariaDbCluster db) {
        return "mariadb-" + db.name();
    }

    static String host(MariaDbCluster db) {
        return db.name() + "-primary." + db.namespace() + ".svc";
    }

    /**
     * The User (at most the connections MariaDB's default user limit of the operator allows), its Database, a Grant of
     * all privileges on that database only, and the Job making the password with the one permission it needs.
     * The SQL objects are named {@code <db>-<app>}: one application may use several MariaDBs over its workloads.
     */
    static List<HasMetadata> objects(Application app, MariaDbCluster db) {
        String ns = app.namespace().value();
        String name = db.name() + "-" + app.name();
        Map<String, Object> ref = map("name", db.name().value(), "namespace", db.namespace().value());
        List<HasMetadata> out = new ArrayList<>();
        out.add(Resources.custom("k8s.mariadb.com/v1alpha1", "Database", name, ns, map(
                "mariaDbRef", ref, "name", user(app), "characterSet", "utf8mb4", "collate", "utf8mb4_unicode_ci",
                "cleanupPolicy", "Skip")));
        out.add(Resources.custom("k8s.mariadb.com/v1alpha1", "User", name, ns, map(
                "mariaDbRef", ref, "name", user(app), "host", "%",
                "passwordSecretKeyRef", map("name", secret(db), "key", PASSWORD_KEY),
                "maxUserConnections", 50, "cleanupPolicy", "Delete")));
        out.add(Resources.custom("k8s.mariadb.com/v1alpha1", "Grant", name, ns, map(
                "mariaDbRef", ref, "privileges", List.of("ALL PRIVILEGES"), "database", user(app), "table", "*",
                "username", user(app), "host", "%", "cleanupPolicy", "Delete")));
        String account = secret(db) + "-password";
        out.add(SecretJob.serviceAccount(account, ns));
        out.add(SecretJob.role(account, ns, List.of(SecretJob.onSecrets(List.of("create"), List.of()),
                SecretJob.onSecrets(List.of("get"), List.of(secret(db))))));
        out.add(SecretJob.binding(account, ns, account, ns));
        Map<String, String> jobLabels = new TreeMap<>(ApplicationRenderer.appLabels(app));
        jobLabels.put("app.kubernetes.io/component", JOB_COMPONENT);
        out.addAll(SecretJob.of(ns, account, "password", RandomSecretScript.FILE, RandomSecretScript.text(), List.of(
                        map("name", "SECRET_NAME", "value", secret(db)),
                        map("name", "SECRET_KEY", "value", PASSWORD_KEY),
                        map("name", "PART_OF", "value", app.name().value())),
                db.name().value(), List.of(ns + "/" + secret(db)), jobLabels));
        out.forEach(o -> o.getMetadata().setLabels(new TreeMap<>(ApplicationRenderer.appLabels(app))));
        return out;
    }

    /** Where and as whom the application connects: the password from the Secret, the rest as values. */
    static List<Object> env(Application app, MariaDbCluster db) {
        return List.of(
                map("name", "MARIADB_HOST", "value", host(db)),
                map("name", "MARIADB_PORT", "value", String.valueOf(MariaDbRenderer.MARIADB_PORT)),
                map("name", "MARIADB_DATABASE", "value", user(app)),
                map("name", "MARIADB_USER", "value", user(app)),
                map("name", "MARIADB_PASSWORD", "valueFrom", map("secretKeyRef", map("name", secret(db),
                        "key", PASSWORD_KEY))));
    }
}
