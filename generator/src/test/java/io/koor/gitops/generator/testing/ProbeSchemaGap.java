package io.koor.gitops.generator.testing;

import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import java.util.List;

/**
 * The one finding a tree with uptime probes has against ../shared/schemas: it holds monitoring.coreos.com
 * schemas for ServiceMonitor, PodMonitor, PrometheusRule and Prometheus, not Probe (SOURCES.md), so a
 * Probe cannot be checked there and "missing schemas: fail" reports it. Tests set exactly those aside,
 * and count them, so that any other finding still fails them.
 */
public final class ProbeSchemaGap {
    private ProbeSchemaGap() {
    }

    public static boolean isGap(Violation v) {
        return v.ruleId().equals("schema-missing") && v.resource().startsWith("Probe/");
    }

    /** Every finding but the Probes' missing schema. */
    public static List<Violation> others(ValidationReport report) {
        return report.violations().stream().filter(v -> !isGap(v)).toList();
    }

    public static long gaps(ValidationReport report) {
        return report.violations().stream().filter(ProbeSchemaGap::isGap).count();
    }
}
