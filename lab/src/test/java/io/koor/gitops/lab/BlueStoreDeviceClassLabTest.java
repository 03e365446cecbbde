package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.ceph.Devices;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code lab up --bluestore} on drives that declare device classes, as a lab of its own (the shared
 * one runs memstore): OSDs on BlueStore in sparse files, each OSD in the CRUSH class of its drive
 * slot, and a pool of one class placed on that class's OSDs only. Erasure-coded RBD data needs
 * BlueStore's overwrites, so the hdd pool takes an RBD image too.
 */
class BlueStoreDeviceClassLabTest {
    /** 3 storage nodes, each an ssd drive then an hdd drive; a 3-copy pool on ssd, a 2+1 erasure-coded one on hdd. */
    static Cluster cluster() {
        return Patterns.minimalProduction("bluestore")
                .storageNodes(3, "cx43", 2, 50)
                .rook(rook -> rook.mons(3).devices(Devices.attachedVolumes().deviceClasses("ssd", "hdd"))
                        .blockPool(BlockPool.replicated("fast", 3).deviceClass("ssd"))
                        .blockPool(BlockPool.erasureCoded("bulk", 2, 1).deviceClass("hdd")))
                .build();
    }

    @Test
    void osdsOnBlueStoreCarryTheirDrivesClassAndPoolsStayOnTheirClass() throws Exception {
        List<String> missing = Lab.missingPrograms();
        if (!missing.isEmpty()) {
            String reason = "the lab needs " + String.join(", ", missing) + " (Debian: ./setup-machine installs them)";
            System.err.println("SKIPPED: " + reason);
            assumeTrue(false, reason);
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "gitops-lab-bluestore-" + ProcessHandle.current().pid());
        Lab lab = new Lab(line -> System.err.println("lab (bluestore): " + line));
        LabShape shape = LabShape.of(cluster());
        List<LabProcesses.Daemon> daemons = List.of();
        try {
            LabStatus status = lab.up(shape, Lab.Options.in(dir).bluestore(true));
            daemons = new LabProcesses(dir).recorded();
            assertThat(status.allActiveClean()).as(status.summary()).isTrue();
            assertThat(status.osdsUp()).isEqualTo(6);
            CephCli ceph = new CephCli(dir);
            Map<Integer, String> classes = new LinkedHashMap<>();
            for (JsonNode node : ceph.json("osd", "tree").path("nodes")) {
                if (node.path("type").asText().equals("osd")) {
                    classes.put(node.path("id").asInt(), node.path("device_class").asText());
                }
            }
            assertThat(classes).containsOnly(Map.entry(0, "ssd"), Map.entry(1, "hdd"), Map.entry(2, "ssd"),
                    Map.entry(3, "hdd"), Map.entry(4, "ssd"), Map.entry(5, "hdd"));
            for (int id = 0; id < 6; id++) {
                // BlueStore in the sparse file the OSD made itself
                assertThat(ceph.json("osd", "metadata", String.valueOf(id)).path("osd_objectstore").asText())
                        .isEqualTo("bluestore");
                assertThat(Files.isRegularFile(dir.resolve("osd." + id).resolve("block"))).isTrue();
            }
            assertThat(actingOsds(ceph, "fast")).as("the ssd pool's PGs").isEqualTo(Set.of(0, 2, 4));
            assertThat(actingOsds(ceph, "bulk")).as("the hdd pool's PGs").isEqualTo(Set.of(1, 3, 5));
            assertThat(actingOsds(ceph, "replicapool")).as("a pool naming no class uses both")
                    .containsAnyOf(0, 2, 4).containsAnyOf(1, 3, 5);
            // an image with its data on the erasure-coded hdd pool: overwrites in place, which only BlueStore allows
            String pool = "replicapool";
            ceph.run("rbd", "create", "--size", "16M", "--data-pool", "bulk", pool + "/ec-image");
            Path data = dir.resolve("payload");
            Files.write(data, new byte[4 << 20]);
            ceph.run("rbd", "import", "--data-pool", "bulk", data.toString(), pool + "/imported");
            ceph.run("rbd", "export", pool + "/imported", dir.resolve("exported").toString());
            assertThat(Files.size(dir.resolve("exported"))).isEqualTo(4L << 20);
        } finally {
            lab.down(dir);
        }
        List<Long> left = daemons.stream().map(LabProcesses.Daemon::pid)
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
        assertThat(left).as("PIDs left running").isEmpty();
        assertThat(dir).doesNotExist();
    }

    private static Set<Integer> actingOsds(CephCli ceph, String pool) {
        Set<Integer> osds = new TreeSet<>();
        JsonNode pgs = ceph.json("pg", "ls-by-pool", pool);
        List<JsonNode> stats = new ArrayList<>();
        (pgs.has("pg_stats") ? pgs.path("pg_stats") : pgs).forEach(stats::add);
        assertThat(stats).as(pool + "'s PGs").isNotEmpty();
        stats.forEach(pg -> pg.path("acting").forEach(osd -> osds.add(osd.asInt())));
        return osds;
    }
}
