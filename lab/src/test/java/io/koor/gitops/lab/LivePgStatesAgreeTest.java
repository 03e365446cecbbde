package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.model.ceph.CephLayout;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A sample of layouts judged three ways on the shared lab's 3 hosts of 2 OSDs: the model's
 * CephLayout, crushtool offline on the lab's map, and the live cluster's PG states. A pool the
 * model says fits must have every PG active+clean; one it refuses must not (undersized or
 * incomplete PGs), and crushtool must say the same.
 */
@ExtendWith(SharedLab.Resolver.class)
class LivePgStatesAgreeTest {
    private static final Map<String, PoolSpec> SAMPLE = new LinkedHashMap<>();

    static {
        SAMPLE.put("sample-r3-host", PoolSpec.replicated(3));
        SAMPLE.put("sample-r4-host", PoolSpec.replicated(4));
        SAMPLE.put("sample-r4-osd", PoolSpec.replicated(4).failureDomain(FailureDomain.OSD));
        SAMPLE.put("sample-ec21-host", PoolSpec.erasureCoded(2, 1));
        SAMPLE.put("sample-ec22-host", PoolSpec.erasureCoded(2, 2));
        SAMPLE.put("sample-ec32-osd", PoolSpec.erasureCoded(3, 2).failureDomain(FailureDomain.OSD));
    }

    private final SharedLab shared;

    LivePgStatesAgreeTest(SharedLab shared) {
        this.shared = shared;
    }

    @Test
    void theLiveClusterPlacesExactlyThePoolsTheModelAndCrushtoolSayFit() {
        List<LabShape.Pool> pools = SAMPLE.entrySet().stream().map(e -> new LabShape.Pool(e.getKey(), e.getValue(), "rbd"))
                .toList();
        LabShape sample = new LabShape("sample", shared.shape.hosts(), shared.shape.osdsPerHost(),
                shared.shape.driveClasses(), 1, pools, List.of(), List.of(), List.of(), List.of());
        CephCli ceph = new CephCli(shared.dir);
        Map<String, Boolean> model = new LinkedHashMap<>();
        CrushLayout layout = sample.crushLayout();
        for (LabShape.Pool pool : pools) {
            model.put(pool.name(), CephLayout.fits(pool.name(), pool.spec(), layout.domains(pool.spec())).isEmpty());
        }
        Map<String, Boolean> crush = new LinkedHashMap<>();
        CrushJudge.onPath().ifPresent(judge -> judge.judge(layout).forEach(p -> crush.put(p.pool().name(), p.roomForAll())));
        try {
            for (List<String> commands : Lab.poolCommands(sample, false)) {
                ceph.batch(commands);
            }
            Map<String, Map<String, Integer>> live = settledStates(ceph, model);
            for (LabShape.Pool pool : pools) {
                Map<String, Integer> states = live.get(pool.name());
                boolean clean = states.size() == 1 && states.containsKey("active+clean");
                System.err.printf("live sample %s: model %s, crushtool %s, PGs %s%n", pool.name(),
                        model.get(pool.name()) ? "fits" : "refuses", crush.getOrDefault(pool.name(), null), states);
                assertThat(clean).as("%s: model says %s, live PGs %s", pool.name(), model.get(pool.name()), states)
                        .isEqualTo(model.get(pool.name()));
                if (!crush.isEmpty()) {
                    assertThat(crush.get(pool.name())).as("crushtool on %s", pool.name()).isEqualTo(model.get(pool.name()));
                }
            }
        } finally {
            for (LabShape.Pool pool : pools) {
                ceph.run("ceph", "osd", "pool", "delete", pool.name(), pool.name(), "--yes-i-really-really-mean-it");
            }
        }
    }

    /**
     * The PG states per pool once the pools that fit are all active+clean and no PG is still being
     * created or peering (or after 45 s, when the assertion then says what was left).
     */
    private static Map<String, Map<String, Integer>> settledStates(CephCli ceph, Map<String, Boolean> model) {
        long deadline = System.nanoTime() + 45_000_000_000L;
        while (true) {
            Map<String, Map<String, Integer>> states = statesByPool(ceph, model.keySet());
            boolean settled = model.entrySet().stream().allMatch(e -> {
                Map<String, Integer> s = states.getOrDefault(e.getKey(), Map.of());
                boolean transient_ = s.keySet().stream().anyMatch(k -> k.contains("creating") || k.contains("peering")
                        || k.contains("unknown"));
                return !s.isEmpty() && !transient_ && (!e.getValue() || s.keySet().equals(java.util.Set.of("active+clean")));
            });
            if (settled || System.nanoTime() > deadline) {
                return states;
            }
            LabProcesses.sleep(500);
        }
    }

    private static Map<String, Map<String, Integer>> statesByPool(CephCli ceph, java.util.Set<String> names) {
        Map<String, String> poolIds = new TreeMap<>();
        for (JsonNode pool : ceph.json("osd", "pool", "ls", "detail")) {
            if (names.contains(pool.path("pool_name").asText())) {
                poolIds.put(pool.path("pool_id").asText(), pool.path("pool_name").asText());
            }
        }
        Map<String, Map<String, Integer>> states = new TreeMap<>();
        names.forEach(n -> states.put(n, new TreeMap<>()));
        JsonNode ls = ceph.json("pg", "ls");
        JsonNode stats = ls.has("pg_stats") ? ls.path("pg_stats") : ls;
        for (JsonNode pg : stats) {
            String pool = poolIds.get(pg.path("pgid").asText().split("\\.")[0]);
            if (pool != null) {
                states.get(pool).merge(pg.path("state").asText(), 1, Integer::sum);
            }
        }
        return states;
    }
}
