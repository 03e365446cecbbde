package io.koor.gitops.model.values;

import java.util.regex.Pattern;

/** A public DNS host name an Ingress serves: lower-case labels, dot-separated, ending in an alphabetic top level. */
public final class HostName {
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private HostName() {
    }

    public static boolean isValid(String host) {
        return host != null && HOST.matcher(host).matches();
    }
}
