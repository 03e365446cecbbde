package io.koor.gitops.generator.render;

import io.koor.gitops.model.cluster.Cluster;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Every URL the definition makes reachable from outside the cluster (the hosts of its Ingresses), and
 * the extra ones its monitoring names: what the uptime probes watch. A renderer that adds an Ingress
 * adds its host here.
 */
public final class PublicEndpoints {
    private PublicEndpoints() {
    }

    public static List<URI> of(Cluster cluster) {
        LinkedHashSet<URI> all = new LinkedHashSet<>();
        cluster.rook().dashboard().ifPresent(d -> all.add(URI.create(
                (d.tlsSecretName().isPresent() ? "https" : "http") + "://" + d.host() + "/")));
        cluster.apps().applications().forEach(app -> app.routes().forEach(r -> all.add(URI.create(
                (r.issuer().isPresent() ? "https" : "http") + "://" + r.host() + r.path()))));
        // both Ingresses always serve TLS: the CDN's from its issuer, the stream's from its tlsSecret
        cluster.apps().cdn().ifPresent(cdn -> all.add(URI.create("https://" + cdn.host() + "/")));
        cluster.apps().streaming().ifPresent(s -> all.add(URI.create("https://" + s.host() + "/")));
        cluster.apps().dataControlCenter().flatMap(d -> d.host()).ifPresent(h -> all.add(URI.create("https://" + h + "/")));
        cluster.monitoring().grafana().ifPresent(g -> all.add(URI.create("https://" + g.host() + "/")));
        // Dex answers nothing at its root; its discovery document is what the API server and Grafana read
        cluster.access().signOn().ifPresent(s -> all.add(URI.create(s.issuerUrl() + "/.well-known/openid-configuration")));
        all.addAll(cluster.monitoring().extraProbes());
        return new ArrayList<>(all);
    }
}
