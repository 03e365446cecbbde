package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Hosts with OSDs of a device class, counted only where every OSD's class is written. */
class CephDeviceClassHostsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPoolOnSsdNeedsAsManyHostsWithSsdOsdsAsCopies() throws IOException {
        assertThat(RuleFixturesTest.findings(RuleFixturesTest.FIXTURES.resolve("ceph-device-class-hosts/fires"),
                "ceph-device-class-hosts")).singleElement().satisfies(v -> {
                    assertThat(v.jsonPointer()).isEqualTo("/spec/deviceClass");
                    assertThat(v.message()).isEqualTo("CephBlockPool fast: deviceClass ssd with failure domain host needs 3"
                            + " hosts with ssd OSDs, the cluster has 2");
                });
    }

    @Test
    void classesComeFromTheDeviceTheNodeOrTheStorageSectionAndUnwrittenOnesAreNotGuessed() throws IOException {
        assertThat(CephDeviceClassHosts.hostsWithClass(JSON.readTree("""
                {"storage": {"config": {"deviceClass": "hdd"}, "nodes": [
                  {"name": "a", "config": {"deviceClass": "ssd"}},
                  {"name": "b", "devices": [{"name": "sdb"}, {"name": "nvme0n1", "config": {"deviceClass": "ssd"}}]},
                  {"name": "c", "devices": [{"name": "sdb"}]}]}}"""), "ssd")).contains(2);
        assertThat(CephDeviceClassHosts.hostsWithClass(JSON.readTree("""
                {"storage": {"nodes": [{"name": "a", "devices": [{"name": "sdb"}]}]}}"""), "ssd")).isEmpty();
        assertThat(CephDeviceClassHosts.hostsWithClass(JSON.readTree("{\"storage\": {\"useAllNodes\": true}}"), "ssd")).isEmpty();
    }
}
