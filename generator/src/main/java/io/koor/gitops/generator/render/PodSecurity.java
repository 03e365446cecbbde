package io.koor.gitops.generator.render;

/**
 * The Pod Security Standards levels a namespace's Pod Security admission labels name
 * (kubernetes.io/docs/concepts/security/pod-security-standards). {@link #RESTRICTED} unless what
 * runs in the namespace needs less, and then the level its upstream documents.
 */
public enum PodSecurity {
    /** Unrestricted: privileged containers, host namespaces, hostPath (Ceph's OSDs, node agents). */
    PRIVILEGED,
    /** Blocks known privilege escalations, but allows root and default capabilities. */
    BASELINE,
    /** Non-root, no privilege escalation, all capabilities dropped, a seccomp profile. */
    RESTRICTED;

    /** The level as the labels spell it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
