package io.koor.gitops.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;

/** The CRUSH judge for tests, or the test skipped with the reason printed. */
final class Crushtool {
    private Crushtool() {
    }

    static CrushJudge judgeOrSkip() {
        Optional<CrushJudge> judge = CrushJudge.onPath();
        if (judge.isEmpty()) {
            String reason = "SKIPPED: crushtool is not on PATH (Debian: apt-get install ceph-base, or ./setup-machine);"
                    + " Ceph's CRUSH did not judge the layouts";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return judge.get();
    }

    static PlacementReport placementOrSkip() {
        Optional<PlacementReport> report = PlacementReport.onPath();
        if (report.isEmpty()) {
            String reason = "SKIPPED: crushtool or osdmaptool is not on PATH (Debian: apt-get install ceph-base, or"
                    + " ./setup-machine); Ceph did not map the pools' placement groups";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return report.get();
    }
}
