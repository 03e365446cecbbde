package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.ceph.CephAdvisories;
import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.presets.Patterns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CephAdvisoriesTest {

    @ParameterizedTest
    @CsvSource({"v1.20.5, quay.io/ceph/ceph:v19.2.3", "v1.19.9, quay.io/ceph/ceph:v19.2.6", "v1.18.2, quay.io/ceph/ceph:v20.2.4"})
    void aRookReleaseBeforeTheFixIsRefusedWithTheAdvisoryId(String rook, String ceph) {
        assertThat(RookCeph.of(ChartSource.rook(rook), ceph).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("operatorChart.version");
                    assertThat(p.message()).startsWith("[" + CephAdvisories.CVE_2025_30156 + "] Rook " + rook)
                            .contains("v1.20.6", "cephx-key-rotation");
                });
    }

    @Test
    void theRefusalNamesTheCephUpgradeWhenCephIsUnfixedToo() {
        assertThat(RookCeph.of(ChartSource.rook("v1.20.5"), "quay.io/ceph/ceph:v19.2.3-20250717").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("Ceph v19.2.3-20250717 is affected",
                        "v20.2.4 (Tentacle) or v19.2.6 (Squid)"));
    }

    @ParameterizedTest
    @CsvSource({"v1.20.6, quay.io/ceph/ceph:v19.2.3", "v1.20.6, quay.io/ceph/ceph:v20.2.3", "v1.19.10, quay.io/ceph/ceph:v19.2.5"})
    void anUnfixedCephIsRefusedUnderAFixedRookToo(String rook, String ceph) {
        assertThat(RookCeph.of(ChartSource.rook(rook), ceph).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cephImage");
                    assertThat(p.message()).startsWith("[" + CephAdvisories.CVE_2025_30156 + "] Ceph ")
                            .contains("v19.2.6 (Squid)", "cephx-key-rotation");
                });
    }

    @Test
    void anUnfixedCephIsRefusedUnderKoorsDistributionToo() {
        assertThat(RookCeph.of(ChartSource.koorKsd("v1.20.6"), "quay.io/ceph/ceph:v19.2.3").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("Ceph v19.2.3 is affected"));
    }

    @ParameterizedTest
    @CsvSource({"v1.20.6, quay.io/ceph/ceph:v20.2.4", "v1.19.10, quay.io/ceph/ceph:v19.2.6",
            "v1.20.6, quay.io/ceph/ceph:v20.2.4-20260818"})
    void fixedPairsPass(String rook, String ceph) {
        assertThat(RookCeph.of(ChartSource.rook(rook), ceph).problems()).isEmpty();
    }

    @Test
    void otherDistributionsAreNotJudgedByUpstreamRookNumbers() {
        assertThat(RookCeph.of(ChartSource.koorKsd("v1.11.0"), "quay.io/ceph/ceph:v19.2.6").problems()).isEmpty();
    }

    @Test
    void thePatternsPinFixedReleases() {
        assertThat(Patterns.minimalProduction("p").build().rook().problems()).isEmpty();
    }
}
