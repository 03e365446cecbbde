package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ssh command line, and what comes back, with a recording stand-in for the ssh program; ssh-keygen for real. */
class SshNodeShellTest {
    @TempDir
    Path dir;

    /** An executable that records its arguments and standard input, prints {@code out} and exits with {@code status}. */
    private Path fakeSsh(String out, String err, int status) throws Exception {
        Path fake = dir.resolve("ssh");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + dir.resolve("args") + "\ncat > " + dir.resolve("stdin")
                + "\nprintf '" + out + "'\nprintf '" + err + "' >&2\nexit " + status + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    @Test
    void runsAsRootWithThePinnedHostKeysAndSecretsOnStandardInput() throws Exception {
        assumeTrue(CloudInitTest.onPath("sh").isPresent(), "SKIPPED: no sh");
        Path key = Files.writeString(dir.resolve("id_ed25519"), "private");
        Files.writeString(dir.resolve("id_ed25519.pub"), "ssh-ed25519 AAAA ops");
        assertThat(SshNodeShell.identityFor(dir.resolve("id_ed25519.pub"))).contains(key);
        assertThat(SshNodeShell.identityFor(dir.resolve("missing.pub"))).isEmpty();
        Path knownHosts = dir.resolve("hosts/known_hosts.demo");
        SshNodeShell shell = new SshNodeShell(fakeSsh("joined", "", 0).toString(), "ssh-keygen", knownHosts, Optional.of(key));
        assertThat(shell.run("203.0.113.7", ClusterJoin.JOIN, "token: abcdef.0123456789abcdef\n")).isEqualTo("joined");
        List<String> args = Files.readAllLines(dir.resolve("args"));
        assertThat(args).containsSubsequence("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new", "-o",
                "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes", "-i", key.toString(), "-l", "root", "--",
                "203.0.113.7", ClusterJoin.JOIN);
        assertThat(args).noneMatch(a -> a.contains("abcdef"));
        assertThat(Files.readString(dir.resolve("stdin"))).isEqualTo("token: abcdef.0123456789abcdef\n");
        assertThat(knownHosts.getParent()).isDirectory();
    }

    @Test
    void aRefusedConnectionIsWorthRetryingARejectedKeyIsNot() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        SshNodeShell refused = new SshNodeShell(fakeSsh("", "ssh: connect to host 203.0.113.7 port 22: Connection refused", 255)
                .toString(), "ssh-keygen", knownHosts, Optional.empty());
        assertThatThrownBy(() -> refused.run("203.0.113.7", "true", "")).isInstanceOf(NodeShell.UnreachableException.class)
                .hasMessageContaining("Connection refused");
        SshNodeShell changed = new SshNodeShell(fakeSsh("", "Host key verification failed.", 255).toString(), "ssh-keygen",
                knownHosts, Optional.empty());
        assertThatThrownBy(() -> changed.run("203.0.113.7", "true", "")).isInstanceOf(NodeShell.CommandFailedException.class)
                .hasMessageContaining("Host key verification failed").hasMessageContaining("pinned in " + knownHosts);
        SshNodeShell failing = new SshNodeShell(fakeSsh("", "error execution phase preflight", 1).toString(), "ssh-keygen",
                knownHosts, Optional.empty());
        assertThatThrownBy(() -> failing.run("203.0.113.7", "kubeadm join", "")).isInstanceOf(NodeShell.CommandFailedException.class)
                .hasMessageContaining("exited with 1: error execution phase preflight");
    }

    @Test
    void aRecreatedServersOldHostKeyIsForgotten() throws Exception {
        java.util.Optional<String> keygen = CloudInitTest.onPath("ssh-keygen");
        assumeTrue(keygen.isPresent(), "SKIPPED: no ssh-keygen");
        Path knownHosts = dir.resolve("known_hosts");
        String line = "203.0.113.7 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGyhSk5mWJ0u0Fw8RZKPcdumBxXdU7ZrOPEHzS0dx4xb\n";
        String other = "203.0.113.8 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFOREIGNKEYFOREIGNKEYFOREIGNKEYFOREIGNKEY0\n";
        Files.writeString(knownHosts, line + other);
        SshNodeShell shell = new SshNodeShell("ssh", keygen.get(), knownHosts, Optional.empty());
        shell.forgetHostKey("203.0.113.7");
        assertThat(Files.readString(knownHosts)).isEqualTo(other);
        shell.forgetHostKey("203.0.113.9"); // nothing recorded: nothing to do
        new SshNodeShell("ssh", keygen.get(), dir.resolve("none"), Optional.empty()).forgetHostKey("203.0.113.7");
    }
}
