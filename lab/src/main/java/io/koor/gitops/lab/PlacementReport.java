package io.koor.gitops.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Ceph would make of a layout's pools before any data lands: Ceph's osdmaptool maps every
 * placement group of each pool through the layout's CRUSH map (crushtool), giving placement groups
 * per OSD, and the usable capacity of each
 * pool is Ceph's MAX AVAIL on empty OSDs.
 *
 * <p>MAX AVAIL follows ceph/ceph src/mon/PGMap.cc {@code PGMap::get_rule_avail} and
 * {@code PGMapDigest::get_pool_free_space}: every OSD the pool's rule can reach
 * ({@code get_rule_weight_osd_map}, its CRUSH weight over the weight of all of them) projects the
 * rule's raw room as its own room below the full ratio divided by its share; the smallest
 * projection wins, and the pool gets that over its raw used rate (size, or (k+m)/k). Left out:
 * used space, OSDs out or down, reweights, and rules taking more than one root, none of which an
 * empty cluster built from a definition has. OSD CRUSH weights are their sizes, as Rook sets them.
 */
public final class PlacementReport {
    /** Ceph's {@code mon_osd_full_ratio} default (0.95 in Debian's 16.2.15, ceph-conf): writes stop at 95%. */
    public static final double FULL_RATIO = 0.95;

    /** Placement groups per OSD, over the OSDs a rule can use (or all OSDs, in total). */
    public record Spread(int min, int max, double mean) {
        static Spread of(List<Integer> counts) {
            return new Spread(counts.stream().mapToInt(i -> i).min().orElse(0),
                    counts.stream().mapToInt(i -> i).max().orElse(0),
                    counts.stream().mapToInt(i -> i).average().orElse(0));
        }

        @Override
        public String toString() {
            return String.format("%d/%d/%.1f", min, max, mean);
        }
    }

    /**
     * One pool: its PGs, how they spread, placement holes, Ceph's MAX AVAIL in GB on the empty
     * OSDs, and what it falls to when data lands as the PGs do ({@code fillFirstGb}: MAX AVAIL's
     * projection with each OSD's share of the pool's PG copies in place of its share of weight, so
     * the OSD holding most PGs reaches the full ratio first; PGs taken as equal in size).
     */
    public record PoolReport(CrushLayout.Pool pool, int pgNum, int osdsUsable, Spread pgsPerOsd, int holes,
            double maxAvailGb, double fillFirstGb) {
    }

    public record Result(List<PoolReport> pools, Spread pgsPerOsd) {
    }

    private final CrushJudge crush;
    private final java.nio.file.Path osdmaptool;

    public PlacementReport(CrushJudge crush, java.nio.file.Path osdmaptool) {
        this.crush = crush;
        this.osdmaptool = osdmaptool;
    }

    /** The report when crushtool and osdmaptool are installed (Debian: ceph-base). */
    public static java.util.Optional<PlacementReport> onPath() {
        return CrushJudge.onPath().flatMap(judge -> Command.which("osdmaptool").map(o -> new PlacementReport(judge, o)));
    }

    /** Every pool of {@code pgNum} placement groups, on OSDs of {@code osdGb} GB each. */
    public Result report(CrushLayout layout, int pgNum, double osdGb) {
        List<List<List<Integer>>> mappings = crush.mappings(layout, pgNum, osdmaptool);
        int perHost = layout.hosts().stream().mapToInt(h -> h.osdClasses().size()).max().orElseThrow();
        Map<Integer, String> osds = new TreeMap<>();
        for (int h = 0; h < layout.hosts().size(); h++) {
            List<String> classes = layout.hosts().get(h).osdClasses();
            for (int slot = 0; slot < classes.size(); slot++) {
                osds.put(h * perHost + slot, classes.get(slot)); // the ids CrushMapText keeps
            }
        }
        Map<Integer, Integer> total = new TreeMap<>();
        osds.keySet().forEach(id -> total.put(id, 0));
        List<PoolReport> pools = new ArrayList<>();
        for (int p = 0; p < layout.pools().size(); p++) {
            CrushLayout.Pool pool = layout.pools().get(p);
            String deviceClass = pool.spec().deviceClass().orElse(null);
            Map<Integer, Integer> counts = new TreeMap<>();
            osds.forEach((id, c) -> {
                if (deviceClass == null || deviceClass.equals(c)) {
                    counts.put(id, 0);
                }
            });
            int holes = 0;
            for (List<Integer> pg : mappings.get(p)) {
                holes += pool.spec().protection().domainsNeeded() - pg.size();
                for (int osd : pg) {
                    if (osd == CrushJudge.NONE) {
                        holes++;
                    } else {
                        counts.merge(osd, 1, Integer::sum);
                        total.merge(osd, 1, Integer::sum);
                    }
                }
            }
            if (mappings.get(p).isEmpty()) {
                holes = pgNum * pool.spec().protection().domainsNeeded();
            }
            double overhead = pool.spec().protection().overhead();
            pools.add(new PoolReport(pool, pgNum, counts.size(), Spread.of(List.copyOf(counts.values())), holes,
                    maxAvailGb(java.util.Collections.nCopies(counts.size(), osdGb), overhead),
                    fillFirstGb(List.copyOf(counts.values()), osdGb, overhead)));
        }
        return new Result(pools, Spread.of(List.copyOf(total.values())));
    }

    /**
     * get_rule_avail on empty OSDs of the given sizes (GB, their CRUSH weights): each projects its
     * room below the full ratio over its share of the rule's weight; the smallest wins, over the
     * raw used rate.
     */
    static double maxAvailGb(List<Double> osdGb, double rawUsedRate) {
        if (osdGb.isEmpty()) {
            return 0; // wm.empty(): the rule reaches no OSD
        }
        double weight = osdGb.stream().mapToDouble(d -> d).sum();
        return osdGb.stream().mapToDouble(gb -> FULL_RATIO * gb / (gb / weight)).min().orElseThrow() / rawUsedRate;
    }

    /** Room below the full ratio of the OSD that fills first, each OSD filling by its PG copies. */
    static double fillFirstGb(List<Integer> pgCopies, double osdGb, double rawUsedRate) {
        int copies = pgCopies.stream().mapToInt(i -> i).sum();
        return pgCopies.stream().filter(n -> n > 0).mapToDouble(n -> FULL_RATIO * osdGb / ((double) n / copies))
                .min().orElse(0) / rawUsedRate;
    }
}
