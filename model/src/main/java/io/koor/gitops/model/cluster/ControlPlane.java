package io.koor.gitops.model.cluster;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import java.util.Objects;

/** The control-plane node group: 1 node for a demo, 3 for high availability (etcd needs an odd quorum). */
public record ControlPlane(int count, ServerType serverType) {
    public ControlPlane {
        Objects.requireNonNull(serverType, "serverType");
        if (count != 1 && count != 3) {
            throw ModelException.of("count", "count=" + count + ": a control plane has 1 node, or 3 for high"
                    + " availability (etcd keeps quorum only with an odd number); use 1 or 3");
        }
    }

    public static ControlPlane of(int count, String serverType) {
        return new ControlPlane(count, Problems.at("serverType", () -> ServerType.of(serverType)));
    }
}
