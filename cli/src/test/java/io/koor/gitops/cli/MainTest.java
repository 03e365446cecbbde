package io.koor.gitops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    static final String HANDWRITTEN = "../validator/src/test/resources/trees/handwritten-demo";
    static final String FLUX = "../validator/src/test/resources/trees/flux-example";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findingsAtTheFailOnSeverityExitOne() {
        assertThat(run("validate", HANDWRITTEN)).isEqualTo(1);
        assertThat(out()).contains("[ceph-pool-size-exceeds-hosts]").endsWith("17 errors, 12 warnings, 0 notes, 0 suppressed\n");
    }

    @Test
    void warningsPassUnlessFailOnSaysOtherwise() {
        assertThat(run("validate", FLUX)).isZero();
        out.reset();
        assertThat(run("validate", FLUX, "--fail-on", "warning")).isEqualTo(1);
    }

    @Test
    void formatsAndOutputFile(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        assertThat(run("validate", HANDWRITTEN, "--format", "json", "--output", report.toString())).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("11 objects: 3 passed, 8 failed");
        assertThat(new ObjectMapper().readTree(Files.readString(report)).at("/summary/errors").asInt()).isEqualTo(17);
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(err()).contains("Missing required parameter: 'PATH'");
        assertThat(run("validate", ".", "--fail-on", "sometimes")).isEqualTo(2);
        assertThat(err()).contains("--fail-on sometimes: use error, warning or note");
        assertThat(run("validate", ".", "--bogus")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--bogus'");
        assertThat(run("validate", ".", "--kubernetes-version", "1.32")).isEqualTo(2);
        assertThat(run("validate", ".", "--schema-location", "/does-not-exist-here")).isEqualTo(2);
        assertThat(err()).contains("--schema-location /does-not-exist-here: there is no directory");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Unmatched argument at index 0: 'frobnicate'");
        // a run builds only the command it names; a near miss still gets the suggestions of all of them
        assertThat(run("validat")).isEqualTo(2);
        assertThat(err()).contains("Did you mean", "validate");
    }

    @Test
    void aMissingDirectoryExitsThree() {
        assertThat(run("validate", "does-not-exist")).isEqualTo(3);
        assertThat(err()).contains("does-not-exist is not a directory or a file");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("validate", "rules", "plan", "provision", "destroy", "corpus");
        assertThat(out().indexOf("  validate")).as("commands in their order").isLessThan(out().indexOf("  rules"))
                .isLessThan(out().indexOf("  corpus"));
        out.reset();
        assertThat(run("validate", "--help")).isZero();
        assertThat(out()).contains("--schema-location", "--format=text|json|junit|sarif", "--exclude");
        out.reset();
        assertThat(run("plan", "--help")).as("help after a command, before its arguments are checked").isZero();
        assertThat(out()).contains("Usage: gitops plan", "--cluster=NAME", "--confirm");
        assertThat(err()).isEmpty();
    }

    @Test
    void rulesListsTheWholeCatalogueTheIdsEveryReportCanCarry() {
        assertThat(run("rules")).isZero();
        java.util.Set<String> printed = out().lines().filter(l -> !l.startsWith(" ")).map(l -> l.split(" +")[0])
                .collect(java.util.stream.Collectors.toSet());
        assertThat(printed).isEqualTo(io.koor.gitops.validator.RuleCatalogue.all().stream()
                .map(io.koor.gitops.validator.finding.RuleDescriptor::id).collect(java.util.stream.Collectors.toSet()));
        assertThat(printed).contains("schema", "yaml-invalid", "kustomize-build-failed", "suppression-without-reason");
        assertThat(out()).contains("ceph-pool-size-exceeds-hosts       error    tree   A replicated pool with more copies");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("gitops ");
    }

    @Test
    void planWorksOfflineOnTheDemoDefinition() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("HCLOUD_TOKEN") == null, "HCLOUD_TOKEN is set");
        assertThat(run("plan", "--cluster", "staging")).isZero();
        assertThat(out()).contains("Plan for cluster staging (offline", "create server          staging-storage-4",
                "19 to create, 0 to keep, 0 to delete", "Monthly cost: 138.53 EUR");
    }

    @Test
    void provisioningNeedsATokenAndAClusterChoice() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("HCLOUD_TOKEN") == null, "HCLOUD_TOKEN is set");
        assertThat(run("provision", "--cluster", "demo", "--confirm")).isEqualTo(2);
        assertThat(err()).contains("provisioning needs a Hetzner API token: set HCLOUD_TOKEN");
        assertThat(run("plan")).isEqualTo(2);
        assertThat(err()).contains("--cluster (none): the definition has several clusters; choose one of demo|staging");
        assertThat(run("destroy", "--cluster", "nope")).isEqualTo(2);
        assertThat(err()).contains("--cluster nope: the definition has no such cluster");
    }

    @Test
    void theLabSaysWhenNoneRuns(@TempDir Path dir) {
        assertThat(run("lab", "--help")).isZero();
        assertThat(out()).contains("up", "status", "down");
        assertThat(run("lab", "status", "--cluster", "demo", "--lab-dir", dir.resolve("none").toString())).isEqualTo(3);
        assertThat(err()).contains("gitops lab status: could not run: no lab is running in " + dir.resolve("none"));
        out.reset();
        assertThat(run("lab", "down", "--cluster", "demo", "--lab-dir", dir.resolve("none").toString())).isZero();
        assertThat(out()).contains("no lab in " + dir.resolve("none"));
        assertThat(run("lab", "up")).isEqualTo(2);
        assertThat(err()).contains("--cluster (none): the definition has several clusters");
    }

    @Test
    void oneFileOrStandardInputIsATreeOfItself(@TempDir Path dir) throws Exception {
        Path pool = dir.resolve("pool.yaml");
        Files.writeString(pool, "apiVersion: ceph.rook.io/v1\nkind: CephBlockPool\nmetadata: {name: p, namespace: rook-ceph}\n"
                + "spec:\n  failureDomain: host\n  replicated: {size: 1, requireSafeReplicaSize: true}\n");
        assertThat(run("validate", pool.toString())).isEqualTo(1);
        assertThat(out()).contains("pool.yaml:6: error [ceph-size-one-requires-unsafe]").contains("1 files, 1 objects");
        out.reset();
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(pool)));
            assertThat(run("validate", "-")).isEqualTo(1);
        } finally {
            System.setIn(stdin);
        }
        assertThat(out()).contains("stdin.yaml:6: error [ceph-size-one-requires-unsafe]");
    }

    @Test
    void rulesShowsTheOnesAskedFor() {
        assertThat(run("rules", "secret-plaintext", "schema")).isZero();
        assertThat(out().lines().filter(l -> !l.startsWith(" ")).map(l -> l.split(" +")[0]))
                .containsExactly("secret-plaintext", "schema");
        assertThat(run("rules", "no-such-rule")).isEqualTo(2);
        assertThat(err()).contains("no rule 'no-such-rule'");
    }

    @Test
    void ruleSelectionLikeKubeLinter() {
        assertThat(run("validate", HANDWRITTEN, "--disable", "ceph-pool-size-exceeds-hosts")).isEqualTo(1);
        assertThat(out()).doesNotContain("[ceph-pool-size-exceeds-hosts]").contains("[object-owned-twice]");
        out.reset();
        assertThat(run("validate", HANDWRITTEN, "--schema-only")).as(out()).isZero();
        assertThat(out()).doesNotContain("[ceph-pool-size-exceeds-hosts]", "[object-owned-twice]");
        out.reset();
        assertThat(run("validate", HANDWRITTEN, "--schema-only", "--enable", "object-owned-twice")).isEqualTo(1);
        assertThat(out()).contains("[object-owned-twice]").doesNotContain("[ceph-pool-size-exceeds-hosts]");
    }

    @Test
    void anUnknownRuleIdIsAUsageErrorNamingTheCloseOnes() {
        assertThat(run("validate", HANDWRITTEN, "--disable", "object-owned-twise")).isEqualTo(2);
        assertThat(err()).contains("gitops validate: --disable object-owned-twise: no check has this id; did you mean"
                + " object-owned-twice?").doesNotContain("\tat ");
    }
}
