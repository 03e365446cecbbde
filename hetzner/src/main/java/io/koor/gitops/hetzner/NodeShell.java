package io.koor.gitops.hetzner;

/**
 * Runs a shell command as root on a node, reached at its public address. The port through which
 * provisioning joins nodes after the first control plane is up: {@link SshNodeShell} in use, a
 * stand-in in tests. Secrets go in on standard input, never in the command.
 */
public interface NodeShell {
    /** The node did not answer (still booting, or SSH is refused): worth trying again later. */
    final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnreachableException(String message) {
            super(message);
        }
    }

    /** The command ran and failed. */
    final class CommandFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CommandFailedException(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code command} under {@code sh -c} on the node and returns its standard output.
     *
     * @param stdin what the command reads on standard input ("" for nothing)
     * @throws UnreachableException   when no connection could be made
     * @throws CommandFailedException when the command exits with another status than 0
     */
    String run(String host, String command, String stdin);

    /**
     * Forgets the host key recorded for this address: the server behind it was just created, and a
     * key recorded earlier belonged to a server since deleted (Hetzner reuses addresses).
     */
    void forgetHostKey(String host);
}
