package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Version;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Velero in namespace {@value #NAMESPACE}: cluster objects to the bucket of an ObjectBucketClaim there, the
 * volumes of the stateful workloads as CSI snapshots, on schedules.
 *
 * @param bucketClaim the claim, in namespace {@value #NAMESPACE}, whose bucket holds the backups
 * @param chart       the velero chart of vmware-tanzu/helm-charts
 * @param awsPlugin   velero-plugin-for-aws, of the line the chart's Velero release supports
 */
public record VeleroBackups(DnsLabel bucketClaim, Version chart, ImageRef awsPlugin, List<Schedule> schedules) {
    public static final String NAMESPACE = "velero";

    /**
     * A Velero Schedule.
     *
     * @param cron       five cron fields, e.g. {@code 0 3 * * *}
     * @param ttl        how long each backup is kept, a Go duration such as {@code 720h}
     * @param namespaces the namespaces backed up; empty means all
     */
    public record Schedule(DnsLabel name, String cron, String ttl, List<DnsLabel> namespaces) {
        private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,-]+");
        private static final Pattern TTL = Pattern.compile("([1-9][0-9]*h)([0-9]+m)?");

        public Schedule {
            Objects.requireNonNull(name, "name");
            namespaces = List.copyOf(namespaces);
            Problems problems = new Problems();
            String[] fields = cron == null ? new String[0] : cron.trim().split("\\s+");
            problems.require(fields.length == 5 && java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches()),
                    "cron", "cron='" + cron + "': Velero takes five cron fields, e.g. '0 3 * * *' for 03:00 every day");
            problems.require(ttl != null && TTL.matcher(ttl).matches(), "ttl",
                    "ttl='" + ttl + "': write hours, e.g. '720h' for 30 days");
            problems.throwIfAny();
        }

        public static Schedule of(String name, String cron, String ttl, String... namespaces) {
            List<DnsLabel> labels = new ArrayList<>();
            for (String ns : namespaces) {
                labels.add(Problems.at("namespaces", () -> DnsLabel.of(ns)));
            }
            return new Schedule(Problems.at("name", () -> DnsLabel.of(name)), cron, ttl, labels);
        }
    }

    public VeleroBackups {
        Objects.requireNonNull(bucketClaim, "bucketClaim");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(awsPlugin, "awsPlugin");
        schedules = List.copyOf(schedules);
        Problems problems = new Problems();
        Set<DnsLabel> names = new HashSet<>();
        schedules.forEach(s -> problems.require(names.add(s.name()), "schedules[" + s.name() + "]",
                "two schedules are named " + s.name() + "; rename one"));
        problems.throwIfAny();
    }

    /** The pinned chart and plugin, and one schedule: every namespace at 03:00, kept 30 days. */
    public static VeleroBackups toBucket(String bucketClaim) {
        return new VeleroBackups(Problems.at("bucketClaim", () -> DnsLabel.of(bucketClaim)),
                Version.parse(Versions.VELERO_CHART), AppImage.parse(Versions.VELERO_AWS_PLUGIN),
                List.of(Schedule.of("daily", "0 3 * * *", "720h")));
    }

    public VeleroBackups chart(String version, String awsPluginImage) {
        return new VeleroBackups(bucketClaim, Problems.at("chart", () -> Version.parse(version)),
                Problems.at("awsPlugin", () -> AppImage.parse(awsPluginImage)), schedules);
    }

    /** Replaces the schedules. */
    public VeleroBackups schedules(Schedule... all) {
        return new VeleroBackups(bucketClaim, chart, awsPlugin, List.of(all));
    }
}
