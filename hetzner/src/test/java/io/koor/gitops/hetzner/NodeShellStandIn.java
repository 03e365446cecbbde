package io.koor.gitops.hetzner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes as {@link ClusterJoin} sees them over SSH, for tests: each server the Hetzner stand-in
 * holds answers at its public address, reports the phase its bootstrap script would write (the first
 * control plane unreachable for a while, then preparing, then initialised; the others prepared), and
 * answers kubeadm's commands the way kubeadm prints them. Every command goes into the stand-in's
 * request timeline as {@code SSH <server> <command>}; what a command got on standard input is kept.
 */
final class NodeShellStandIn implements NodeShell {
    static final String TOKEN = "7f3k9q.m2x8v4c1b6n0z5hd";
    static final String CERTIFICATE_KEY = "5c1f0e8a9b7d6c4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e";
    static final String CA_PEM = resource("/kubeadm/ca.crt");
    static final String CA_HASH = "sha256:" + resource("/kubeadm/ca.crt.sha256").strip();

    private final HetznerStandIn api;
    /** Polls the first control plane refuses SSH, then polls it reports {@code preparing}. */
    volatile int unreachablePolls = 2;
    volatile int preparingPolls = 2;
    final Map<String, String> phase = Collections.synchronizedMap(new HashMap<>());
    final Map<String, String> stdin = Collections.synchronizedMap(new HashMap<>());
    final List<String> forgotten = Collections.synchronizedList(new ArrayList<>());
    /** A join that fails on this server, printing what kubeadm would (with the token in it, to prove redaction). */
    volatile String failingJoin;

    NodeShellStandIn(HetznerStandIn api) {
        this.api = api;
    }

    private static String resource(String name) {
        try (var in = NodeShellStandIn.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String run(String host, String command, String input) {
        String server = api.serverAt(host).orElseThrow(() -> new UnreachableException("ssh: connect to host " + host
                + " port 22: No route to host"));
        api.requests.add("SSH " + server + " " + command);
        if (!input.isEmpty()) {
            stdin.put(server, input);
        }
        boolean first = server.endsWith("-control-plane-1");
        if (command.equals(ClusterJoin.PHASE)) {
            if (first && unreachablePolls-- > 0) {
                throw new UnreachableException("ssh: connect to host " + host + " port 22: Connection refused");
            }
            if (first && phase.get(server) == null && preparingPolls-- > 0) {
                return "preparing\n";
            }
            return phase.getOrDefault(server, first ? "initialised" : "prepared") + "\n";
        }
        if (command.equals(ClusterJoin.TOKEN_CREATE)) {
            return TOKEN + "\n";
        }
        if (command.equals(ClusterJoin.CA_CERT)) {
            return CA_PEM;
        }
        if (command.equals(ClusterJoin.UPLOAD_CERTS)) {
            return "[upload-certs] Storing the certificates in Secret \"kubeadm-certs\" in the \"kube-system\" Namespace\n"
                    + "[upload-certs] Using certificate key:\n" + CERTIFICATE_KEY + "\n";
        }
        if (command.equals(ClusterJoin.JOIN)) {
            if (server.equals(failingJoin)) {
                throw new CommandFailedException("on " + host + " the command exited with 1: [discovery] Failed to request"
                        + " cluster-info, will try again\nerror execution phase preflight: couldn't validate the identity of"
                        + " the API Server: token id \"" + TOKEN + "\" is invalid for this cluster or it has expired");
            }
            phase.put(server, "joined");
            return "This node has joined the cluster\n";
        }
        if (first && command.contains("create secret generic hcloud --from-file=token=/dev/stdin")) {
            if (input.isBlank()) {
                throw new CommandFailedException("error: the token read from /dev/stdin is empty");
            }
            return "";
        }
        if (command.startsWith("kubeadm token delete ")) {
            return "bootstrap token \"" + TOKEN.substring(0, 6) + "\" deleted\n";
        }
        throw new CommandFailedException("the stand-in knows no command " + command);
    }

    @Override
    public void forgetHostKey(String host) {
        forgotten.add(host);
    }
}
