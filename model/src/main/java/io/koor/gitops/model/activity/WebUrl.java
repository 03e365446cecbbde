package io.koor.gitops.model.activity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** An http or https URL a bot or benchmark fetches, and the TCP port its connections go to. */
public final class WebUrl {
    private WebUrl() {
    }

    /** The port of {@code url} (its own, else 80 for http and 443 for https); empty when it is no http(s) URL with a host. */
    public static Optional<Integer> port(String url) {
        if (url == null || url.contains(" ")) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            boolean http = "http".equals(uri.getScheme());
            if (!http && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getPort() > 0 ? uri.getPort() : http ? 80 : 443);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean isHttp(String url) {
        return port(url).isPresent();
    }
}
