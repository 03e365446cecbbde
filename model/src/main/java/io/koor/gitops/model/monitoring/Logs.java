package io.koor.gitops.model.monitoring;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.Version;
import java.util.Objects;

/**
 * Logs of every pod in Loki, its chunks and index in a Ceph bucket: Loki in monolithic mode from the
 * grafana-community chart, Grafana Alloy tailing the pods' logs through the API server (no host paths), and
 * Loki as a Grafana data source. The bucket claim is in the monitoring namespace, where Loki reads its keys.
 *
 * @param bucketClaim   the claim of the bucket holding chunks and index (and the ruler's, which is unused)
 * @param lokiChart     grafana-community/helm-charts' loki chart
 * @param alloyChart    grafana/helm-charts' alloy chart
 * @param retentionDays how long Loki's compactor keeps logs
 */
public record Logs(DnsLabel bucketClaim, Version lokiChart, Version alloyChart, int retentionDays) {
    public Logs {
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Objects.requireNonNull(lokiChart, "lokiChart");
        Objects.requireNonNull(alloyChart, "alloyChart");
        Problems problems = new Problems();
        problems.require(retentionDays >= 1 && retentionDays <= 3650, "retentionDays", "retentionDays=" + retentionDays
                + ": keep logs 1 to 3650 days");
        problems.throwIfAny();
    }

    /** Into the bucket of {@code bucketClaim} (in the monitoring namespace), kept 30 days, at the pinned charts. */
    public static Logs toBucket(String bucketClaim) {
        return new Logs(Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim)), Version.parse(Versions.LOKI_CHART),
                Version.parse(Versions.ALLOY_CHART), 30);
    }

    public Logs retentionDays(int days) {
        return Problems.at("", () -> new Logs(bucketClaim, lokiChart, alloyChart, days));
    }

    public Logs charts(String loki, String alloy) {
        return new Logs(bucketClaim, Problems.at("lokiChart", () -> Version.parse(loki)),
                Problems.at("alloyChart", () -> Version.parse(alloy)), retentionDays);
    }
}
