package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.koor.gitops.generator.readme.ClusterReadme;
import io.koor.gitops.generator.readme.ClusterReadme.StorageRow;
import io.koor.gitops.lab.CrushLayout.Host;
import io.koor.gitops.lab.CrushLayout.Pool;
import io.koor.gitops.lab.PlacementReport.PoolReport;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The cluster README's usable capacity per StorageClass (raw over the protection's overhead) held
 * against Ceph's own MAX AVAIL for the same layout: osdmaptool maps each pool's placement groups
 * through the layout's CRUSH map, and {@link PlacementReport} applies get_rule_avail on the empty OSDs. Ceph keeps 5% back
 * (the full ratio, which the README states in words), so the README's number times 0.95 must be
 * Ceph's within 1 GB (the README rounds down to whole GB).
 */
class PlacementReportTest {
    /** pg_num each pool gets: osd_pool_default_pg_num (32 in Debian's Ceph 16.2.15: ceph-conf --show-config-value). */
    static final int PG_NUM = 32;
    static final double TOLERANCE_GB = 1.0;

    @Test
    void theReadmesUsableCapacityIsCephsMaxAvailOnEveryPresetCluster() {
        PlacementReport report = Crushtool.placementOrSkip();
        List<Cluster> clusters = List.of(Patterns.minimalProduction("minimal").build(),
                Patterns.highlyAvailable("ha").build(), Patterns.singleNodeExperiment("single").build(),
                Patterns.objectStorageHeavy("objects").build(), Patterns.databaseHeavy("database").build());
        List<String> disagreements = new ArrayList<>();
        for (Cluster cluster : clusters) {
            List<StorageRow> rows = ClusterReadme.storage(cluster.rook());
            // every drive of a definition is of one kind: the class its pools name, if any
            String deviceClass = rows.stream().flatMap(r -> r.spec().deviceClass().stream()).findFirst().orElse("hdd");
            List<Host> hosts = IntStream.range(0, cluster.storage().count())
                    .mapToObj(i -> Host.of("host" + i, cluster.storage().drivesPerNode(), deviceClass)).toList();
            CrushLayout layout = new CrushLayout(hosts, rows.stream().map(r -> new Pool(r.storageClass(), r.spec())).toList());
            PlacementReport.Result result = report.report(layout, PG_NUM, cluster.storage().driveSizeGb());
            System.err.println(cluster.name() + " (" + layout.describeHosts() + ", " + cluster.storage().driveSizeGb()
                    + " GB drives): PGs per OSD min/max/mean in total " + result.pgsPerOsd());
            for (int i = 0; i < rows.size(); i++) {
                StorageRow row = rows.get(i);
                PoolReport pool = result.pools().get(i);
                long readme = row.usableGb(cluster.storage().rawCapacityGb());
                System.err.printf("  %s: README %d GB (x0.95 = %.1f), Ceph MAX AVAIL %.1f GB (%.1f once full as PGs fill), PGs per OSD %s, holes %d%n",
                        row.storageClass(), readme, readme * PlacementReport.FULL_RATIO, pool.maxAvailGb(), pool.fillFirstGb(),
                        pool.pgsPerOsd(), pool.holes());
                if (Math.abs(readme * PlacementReport.FULL_RATIO - pool.maxAvailGb()) > TOLERANCE_GB) {
                    disagreements.add(cluster.name() + " " + row.storageClass() + ": README " + readme
                            + " GB, Ceph " + pool.maxAvailGb() + " GB");
                }
            }
        }
        assertThat(disagreements).as("README capacity against Ceph's MAX AVAIL").isEmpty();
    }

