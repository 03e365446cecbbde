package io.koor.gitops.generator.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
        try (InputStream in = SessionSecretScript.class.getResourceAsStream("koor/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("the generator jar lacks apps/koor/" + FILE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read apps/koor/" + FILE + ": " + e.getMessage(), e);
        }
    }
}
