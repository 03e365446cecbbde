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
 * The model's layout rules against Ceph's CRUSH, on {@value #LAYOUTS} layouts made deterministically:
 * 1 to 8 hosts, 1 to 4 drives each (equal, rising, one big host), with and without SSDs on some
 * hosts or some OSDs; pools replicated 1 to 5 or erasure coded k 2..4 + m 1..3, failure domain host
 * or osd, with and without a device class. Each layout is asked about two pools at the edge of what
 * it holds (needing one domain fewer, as many, or one more) and one pool picked at random. Random
 * layouts (seeded) fill up the count: up to 12 hosts of up to 6 drives, hdd/ssd/nvme mixed on some.
 */
class CephLayoutAgreesWithCrushTest {
    private static final long SEED = 12;
    /** Layouts judged: the systematic ones, then random ones up to this many. */
    static final int LAYOUTS = 520;

    record Case(CrushLayout layout, Placement crush, boolean modelPlaces, String modelSays) {
        boolean exactFit() {
            PoolSpec spec = crush.pool().spec();
            return spec.protection().domainsNeeded() == layout.domains(spec);
        }

        /**
         * The model warns about the hosts the pool can use ({@code ceph-drives-unequal}: unequal OSD
         * counts, or fewer than 2): their CRUSH weights differ, and with weights that far apart CRUSH
         * also gives up on some inputs of pools with domains to spare.
         */
        boolean unevenWarned() {
            String deviceClass = crush.pool().spec().deviceClass().orElse(null);
            java.util.Map<String, Integer> perHost = new java.util.TreeMap<>();
            layout.hosts().forEach(h -> {
                int n = (int) (deviceClass == null ? h.osdClasses().size()
                        : h.osdClasses().stream().filter(deviceClass::equals).count());
                if (n > 0) {
                    perHost.put(h.name(), n);
                }
            });
            return CephLayout.drives(perHost).isPresent();
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
     * gives up too soon", or on hosts whose OSD counts the model already warns are unequal (their
     * weights differ up to sixfold here). Those cases are printed, for they leave some placement
     * groups undersized.
     */
    @Test
    void theModelSeesRoomExactlyWhereCrushFindsIt() throws Exception {
        CrushJudge judge = Crushtool.judgeOrSkip();
        Random random = new Random(SEED);
        List<CrushLayout> layouts = layouts(random);
        layouts.addAll(randomLayouts(random, LAYOUTS - layouts.size()));
        long started = System.nanoTime();
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
        System.err.printf("%d layouts, %d cases in %.1f s: CRUSH placed %d, found no room for %d, gave up too soon on %d%n",
                layouts.size(), cases.size(), (System.nanoTime() - started) / 1e9, cases.stream().filter(c -> c.crush().placeable()).count(),
                cases.stream().filter(c -> !c.crush().roomForAll()).count(), gaveUp.size());
        assertThat(layouts).hasSizeGreaterThanOrEqualTo(500);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(2 * layouts.size());
        assertThat(disagreements).as("%d of %d cases where CephLayout and CRUSH disagree about room:%n%s",
                disagreements.size(), cases.size(), String.join("\n", disagreements)).isEmpty();
        assertThat(gaveUp.stream().filter(c -> !c.exactFit() && !c.unevenWarned()).map(Case::describe).toList())
                .as("CRUSH gave up on inputs of pools with domains to spare on hosts the model finds even").isEmpty();
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
                        layouts.add(new CrushLayout(hostList, pools(bare, pattern != ClassPattern.ALL_HDD
                                ? List.of("ssd") : List.of(), random)));
                    }
                }
            }
        }
        return layouts;
    }

    /**
     * Layouts drawn at random after the systematic ones, up to {@value #LAYOUTS}: 1 to 12 hosts of 1 to 6
     * drives (equal on half of them), each OSD hdd, ssd or nvme on a third of them, hdd elsewhere.
     */
    static List<CrushLayout> randomLayouts(Random random, int count) {
        List<CrushLayout> layouts = new ArrayList<>();
        while (layouts.size() < count) {
            int hosts = 1 + random.nextInt(12);
            boolean equal = random.nextBoolean();
            boolean mixed = random.nextInt(3) == 0;
            int drives = 1 + random.nextInt(6);
            List<Host> hostList = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                int n = equal ? drives : 1 + random.nextInt(6);
                hostList.add(new Host("host" + h, IntStream.range(0, n)
                        .mapToObj(o -> mixed ? List.of("hdd", "ssd", "nvme").get(random.nextInt(3)) : "hdd").toList()));
            }
            List<String> classes = hostList.stream().flatMap(h -> h.osdClasses().stream()).distinct().sorted().toList();
            CrushLayout bare = new CrushLayout(hostList, List.of());
            layouts.add(new CrushLayout(hostList, pools(bare, classes.size() > 1 ? classes : List.of(), random)));
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

    /** Two pools at the edge of what the layout holds and one at random; with the classes given, also pools taking one. */
    private static List<Pool> pools(CrushLayout layout, List<String> classes, Random random) {
        List<PoolSpec> all = new ArrayList<>();
        List<Optional<String>> choices = new ArrayList<>(List.of(Optional.<String>empty()));
        classes.forEach(c -> choices.add(Optional.of(c)));
        for (FailureDomain domain : FailureDomain.values()) {
            for (Optional<String> deviceClass : choices) {
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
