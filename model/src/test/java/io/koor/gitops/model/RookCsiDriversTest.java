package io.koor.gitops.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.ceph.ChartSource;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.ceph.RookCsiDrivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ceph-csi-drivers chart goes beside which Rook operator chart (rook/rook deploy/charts/rook-ceph/Chart.yaml per tag). */
class RookCsiDriversTest {

    @Test
    void rookBeforeV120MakesItsOwnDrivers() {
        assertThat(RookCsiDrivers.needed(ChartSource.rook("v1.19.10"))).isFalse();
        assertThat(RookCsiDrivers.chartFor(ChartSource.rook("v1.19.10"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"v1.20.0, 1.0.1", "v1.20.1, 1.0.1", "v1.20.2, 1.0.4", "v1.20.6, 1.0.4"})
    void theDriversChartIsTheSubchartsVersion(String rook, String drivers) {
        ChartSource chart = RookCsiDrivers.chartFor(ChartSource.rook(rook)).orElseThrow();
        assertThat(chart.version().text()).isEqualTo(drivers);
        assertThat(chart.chart().value()).isEqualTo("ceph-csi-drivers");
        assertThat(chart.url()).hasToString("https://ceph.github.io/ceph-csi-operator");
    }

    @Test
    void aNewerRookThanTheTableKnowsIsRefusedWithTheReason() {
        assertThat(RookCeph.of(ChartSource.rook("v1.21.0"), "quay.io/ceph/ceph:v20.2.4").problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("operatorChart.version");
                    assertThat(p.message()).contains("ceph-csi-drivers", "known up to Rook v1.20.6");
                });
    }
}
