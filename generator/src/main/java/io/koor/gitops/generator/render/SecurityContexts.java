package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import java.util.List;
import java.util.Map;

/** Pod Security "restricted" as the tree's own pods declare it: one definition for every renderer. */
final class SecurityContexts {
    private SecurityContexts() {
    }

    /** The pod's part: a non-root UID (and GID, fsGroup), the runtime's seccomp profile. */
    static Map<String, Object> pod(int uid) {
        return map("runAsNonRoot", true, "runAsUser", uid, "runAsGroup", uid, "fsGroup", uid,
                "seccompProfile", map("type", "RuntimeDefault"));
    }

    /** The container's part: no privilege escalation, no capabilities, a read-only root filesystem. */
    static Map<String, Object> container() {
        return map("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true,
                "capabilities", map("drop", List.of("ALL")));
    }
}
