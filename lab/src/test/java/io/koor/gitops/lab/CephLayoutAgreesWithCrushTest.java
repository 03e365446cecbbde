package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.lab.CrushJudge.Placement;
import io.koor.gitops.lab.CrushLayout.Host;
import io.koor.gitops.lab.CrushLayout.Pool;
import io.koor.gitops.model.ceph.CephLayout;
import io.koor.gitops.model.ceph.Compression;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.Protection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The model's layout rules against Ceph's CRUSH, on a few hundred layouts made deterministically:
 * 1 to 8 hosts, 1 to 4 drives each (equal, rising, one big host), with and without SSDs on some
 * hosts or some OSDs; pools replicated 1 to 5 or erasure coded k 2..4 + m 1..3, failure domain host
 * or osd, with and without a device class. Each layout is asked about two pools at the edge of what
 * it holds (needing one domain fewer, as many, or one more) and one pool picked at random.
 */
class CephLayoutAgreesWithCrushTest {
    private static final long SEED = 12;

    record Case(CrushLayout layout, Placement crush, boolean modelPlaces, String modelSays) {
        boolean exactFit() {
            PoolSpec spec = crush.pool().spec();
            return spec.protection().domainsNeeded() == layout.domains(spec);
        }

        String describe() {
            PoolSpec spec = crush.pool().spec();
            return layout.describeHosts() + " | " + crush.pool().name() + " (" + layout.domains(spec) + " "
                    + spec.failureDomain().crushName() + " domains): model " + modelSays + "; CRUSH "
                    + (crush.placeable() ? "places every input" : crush.unplaced() + "/" + CrushJudge.INPUTS
                    + " inputs unplaced (" + crush.unplacedWithRetries() + " with " + CrushMapText.PATIENT_TRIES
                    + " tries), e.g. " + crush.detail());
        }
    }

    /**
     * The model's rule is about room: enough failure domains for the copies or chunks. CRUSH with
     * enough tries must agree on every case; where Ceph's own rules give up sooner, it must be at an
     * exact fit (as many domains as copies), the case Ceph's troubleshooting guide calls "CRUSH
     * gives up too soon". Those cases are printed, for they leave some placement groups undersized.
     */
    @Test
    void theModelSeesRoomExactlyWhereCrushFindsIt() throws Exception {
        CrushJudge judge = Crushtool.judgeOrSkip();
        List<CrushLayout> layouts = layouts(new Random(SEED));
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Case> cases = new ArrayList<>();
        try {
            List<Future<List<Placement>>> verdicts = layouts.stream().map(l -> workers.submit(() -> judge.judge(l))).toList();
            for (int i = 0; i < layouts.size(); i++) {
                for (Placement placement : verdicts.get(i).get()) {
                    cases.add(ask(layouts.get(i), placement));
                }
            }
        } finally {
            workers.shutdownNow();
        }
        List<String> disagreements = cases.stream().filter(c -> c.modelPlaces() != c.crush().roomForAll())
                .map(Case::describe).toList();
        List<Case> gaveUp = cases.stream().filter(c -> c.crush().roomForAll() && !c.crush().placeable()).toList();
        gaveUp.forEach(c -> System.err.println("CRUSH gives up too soon: " + c.describe()));
        System.err.printf("%d layouts, %d cases: CRUSH placed %d, found no room for %d, gave up too soon on %d%n",
                layouts.size(), cases.size(), cases.stream().filter(c -> c.crush().placeable()).count(),
                cases.stream().filter(c -> !c.crush().roomForAll()).count(), gaveUp.size());
        assertThat(cases).hasSizeGreaterThan(300);
        assertThat(disagreements).as("%d of %d cases where CephLayout and CRUSH disagree about room:%n%s",
                disagreements.size(), cases.size(), String.join("\n", disagreements)).isEmpty();
        assertThat(gaveUp.stream().filter(c -> !c.exactFit()).map(Case::describe).toList())
                .as("CRUSH gave up on inputs of pools with domains to spare").isEmpty();
    }

