package io.koor.gitops.generator.apps;

/**
 * The script of the Jobs that make a random secret in the cluster and copy it where it is needed as well
 * (apps/secrets/random-secret.sh): Grafana's client secret shared with Dex, MariaDB users' passwords. One copy,
 * which the renderers put into their ConfigMaps and the tests run.
 */
public final class RandomSecretScript {
    /** Its name, also its key in the ConfigMap. */
    public static final String FILE = "random-secret.sh";

    private RandomSecretScript() {
    }

    public static String text() {
        return AppResources.text("secrets/" + FILE);
    }
}
