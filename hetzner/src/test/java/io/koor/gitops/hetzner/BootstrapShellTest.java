package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap script's helpers run in bash (with {@code sleep} recorded instead of slept), and the
 * metadata guard loaded by nft into a network namespace of its own.
 */
class BootstrapShellTest {
    @TempDir
    Path dir;

    /** Runs the helpers, then {@code test}, in bash; returns exit status and everything printed. */
    private String bash(String test) throws Exception {
        Optional<String> bash = CloudInitTest.onPath("bash");
        assumeTrue(bash.isPresent(), "SKIPPED: no bash");
        String helpers = CloudInit.HELPERS.replace(CloudInit.PHASE_FILE, dir.resolve("phase").toString());
        Process p = new ProcessBuilder(bash.get(), "-c", helpers + "sleep() { echo \"slept $1\" >&2; }\n" + test)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + p.waitFor() + "\n" + out;
    }

    @Test
    void retryBacksOffExponentiallyUpToAMinuteAndGivesUp() throws Exception {
        String flaky = bash("calls=0; flaky() { calls=$((calls + 1)); [ \"$calls\" -ge 4 ]; }; retry 8 flaky && echo done after $calls");
        assertThat(flaky).startsWith("exit 0").contains("slept 5\n", "slept 10\n", "slept 20\n", "done after 4")
                .contains("attempt 1 of 8 failed, again in 5s: flaky").doesNotContain("slept 40");
        String never = bash("retry 7 false");
        assertThat(never).startsWith("exit 1").contains("slept 40\n", "slept 60\n", "giving up after 7 attempts: false");
        assertThat(never.lines().filter(l -> l.equals("slept 60"))).hasSize(2); // capped at 60 s
    }

    @Test
    void waitsAreBoundedAndSayWhatTheyWaitFor() throws Exception {
        assertThat(bash("wait_for 3 5 \"the private address 10.0.0.3\" false")).startsWith("exit 1")
                .contains("waiting for the private address 10.0.0.3 (at most 15 s)", "gave up waiting for the private address 10.0.0.3");
        assertThat(bash("calls=0; later() { calls=$((calls + 1)); [ \"$calls\" -ge 2 ]; }; wait_for 3 5 it later")).startsWith("exit 0")
                .contains("ready: it");
    }

    @Test
    void aDownloadThatDoesNotMatchItsChecksumIsDeletedAndStops() throws Exception {
        Files.writeString(dir.resolve("helm.tar.gz"), "not helm\n");
        String sha = "f2e0d5e4b1c8f8d1d2c39d6f1cc4f1a1a0b6bd3c5bd5c2f1b1a0c9e8d7f6e5d4";
        assertThat(bash("verified helm.tar.gz " + sha + " && echo kept")).startsWith("exit 1")
                .contains("checksum mismatch: helm.tar.gz").doesNotContain("kept");
        assertThat(dir.resolve("helm.tar.gz")).doesNotExist();
        Files.writeString(dir.resolve("flux.tar.gz"), "flux\n");
        String real = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("flux\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(bash("verified flux.tar.gz " + real + " && echo kept")).startsWith("exit 0").contains("kept");
    }

    @Test
    void aFailingStepMarksTheNodeFailedForTheProvisioner() throws Exception {
        assertThat(bash("set -E -e\nphase preparing\nfalse\necho unreachable")).startsWith("exit 1")
                .contains("phase: failed", "the whole log is /var/log/cloud-init-output.log").doesNotContain("unreachable");
        assertThat(dir.resolve("phase")).hasContent("failed");
    }

    @Test
    void theMetadataGuardLoadsTwiceAndDropsForwardedTrafficToTheMetadataAddress() throws Exception {
        Optional<String> nft = CloudInitTest.onPath("nft");
        Optional<String> unshare = CloudInitTest.onPath("unshare");
        assumeTrue(nft.isPresent() && unshare.isPresent(), "SKIPPED: nft or unshare is not installed");
        Path guard = Files.writeString(dir.resolve("guard.nft"), CloudInit.metadataGuard());
        // a network namespace of its own (needs CAP_SYS_ADMIN): the host's rules are not touched
        Process p = new ProcessBuilder(unshare.get(), "--net", "sh", "-c", nft.get() + " -f " + guard + " && " + nft.get()
                + " -f " + guard + " && " + nft.get() + " list ruleset").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        assumeTrue(!(status != 0 && out.contains("Operation not permitted")), "SKIPPED: no permission for a network namespace: " + out);
        assertThat(status).as(out).isZero();
        assertThat(out).contains("table inet koor_metadata_guard", "type filter hook forward priority filter - 10; policy accept;",
                "ip daddr 169.254.169.254 counter packets 0 bytes 0 drop");
        assertThat(out.split("table inet koor_metadata_guard", -1)).as("loaded again, not twice").hasSize(2);
        // and nft does refuse a broken ruleset
        Path broken = Files.writeString(dir.resolve("broken.nft"), CloudInit.metadataGuard().replace("hook forward", "hook nowhere"));
        Process q = new ProcessBuilder(List.of(unshare.get(), "--net", nft.get(), "-f", broken.toString())).redirectErrorStream(true).start();
        q.getInputStream().readAllBytes();
        assertThat(q.waitFor()).isNotZero();
    }
}
