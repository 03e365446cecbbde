package io.koor.gitops.model.monitoring;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.Version;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Monitoring of a cluster: Prometheus, Alertmanager and Grafana from kube-prometheus-stack, Ceph's
 * metrics, alerts and dashboards, and uptime probes (blackbox exporter) of every public endpoint.
 * Off by default; {@code Monitoring.kubePrometheusStack()} turns it on at the versions {@link Versions}
 * pins, and turns on Rook's monitoring with it.
 *
 * @param stackChart    the kube-prometheus-stack chart version
 * @param blackboxChart the prometheus-blackbox-exporter chart version
 * @param extraProbes   public endpoints outside the definition to probe too, as https or http URLs
 * @param logs          the pods' logs in Loki on a Ceph bucket; empty: none
 * @param grafana       Grafana published through the ingress; empty: reached with kubectl port-forward only
 */
public record Monitoring(boolean enabled, Version stackChart, Version blackboxChart, List<URI> extraProbes,
                         Optional<Logs> logs, Optional<PublicGrafana> grafana) {
    /** The namespace the stack, the exporter and Loki run in. */
    public static final String NAMESPACE = "monitoring";

    public Monitoring {
        Objects.requireNonNull(stackChart, "stackChart");
        Objects.requireNonNull(blackboxChart, "blackboxChart");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(grafana, "grafana");
        extraProbes = List.copyOf(extraProbes);
        if (!enabled && logs.isPresent()) {
            throw ModelException.of("monitoring.logs", "logs need the monitoring stack (their Grafana): start from"
                    + " Monitoring.kubePrometheusStack()");
        }
        if (!enabled && grafana.isPresent()) {
            throw ModelException.of("monitoring.grafana", "Grafana comes with the monitoring stack: start from"
                    + " Monitoring.kubePrometheusStack()");
        }
    }

    /** No monitoring stack in the tree (Rook's own monitoring may still be on, for a Prometheus of your own). */
    public static Monitoring off() {
        return new Monitoring(false, Version.parse(Versions.KUBE_PROMETHEUS_STACK_CHART),
                Version.parse(Versions.BLACKBOX_EXPORTER_CHART), List.of(), Optional.empty(), Optional.empty());
    }

    /** kube-prometheus-stack with Grafana, and the blackbox exporter, at the pinned versions. */
    public static Monitoring kubePrometheusStack() {
        return new Monitoring(true, off().stackChart(), off().blackboxChart(), List.of(), Optional.empty(), Optional.empty());
    }

    public Monitoring stackChart(String version) {
        return new Monitoring(enabled, Problems.at("monitoring.stackChart", () -> Version.parse(version)), blackboxChart,
                extraProbes, logs, grafana);
    }

    public Monitoring blackboxChart(String version) {
        return new Monitoring(enabled, stackChart, Problems.at("monitoring.blackboxChart", () -> Version.parse(version)),
                extraProbes, logs, grafana);
    }

    /** Also probe this public URL (one the definition does not know, such as a site served elsewhere). */
    public Monitoring probe(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ModelException.of("monitoring.probes", "'" + url + "' is not a URL; give one such as https://www.example.com/");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw ModelException.of("monitoring.probes", "'" + url
                    + "' is not an http or https URL with a host; the blackbox exporter's http_2xx module probes those");
        }
        List<URI> all = new ArrayList<>(extraProbes);
        all.add(uri);
        return new Monitoring(enabled, stackChart, blackboxChart, all, logs, grafana);
    }

    /** The pods' logs in Loki, on a bucket claim of the monitoring namespace ({@code Logs.toBucket("logs")}). */
    public Monitoring logs(Logs settings) {
        return new Monitoring(enabled, stackChart, blackboxChart, extraProbes, Optional.of(settings), grafana);
    }

    /**
     * Grafana at {@code host} through the cluster's ingress, with a Let's Encrypt staging certificate until
     * {@link #grafanaCertificateFrom}, guests looking as anonymous Viewers.
     */
    public Monitoring grafanaAt(String host) {
        return new Monitoring(enabled, stackChart, blackboxChart, extraProbes, logs,
                Optional.of(new PublicGrafana(host, io.koor.gitops.model.values.AcmeIssuer.LETS_ENCRYPT_STAGING, true)));
    }

    public Monitoring grafanaCertificateFrom(io.koor.gitops.model.values.AcmeIssuer acme) {
        PublicGrafana g = grafana.orElseThrow(() -> ModelException.of("monitoring.grafana", "call grafanaAt(host) first"));
        return new Monitoring(enabled, stackChart, blackboxChart, extraProbes, logs,
                Optional.of(new PublicGrafana(g.host(), acme, g.guestsMayLook())));
    }

    /** Without anonymous access: everyone signs in. */
    public Monitoring grafanaWithoutGuests() {
        PublicGrafana g = grafana.orElseThrow(() -> ModelException.of("monitoring.grafana", "call grafanaAt(host) first"));
        return new Monitoring(enabled, stackChart, blackboxChart, extraProbes, logs,
                Optional.of(new PublicGrafana(g.host(), g.issuer(), false)));
    }
}
