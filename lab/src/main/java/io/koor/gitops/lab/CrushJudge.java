package io.koor.gitops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Ceph's own CRUSH, offline, as the judge of a layout: crushtool builds the layout's map with one
 * rule per pool, as Ceph would make it, and maps 1,024 inputs through each rule. A pool is
 * placeable when every input gets all its copies or chunks. Where some do not, the same rule with
 * many more tries tells whether the layout lacks room or CRUSH merely gave up too soon (the Ceph
 * troubleshooting guide's name for it: just enough failure domains, found too late).
 */
public final class CrushJudge {
    /** Inputs mapped per rule, as placement groups would be: {@code --min-x 0 --max-x 1023}. */
    public static final int INPUTS = 1024;
    /** Inputs the patient rule maps when Ceph's rule placed none: enough to tell room from none. */
    static final int PATIENT_SAMPLE = 16;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * One pool's verdict: the inputs Ceph's rule could not give all their copies or chunks, those
     * the patient rule could not either (of {@value #PATIENT_SAMPLE} inputs when Ceph's rule placed
     * none, else of all), and the first unplaced input (or why no rule could be made).
     */
    public record Placement(CrushLayout.Pool pool, int unplaced, int unplacedWithRetries, String detail) {
        /** Every input got all its copies or chunks from the rule Ceph makes. */
        public boolean placeable() {
            return unplaced == 0;
        }

        /** The layout has room for every input's copies or chunks, given enough tries. */
        public boolean roomForAll() {
            return unplacedWithRetries == 0;
        }
    }

    private final Path crushtool;
    /** crushtool's maps by their shape, for layouts judged alike only differ in what the edit changes. */
    private final Map<String, String> builtMaps = new ConcurrentHashMap<>();

    public CrushJudge(Path crushtool) {
        this.crushtool = crushtool;
    }

    /** The judge when crushtool is installed (Debian: ceph-base, which ceph-common pulls in). */
    public static Optional<CrushJudge> onPath() {
        return Command.which("crushtool").map(CrushJudge::new);
    }

    /** Every pool's placement, in the layout's order. */
    public List<Placement> judge(CrushLayout layout) {
        Path dir;
        try {
            dir = Files.createTempDirectory("crush-judge");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return judge(layout, dir);
        } finally {
            delete(dir);
        }
    }

    private List<Placement> judge(CrushLayout layout, Path dir) {
        int perHost = layout.hosts().stream().mapToInt(h -> h.osdClasses().size()).max().orElseThrow();
        int hosts = layout.hosts().size();
        String built = builtMaps.computeIfAbsent(hosts + "x" + perHost, key -> build(dir, hosts, perHost));
        compile(dir, built, layout, perHost, false, "ceph");
        List<Placement> placements = new ArrayList<>();
        boolean patientCompiled = false;
        for (int id = 0; id < layout.pools().size(); id++) {
            CrushLayout.Pool pool = layout.pools().get(id);
            if (refused(layout, pool)) {
                placements.add(new Placement(pool, INPUTS, INPUTS, "Ceph refuses a rule for device class "
                        + pool.spec().deviceClass().orElseThrow() + ": no OSD has it"));
                continue;
            }
            List<String> unplaced = test(dir, "ceph", id, pool, INPUTS);
            if (unplaced.isEmpty()) {
                placements.add(new Placement(pool, 0, 0, ""));
                continue;
            }
            if (!patientCompiled) {
                compile(dir, built, layout, perHost, true, "patient");
                patientCompiled = true;
            }
            // where Ceph's rule placed no input at all, a few inputs tell the patient rule's verdict: its
            // 1,000 tries on each of 1,024 inputs of a layout without room cost most of a judgement's time
            int patientInputs = unplaced.size() == INPUTS ? PATIENT_SAMPLE : INPUTS;
            placements.add(new Placement(pool, unplaced.size(), test(dir, "patient", id, pool, patientInputs).size(),
                    unplaced.get(0)));
        }
        return placements;
    }

    /**
     * Where each pool's {@code pgNum} placement groups go, one OSD id per copy or chunk ({@link #NONE}
     * for a hole), as Ceph maps them: osdmaptool makes an osdmap of the layout's OSDs with one pool
     * of the pool's size on the layout's CRUSH map holding only the rule Ceph makes for it, marks
     * every OSD up and in, and dumps each PG's up set ({@code --test-map-pgs-dump}, which hashes the
     * PG seed with the pool id as a hashpspool pool does). No mappings for a pool whose rule Ceph
     * refuses.
     */
    public List<List<List<Integer>>> mappings(CrushLayout layout, int pgNum, Path osdmaptool) {
        Path dir;
        try {
            dir = Files.createTempDirectory("crush-mappings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            int perHost = layout.hosts().stream().mapToInt(h -> h.osdClasses().size()).max().orElseThrow();
            int hosts = layout.hosts().size();
            String built = builtMaps.computeIfAbsent(hosts + "x" + perHost, key -> build(dir, hosts, perHost));
            List<List<List<Integer>>> pools = new ArrayList<>();
            for (CrushLayout.Pool pool : layout.pools()) {
                if (refused(layout, pool)) {
                    pools.add(List.of());
                    continue;
                }
                // osdmaptool's pool is replicated, and OSDMap maps a PG only through a rule of its pool's
                // type (CrushWrapper::find_rule); an erasure-coded pool's rule keeps its indep steps
                String rule = CrushMapText.rule(0, pool.spec(), false).replace("\ttype erasure\n", "\ttype replicated\n");
                Files.writeString(dir.resolve("pool.txt"), CrushMapText.edit(built, layout, perHost, rule));
                crushtool(dir, "-c", "pool.txt", "-o", "pool");
                int size = pool.spec().protection().domainsNeeded();
                run(dir, osdmaptool.toString(), "osdmap", "--createsimple", String.valueOf(hosts * perHost),
                        "--clobber", "--with-default-pool", "--osd_pool_default_size", String.valueOf(size));
                run(dir, osdmaptool.toString(), "osdmap", "--import-crush", "pool");
                String out = run(dir, osdmaptool.toString(), "osdmap", "--mark-up-in", "--test-map-pgs-dump",
                        "--pool", "1", "--pg_num", String.valueOf(pgNum)).stdout();
                pools.add(out.lines().filter(l -> l.startsWith("1.")).map(CrushJudge::osds).toList());
            }
            return pools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** The OSD id Ceph's tools print for a copy or chunk CRUSH found no place for. */
    public static final int NONE = Integer.MAX_VALUE;

    /** {@code 1.5	[1,4,2147483647]	1} to its OSD ids. */
    private static List<Integer> osds(String line) {
        String list = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']')).trim();
        return list.isEmpty() ? List.of() : java.util.Arrays.stream(list.split(",")).map(String::trim)
                .map(Long::parseLong).map(v -> (int) Math.min(v, NONE)).toList();
    }

    /** The text of crushtool's own map of {@code hosts} hosts of {@code perHost} OSDs. */
    private String build(Path dir, int hosts, int perHost) {
        crushtool(dir, "--build", "--num_osds", String.valueOf(hosts * perHost), "-o", "built",
                "host", "straw2", String.valueOf(perHost), "root", "straw2", "0");
        crushtool(dir, "-d", "built", "-o", "built.txt");
        try {
            return Files.readString(dir.resolve("built.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void compile(Path dir, String built, CrushLayout layout, int perHost, boolean patient, String name) {
        StringBuilder rules = new StringBuilder();
        for (int id = 0; id < layout.pools().size(); id++) {
            if (!refused(layout, layout.pools().get(id))) {
                rules.append(CrushMapText.rule(id, layout.pools().get(id).spec(), patient));
            }
        }
        try {
            Files.writeString(dir.resolve(name + ".txt"), CrushMapText.edit(built, layout, perHost, rules.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crushtool(dir, "-c", name + ".txt", "-o", name);
    }

    /**
     * Ceph will not make a rule taking a device class that no OSD has ("root default has no devices
     * with class ..."), and crushtool will not compile one.
     */
    private static boolean refused(CrushLayout layout, CrushLayout.Pool pool) {
        return pool.spec().deviceClass().isPresent() && layout.domains(pool.spec()) == 0;
    }

    /** The inputs the map's rule leaves short of copies or chunks, as crushtool reports them. */
    private List<String> test(Path dir, String map, int rule, CrushLayout.Pool pool, int inputs) {
        int copies = pool.spec().protection().domainsNeeded();
        // --show-bad-mappings, not --show-statistics: statistics count an indep rule's NONE holes as placed
        String out = crushtool(dir, "-i", map, "--test", "--rule", String.valueOf(rule),
                "--num-rep", String.valueOf(copies), "--min-x", "0", "--max-x", String.valueOf(inputs - 1),
                "--show-bad-mappings").stdout();
        return out.lines().filter(l -> l.startsWith("bad mapping")).toList();
    }

    private Command.Result crushtool(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(crushtool.toString());
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    private static Command.Result run(Path dir, String... command) {
        return Command.run(List.of(command), dir, TIMEOUT).orFail();
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
