package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import java.util.List;

/** The Rook operator, installed by Flux from its pinned Helm chart: Namespace, HelmRepository, HelmRelease. */
public final class RookOperatorRenderer {
    public static final String COMPONENT = "rook-ceph-operator";

    private RookOperatorRenderer() {
    }

    public static Component render(RookCeph rook) {
        String namespace = rook.namespace().value();
        ChartSource chart = rook.operatorChart();
        HasMetadata ns = new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build();
        HasMetadata repository = Resources.custom("source.toolkit.fluxcd.io/v1", "HelmRepository",
                chart.repositoryName().value(), namespace, map(
                        "interval", "12h",
                        "url", chart.url().toString()));
        HasMetadata release = Resources.custom("helm.toolkit.fluxcd.io/v2", "HelmRelease", chart.chart().value(),
                namespace, map(
                        "interval", "1h",
                        "chart", map("spec", map(
                                "chart", chart.chart().value(),
                                "version", chart.version().text(),
                                "sourceRef", map("kind", "HelmRepository", "name", chart.repositoryName().value()),
                                "interval", "12h")),
                        // CRDs come with the chart and must follow chart upgrades, or new fields are dropped.
                        "install", map("crds", "CreateReplace", "remediation", map("retries", 3)),
                        "upgrade", map("crds", "CreateReplace", "remediation", map("retries", 3)),
                        "values", map(
                                "crds", map("enabled", true),
                                "resources", map(
                                        "requests", map("cpu", "200m", "memory", "128Mi"),
                                        "limits", map("memory", "512Mi")))));
        return new Component(COMPONENT, Layer.CONTROLLERS, java.util.Set.of(), false, List.of(ns, repository, release));
    }
}
