package io.koor.gitops.generator.apps;

/**
 * The script the credentials Job of a PostgreSQL cluster runs (apps/postgres/database-credentials.sh): one copy,
 * which the renderer puts into its ConfigMap and the tests run.
 */
public final class DatabaseCredentialsScript {
    /** Its name, also its key in the ConfigMap. */
    public static final String FILE = "database-credentials.sh";

    private DatabaseCredentialsScript() {
    }

    public static String text() {
        return AppResources.text("postgres/" + FILE);
    }
}