    /** What the model says about the pool: CephLayout.fits with the layout's failure domains. */
    private static Case ask(CrushLayout layout, Placement crush) {
        PoolSpec spec = crush.pool().spec();
        Optional<CephLayout.Finding> finding = CephLayout.fits(crush.pool().name(), spec, layout.domains(spec));
        return new Case(layout, crush, finding.isEmpty(), finding.map(CephLayout.Finding::text).orElse("fits"));
    }

    static List<CrushLayout> layouts(Random random) {
        List<CrushLayout> layouts = new ArrayList<>();
        for (int hosts = 1; hosts <= 8; hosts++) {
            List<IntFunction<Integer>> shapes = new ArrayList<>();
            for (int d = 1; d <= 4; d++) {
                int drives = d;
                shapes.add(h -> drives);
            }
            if (hosts > 1) {
                shapes.add(h -> 1 + h % 4);        // rising: 1, 2, 3, 4, 1, ...
                shapes.add(h -> h == 0 ? 4 : 1);   // one big host among small ones
            }
            for (IntFunction<Integer> shape : shapes) {
                for (ClassPattern pattern : ClassPattern.values()) {
                    List<Host> hostList = pattern.hosts(hosts, shape);
                    if (hostList != null) {
                        CrushLayout bare = new CrushLayout(hostList, List.of());
                        layouts.add(new CrushLayout(hostList, pools(bare, pattern != ClassPattern.ALL_HDD, random)));
                    }
                }
            }
        }
        return layouts;
    }

    /** Where the SSDs are. */
    enum ClassPattern {
        ALL_HDD, SSD_ON_EVEN_HOSTS, FIRST_OSD_OF_EACH_HOST_SSD;

        /** The hosts, or null when the pattern adds nothing to the all-HDD layout (no SSD, or only SSDs). */
        List<Host> hosts(int count, IntFunction<Integer> drives) {
            List<Host> hosts = IntStream.range(0, count).mapToObj(h -> new Host("host" + h,
                    IntStream.range(0, drives.apply(h)).mapToObj(osd -> deviceClass(h, osd)).toList())).toList();
            long ssd = hosts.stream().flatMap(h -> h.osdClasses().stream()).filter("ssd"::equals).count();
            long all = hosts.stream().mapToLong(h -> h.osdClasses().size()).sum();
            return this == ALL_HDD || (ssd > 0 && ssd < all) ? hosts : null;
        }

        private String deviceClass(int host, int osd) {
            return switch (this) {
                case ALL_HDD -> "hdd";
                case SSD_ON_EVEN_HOSTS -> host % 2 == 0 ? "ssd" : "hdd";
                case FIRST_OSD_OF_EACH_HOST_SSD -> osd == 0 ? "ssd" : "hdd";
            };
        }
    }

    /** Two pools at the edge of what the layout holds and one at random. */
    private static List<Pool> pools(CrushLayout layout, boolean ssd, Random random) {
        List<PoolSpec> all = new ArrayList<>();
        for (FailureDomain domain : FailureDomain.values()) {
            for (Optional<String> deviceClass : ssd ? List.of(Optional.<String>empty(), Optional.of("ssd"))
                    : List.of(Optional.<String>empty())) {
                for (int size = 1; size <= 5; size++) {
                    all.add(new PoolSpec(new Protection.Replicated(size, false), domain, deviceClass, Compression.NONE));
                }
                for (int k = 2; k <= 4; k++) {
                    for (int m = 1; m <= 3; m++) {
                        all.add(new PoolSpec(Protection.erasureCoded(k, m), domain, deviceClass, Compression.NONE));
                    }
                }
            }
        }
        List<PoolSpec> edge = new ArrayList<>(all.stream()
                .filter(s -> Math.abs(s.protection().domainsNeeded() - layout.domains(s)) <= 1).toList());
        java.util.Collections.shuffle(edge, random);
        List<PoolSpec> chosen = new ArrayList<>(edge.subList(0, Math.min(2, edge.size())));
        chosen.add(all.get(random.nextInt(all.size())));
        return chosen.stream().map(s -> new Pool(name(s), s)).toList();
    }

    private static String name(PoolSpec spec) {
        return spec.protection().describe() + ", failure domain " + spec.failureDomain().crushName()
                + spec.deviceClass().map(c -> ", class " + c).orElse("");
    }
}
