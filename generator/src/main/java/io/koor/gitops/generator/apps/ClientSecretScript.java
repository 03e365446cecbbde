package io.koor.gitops.generator.apps;

/**
 * The script the Job that makes Dex's client secrets runs (apps/dex/client-secret.sh): one copy, which the renderer
 * puts into its ConfigMap and the tests run.
 */
public final class ClientSecretScript {
    /** Its name, also its key in the ConfigMap. */
    public static final String FILE = "client-secret.sh";

    private ClientSecretScript() {
    }

    public static String text() {
        return AppResources.text("dex/" + FILE);
    }
}
