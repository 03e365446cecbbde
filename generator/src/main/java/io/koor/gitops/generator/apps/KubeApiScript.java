package io.koor.gitops.generator.apps;

/**
 * What the scripts of the Jobs that make Secrets share (apps/secrets/kube-api.sh): the Kubernetes API calls
 * with curl, the error that never shows a Secret's values, random values, and keeping a copy of a Secret.
 * Sourced from beside the script, so each Job's ConfigMap holds it too.
 */
public final class KubeApiScript {
    /** Its name, also its key in the ConfigMap. */
    public static final String FILE = "kube-api.sh";

    private KubeApiScript() {
    }

    public static String text() {
        return AppResources.text("secrets/" + FILE);
    }
}
