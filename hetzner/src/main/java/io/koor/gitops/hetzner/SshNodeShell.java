package io.koor.gitops.hetzner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link NodeShell} over OpenSSH, as root with the administrator's key. Host keys are trusted on
 * first use and then pinned in a known-hosts file of the cluster's own
 * ({@code StrictHostKeyChecking=accept-new}): Hetzner's API offers no way to read a new server's host
 * key (its console is a VNC session, and putting a pre-made host key in user data would put a secret
 * there), so the first connection, minutes after the server was created at an address the API just
 * gave us, is the one that records it; every later one, this run or the next, must match it.
 * The command line is an argument list (no local shell); the remote command is fixed text.
 */
public final class SshNodeShell implements NodeShell {
    /** ssh's exit status when it could not connect or authenticate. */
    private static final int SSH_ERROR = 255;
    private static final long TIMEOUT_MINUTES = 20;

    private final String ssh;
    private final String sshKeygen;
    private final Path knownHosts;
    private final Optional<Path> identity;

    /**
     * @param knownHosts where this cluster's host keys are pinned
     * @param identity   the private key matching the public key put on the servers; empty uses ssh's own choice (agent, ~/.ssh)
     */
    public SshNodeShell(Path knownHosts, Optional<Path> identity) {
        this("ssh", "ssh-keygen", knownHosts, identity);
    }

    SshNodeShell(String ssh, String sshKeygen, Path knownHosts, Optional<Path> identity) {
        this.ssh = ssh;
        this.sshKeygen = sshKeygen;
        this.knownHosts = knownHosts;
        this.identity = identity;
    }

    /** The private key next to an OpenSSH public key file ({@code id_ed25519} for {@code id_ed25519.pub}), if there is one. */
    public static Optional<Path> identityFor(Path publicKey) {
        String name = publicKey.getFileName().toString();
        if (!name.endsWith(".pub")) {
            return Optional.empty();
        }
        Path key = publicKey.resolveSibling(name.substring(0, name.length() - 4));
        return Files.isRegularFile(key) ? Optional.of(key) : Optional.empty();
    }

    List<String> command(String host, String command) {
        List<String> args = new ArrayList<>(List.of(ssh,
                "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "ConnectTimeout=15",
                "-o", "ServerAliveInterval=30",
                "-o", "LogLevel=ERROR"));
        identity.ifPresent(key -> args.addAll(List.of("-o", "IdentitiesOnly=yes", "-i", key.toString())));
        args.addAll(List.of("-l", "root", "--", host, command));
        return args;
    }

    @Override
    public String run(String host, String command, String stdin) {
        try {
            Files.createDirectories(knownHosts.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(command(host, command)).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CommandFailedException("ssh root@" + host + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            int status = p.exitValue();
            if (status == SSH_ERROR) {
                String why = err.join().strip();
                if (why.contains("Permission denied") || why.contains("Host key verification failed")
                        || why.contains("IDENTIFICATION HAS CHANGED")) {
                    // waiting would not help: the key is not accepted, or the host is not the one pinned in knownHosts
                    throw new CommandFailedException("ssh root@" + host + ": " + why + " (host keys pinned in " + knownHosts + ")");
                }
                throw new UnreachableException("ssh root@" + host + ": " + why);
            }
            if (status != 0) {
                throw new CommandFailedException("on " + host + " the command exited with " + status + ": "
                        + tail(err.join() + out.join()));
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + ssh + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a command on " + host, e);
        }
    }

    @Override
    public void forgetHostKey(String host) {
        if (!Files.isRegularFile(knownHosts)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(sshKeygen, "-R", host, "-f", knownHosts.toString()).redirectErrorStream(true).start();
            String out = read(p.getInputStream());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ssh-keygen -R " + host + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + sshKeygen + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a failed command's output: enough to see why, not a whole log. */
    private static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
