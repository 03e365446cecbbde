package io.koor.gitops.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What Ceph says about the lab: health with its checks, OSDs up and in, each pool as created, and
 * the PGs by state. Judge placement by the PG states, not by health: Ceph stays HEALTH_OK for up to a
 * minute while PGs of an impossible pool cannot be placed.
 */
public record LabStatus(String health, List<String> checks, int osds, int osdsUp, int osdsIn, List<PoolStatus> pools,
                        int pgs, Map<String, Integer> pgStates) {
    /** A pool as Ceph has it: size and min_size (copies, or k+m and k+1 for erasure coding), PGs, its rule. */
    public record PoolStatus(String name, boolean erasureCoded, int size, int minSize, int pgNum, int crushRule,
                             String application) {
    }

    public LabStatus {
        checks = List.copyOf(checks);
        pools = List.copyOf(pools);
        pgStates = Map.copyOf(pgStates);
    }

    static LabStatus read(CephCli ceph) {
        JsonNode status = ceph.json("status");
        JsonNode detail = ceph.json("osd", "pool", "ls", "detail");
        List<String> checks = new ArrayList<>();
        status.path("health").path("checks").fields().forEachRemaining(e -> checks.add(e.getKey() + ": "
                + e.getValue().path("summary").path("message").asText()));
        List<PoolStatus> pools = new ArrayList<>();
        for (JsonNode pool : detail) {
            List<String> apps = new ArrayList<>();
            pool.path("application_metadata").fieldNames().forEachRemaining(apps::add);
            pools.add(new PoolStatus(pool.path("pool_name").asText(), pool.path("type").asInt() == 3,
                    pool.path("size").asInt(), pool.path("min_size").asInt(), pool.path("pg_num").asInt(),
                    pool.path("crush_rule").asInt(), String.join(",", apps)));
        }
        Map<String, Integer> states = new TreeMap<>();
        JsonNode pgmap = status.path("pgmap");
        for (JsonNode state : pgmap.path("pgs_by_state")) {
            states.put(state.path("state_name").asText(), state.path("count").asInt());
        }
        JsonNode osdmap = status.path("osdmap").has("osdmap") ? status.path("osdmap").path("osdmap") : status.path("osdmap");
        return new LabStatus(status.path("health").path("status").asText(), checks, osdmap.path("num_osds").asInt(),
                osdmap.path("num_up_osds").asInt(), osdmap.path("num_in_osds").asInt(), pools,
                pgmap.path("num_pgs").asInt(), states);
    }

    public java.util.Optional<PoolStatus> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every PG of every pool counted, and all active+clean. */
    public boolean allActiveClean() {
        int expected = pools.stream().mapToInt(PoolStatus::pgNum).sum();
        return pgs == expected && pgStates.getOrDefault("active+clean", 0) == expected;
    }

    /** {@code HEALTH_OK, 8/8 OSDs up, 11 pools, 89 PGs: 89 active+clean}. */
    public String summary() {
        return health + ", " + osdsUp + "/" + osds + " OSDs up, " + pools.size() + " pools, " + pgs + " PGs: "
                + (pgStates.isEmpty() ? "none reported yet" : pgStates.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")))
                + (checks.isEmpty() ? "" : "; " + String.join("; ", checks));
    }

    /** For {@code lab status}: the summary, then one line per pool. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(summary());
        for (PoolStatus p : pools) {
            lines.add(String.format(java.util.Locale.ROOT, "  pool %-32s %-10s size %d min_size %d, %d PGs, %s", p.name(),
                    p.erasureCoded() ? "erasure" : "replicated", p.size(), p.minSize(), p.pgNum(),
                    p.application().isEmpty() ? "no application" : p.application()));
        }
        return lines;
    }
}
