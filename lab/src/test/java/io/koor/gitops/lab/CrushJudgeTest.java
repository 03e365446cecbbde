package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.lab.CrushJudge.Placement;
import io.koor.gitops.lab.CrushLayout.Host;
import io.koor.gitops.lab.CrushLayout.Pool;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The judge on layouts whose answer Ceph's documentation gives: copies need distinct failure domains. */
class CrushJudgeTest {
    private static CrushJudge judge;

    @BeforeAll
    static void crushtool() {
        judge = Crushtool.judgeOrSkip();
    }

    static List<Host> hosts(int count, int osds, String deviceClass) {
        return IntStream.range(0, count).mapToObj(i -> Host.of("host" + i, osds, deviceClass)).toList();
    }

    private static Placement only(List<Host> hosts, PoolSpec spec) {
        return judge.judge(new CrushLayout(hosts, List.of(new Pool("pool", spec)))).get(0);
    }

    @Test
    void threeCopiesFitThreeHostsButNotTwo() {
        assertThat(only(hosts(3, 2, "hdd"), PoolSpec.replicated(3)).placeable()).isTrue();
        Placement two = only(hosts(2, 2, "hdd"), PoolSpec.replicated(3));
        assertThat(two.placeable()).isFalse();
        assertThat(two.unplaced()).isEqualTo(CrushJudge.INPUTS);
        assertThat(two.roomForAll()).isFalse();
        assertThat(two.detail()).startsWith("bad mapping rule 0 x 0 num_rep 3 result [");
    }

    /** Five copies on five hosts, one with four drives: room for all, but Ceph's rule gives up on two inputs. */
    @Test
    void crushGivesUpTooSoonOnAnExactFitOfUnevenHosts() {
        List<Host> uneven = List.of(Host.of("big", 4, "hdd"), Host.of("a", 1, "hdd"), Host.of("b", 1, "hdd"),
                Host.of("c", 1, "hdd"), Host.of("d", 1, "hdd"));
        Placement five = only(uneven, PoolSpec.replicated(5));
        assertThat(five.placeable()).isFalse();
        assertThat(five.unplaced()).isEqualTo(2);
        assertThat(five.detail()).startsWith("bad mapping rule 0 x 559 num_rep 5 result [");
        assertThat(five.roomForAll()).isTrue();
        assertThat(only(uneven, PoolSpec.replicated(4)).placeable()).isTrue();
        assertThat(only(hosts(5, 1, "hdd"), PoolSpec.replicated(5)).placeable()).isTrue();
    }

    @Test
    void failureDomainOsdPlacesCopiesOnOneHost() {
        assertThat(only(hosts(1, 3, "hdd"), PoolSpec.replicated(3).failureDomain(FailureDomain.OSD)).placeable()).isTrue();
        assertThat(only(hosts(1, 2, "hdd"), PoolSpec.replicated(3).failureDomain(FailureDomain.OSD)).placeable()).isFalse();
    }

    @Test
    void erasureCodingNeedsKPlusMHosts() {
        assertThat(only(hosts(3, 2, "hdd"), PoolSpec.erasureCoded(2, 1)).placeable()).isTrue();
        // the notes' cluster: 4+2 on 3 hosts stays creating+incomplete
        assertThat(only(hosts(3, 2, "hdd"), PoolSpec.erasureCoded(4, 2)).placeable()).isFalse();
    }

    @Test
    void aDeviceClassCountsOnlyItsHosts() {
        List<Host> mixed = List.of(Host.of("host0", 2, "ssd"), Host.of("host1", 2, "ssd"), Host.of("host2", 2, "hdd"));
        assertThat(only(mixed, PoolSpec.replicated(3)).placeable()).isTrue();
        assertThat(only(mixed, PoolSpec.replicated(2).deviceClass("ssd")).placeable()).isTrue();
        assertThat(only(mixed, PoolSpec.replicated(3).deviceClass("ssd")).placeable()).isFalse();
    }

    @Test
    void aDeviceClassNoOsdHasGetsNoRule() {
        Placement nvme = only(hosts(3, 2, "hdd"), PoolSpec.replicated(3).deviceClass("nvme"));
        assertThat(nvme.placeable()).isFalse();
        assertThat(nvme.detail()).isEqualTo("Ceph refuses a rule for device class nvme: no OSD has it");
    }

    @Test
    void poolsOfOneLayoutAreJudgedEachByItsOwnRule() {
        List<Pool> pools = List.of(new Pool("three", PoolSpec.replicated(3)), new Pool("four", PoolSpec.replicated(4)),
                new Pool("ec", PoolSpec.erasureCoded(2, 2)));
        List<Placement> placements = judge.judge(new CrushLayout(hosts(4, 1, "hdd"), pools));
        assertThat(placements).extracting(p -> p.pool().name() + "=" + p.placeable())
                .containsExactly("three=true", "four=true", "ec=true");
        placements = judge.judge(new CrushLayout(hosts(3, 1, "hdd"), pools));
        assertThat(placements).extracting(p -> p.pool().name() + "=" + p.placeable())
                .containsExactly("three=true", "four=false", "ec=false");
    }
}