    /**
     * Layouts a definition cannot state (its drives are all alike), where the README's arithmetic
     * on the whole cluster's raw capacity would not be Ceph's: MAX AVAIL counts only the OSDs the
     * rule reaches. Unequal hosts keep MAX AVAIL at 95% of raw over size, for CRUSH weights follow
     * size, but CRUSH then spreads placement groups unevenly.
     */
    @Test
    void maxAvailCountsOnlyTheOsdsTheRuleReaches() {
        PlacementReport report = Crushtool.placementOrSkip();
        double gb = 100;
        List<Host> mixed = List.of(new Host("host0", List.of("hdd", "hdd", "ssd")),
                new Host("host1", List.of("hdd", "hdd", "ssd")), new Host("host2", List.of("hdd", "hdd", "ssd")),
                new Host("host3", List.of("hdd", "hdd", "ssd")));
        PlacementReport.Result classes = report.report(new CrushLayout(mixed, List.of(
                new Pool("all", PoolSpec.replicated(3)), new Pool("ssd", PoolSpec.replicated(3).deviceClass("ssd")),
                new Pool("hdd-ec", PoolSpec.erasureCoded(2, 1).deviceClass("hdd")))), PG_NUM, gb);
        print("device classes", classes);
        assertThat(classes.pools().get(0).maxAvailGb()).isCloseTo(0.95 * 12 * gb / 3, within(0.01));
        assertThat(classes.pools().get(1).maxAvailGb()).isCloseTo(0.95 * 4 * gb / 3, within(0.01));
        assertThat(classes.pools().get(2).maxAvailGb()).isCloseTo(0.95 * 8 * gb / 1.5, within(0.01));
        assertThat(classes.pools()).allSatisfy(p -> assertThat(p.holes()).isZero());
        assertThat(classes.pools().get(1).pgsPerOsd().mean()).isCloseTo(PG_NUM * 3 / 4.0, within(0.01));

        List<Host> unequal = List.of(Host.of("host0", 4, "hdd"), Host.of("host1", 4, "hdd"), Host.of("host2", 1, "hdd"),
                Host.of("host3", 1, "hdd"));
        PlacementReport.Result uneven = report.report(new CrushLayout(unequal, List.of(
                new Pool("three", PoolSpec.replicated(3)), new Pool("ec", PoolSpec.erasureCoded(2, 2)))), PG_NUM, gb);
        print("unequal hosts", uneven);
        assertThat(uneven.pools().get(0).maxAvailGb()).isCloseTo(0.95 * 10 * gb / 3, within(0.01));
        assertThat(uneven.pools().get(1).maxAvailGb()).isCloseTo(0.95 * 10 * gb / 2, within(0.01));
        // every PG has a copy on one of the two small hosts' 2 OSDs when 3 of 4 hosts are chosen
        assertThat(uneven.pgsPerOsd().max()).isGreaterThan(2 * uneven.pgsPerOsd().min());
        // ... so the small hosts' OSDs fill first, long before MAX AVAIL on the empty cluster says
        assertThat(uneven.pools().get(0).fillFirstGb()).isLessThan(0.6 * uneven.pools().get(0).maxAvailGb());

        PlacementReport.Result none = report.report(new CrushLayout(mixed, List.of(
                new Pool("nvme", PoolSpec.replicated(3).deviceClass("nvme")))), PG_NUM, gb);
        assertThat(none.pools().get(0).maxAvailGb()).isZero();
        assertThat(none.pools().get(0).holes()).isEqualTo(PG_NUM * 3);
    }

    /**
     * get_rule_avail's projection without tools: OSDs of 100, 100 and 50 GB at weights equal to
     * their sizes project the same raw room (0.95 x 250), so no OSD is the bottleneck; by PG copies,
     * the OSD holding half of them bounds the pool at 0.95 x its size x 2.
     */
    @Test
    void maxAvailIsTheSmallestProjectionOverTheRawUsedRate() {
        assertThat(PlacementReport.maxAvailGb(List.of(100.0, 100.0, 50.0), 1)).isCloseTo(237.5, within(1e-9));
        assertThat(PlacementReport.maxAvailGb(List.of(100.0, 100.0, 50.0), 1.5)).isCloseTo(237.5 / 1.5, within(1e-9));
        assertThat(PlacementReport.maxAvailGb(List.of(), 3)).isZero();
        assertThat(PlacementReport.fillFirstGb(List.of(2, 1, 1, 0), 100, 1)).isCloseTo(190, within(1e-9));
        assertThat(PlacementReport.fillFirstGb(List.of(0, 0), 100, 1)).isZero();
    }

    private static void print(String what, PlacementReport.Result result) {
        System.err.println(what + ": PGs per OSD min/max/mean in total " + result.pgsPerOsd());
        result.pools().forEach(p -> System.err.printf("  %s (%s, %d OSDs): MAX AVAIL %.1f GB (%.1f as PGs fill), PGs per OSD %s, holes %d%n",
                p.pool().name(), p.pool().spec().protection().describe(), p.osdsUsable(), p.maxAvailGb(), p.fillFirstGb(),
                p.pgsPerOsd(),
                p.holes()));
    }
}
