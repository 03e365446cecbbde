package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problem;
import io.koor.gitops.model.ceph.BlockPool;
import io.koor.gitops.model.presets.Patterns;
import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Ceph layout that cannot work is refused by the model and reported by the validator with the
 * same rule id, message and fix, because both call the one implementation in CephLayout.
 */
class ModelAndValidatorAgreeTest {
    @TempDir
    Path tree;

    private Violation validatorFinding(String yaml, String rule) throws IOException {
        Files.writeString(tree.resolve("ceph.yaml"), yaml);
        ValidationReport report = new ValidationService().validate(tree, ValidationOptions.builder().build());
        return report.violations().stream().filter(v -> v.ruleId().equals(rule)).findFirst().orElseThrow();
    }

    private static String asModelSaysIt(Violation v) {
        return "[" + v.ruleId() + "] " + v.message() + "; " + v.hint();
    }

    private static final String CLUSTER = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              cephVersion: {image: quay.io/ceph/ceph:v19.2.3}
              mon: {count: 1}
              storage:
                useAllNodes: false
                nodes:
                  - {name: demo-storage-1, devices: [{name: sdb}, {name: sdc}]}
                  - {name: demo-storage-2, devices: [{name: sdb}, {name: sdc}]}
            """;

    @Test
    void poolCopiesAgainstHosts() throws IOException {
        ModelException refused = catchThrowableOfType(() -> Patterns.minimalProduction("demo")
                .storageNodes(2, "cx43", 2, 100).rook(r -> r.mons(1)).build(), ModelException.class);
        Problem problem = refused.problems().stream().filter(p -> p.path().contains("blockPools")).findFirst().orElseThrow();
        Violation finding = validatorFinding(CLUSTER + "---\napiVersion: ceph.rook.io/v1\nkind: CephBlockPool\n"
                + "metadata: {name: replicapool, namespace: rook-ceph}\nspec:\n  failureDomain: host\n"
                + "  replicated: {size: 3}\n", "ceph-pool-size-exceeds-hosts");
        assertThat(problem.message()).isEqualTo(asModelSaysIt(finding));
    }

    @Test
    void erasureCodingAgainstHosts() throws IOException {
        ModelException refused = catchThrowableOfType(() -> Patterns.minimalProduction("demo")
                .storageNodes(2, "cx43", 2, 100).rook(r -> r.mons(1).blockPool(BlockPool.erasureCoded("ec", 2, 1))).build(),
                ModelException.class);
        Problem problem = refused.problems().stream().filter(p -> p.path().contains("[ec]")).findFirst().orElseThrow();
        Violation finding = validatorFinding(CLUSTER + "---\napiVersion: ceph.rook.io/v1\nkind: CephBlockPool\n"
                + "metadata: {name: ec, namespace: rook-ceph}\nspec:\n  failureDomain: host\n"
                + "  erasureCoded: {dataChunks: 2, codingChunks: 1}\n", "ceph-ec-exceeds-hosts");
        assertThat(problem.message()).isEqualTo(asModelSaysIt(finding));
    }

    @Test
    void evenMonitorCountsAreAWarningInBoth() throws IOException {
        // the model builds it (a warning is not a refusal); the validator warns with the model's words
        assertThat(Patterns.minimalProduction("demo").rook(r -> r.mons(2)).build().rook().mons()).isEqualTo(2);
        Violation finding = validatorFinding(CLUSTER.replace("count: 1", "count: 2"), "ceph-mon-count-even");
        assertThat(finding.severity()).isEqualTo(io.koor.gitops.validator.finding.Severity.WARNING);
        assertThat(asModelSaysIt(finding)).isEqualTo(io.koor.gitops.model.ceph.CephLayout.monCountEven(2).orElseThrow().text());
    }

    /** One severity per layout rule: the catalogue's is CephLayout's, which is what the model refuses or not. */
    @Test
    void everyLayoutRuleHasTheSameSeverityInTheModelAndTheCatalogue() {
        for (String id : java.util.List.of(io.koor.gitops.model.ceph.CephLayout.POOL_SIZE,
                io.koor.gitops.model.ceph.CephLayout.EC_HOSTS, io.koor.gitops.model.ceph.CephLayout.EC_SPARE,
                io.koor.gitops.model.ceph.CephLayout.MON_EVEN, io.koor.gitops.model.ceph.CephLayout.MON_NODES,
                io.koor.gitops.model.ceph.CephLayout.MGR_NODES, io.koor.gitops.model.ceph.CephLayout.DRIVES)) {
            assertThat(io.koor.gitops.validator.RuleCatalogue.find(id).orElseThrow().severity()).as(id).isEqualTo(
                    io.koor.gitops.model.ceph.CephLayout.refuses(id) ? io.koor.gitops.validator.finding.Severity.ERROR
                            : io.koor.gitops.validator.finding.Severity.WARNING);
        }
    }
}
