package io.koor.gitops.generator.apps;

/**
 * The script the Data Control Center's session Job runs (apps/koor/session-secret.sh): one copy, which the
 * renderer puts into its ConfigMap and the tests run.
 */
public final class SessionSecretScript {
    /** Its name, also its key in the ConfigMap. */
    public static final String FILE = "session-secret.sh";
    /** The key of the Secret holding the chart's values document. */
    public static final String VALUES_KEY = "values.yaml";
    /** The key holding the admin login's password, for people to read. */
    public static final String PASSWORD_KEY = "adminPassword";

    private SessionSecretScript() {
    }

    public static String text() {
        return AppResources.text("koor/" + FILE);
    }
}
