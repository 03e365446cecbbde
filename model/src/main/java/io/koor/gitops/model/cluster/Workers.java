package io.koor.gitops.model.cluster;

import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import java.util.Objects;

/** The worker node group, where the applications run. May be empty. */
public record Workers(int count, ServerType serverType) {
    public Workers {
        Objects.requireNonNull(serverType, "serverType");
        if (count < 0 || count > 100) {
            throw ModelException.of("count", "count=" + count + ": use 0 to 100 worker nodes");
        }
    }

    public static Workers of(int count, String serverType) {
        return new Workers(count, Problems.at("serverType", () -> ServerType.of(serverType)));
    }

    public static Workers none() {
        return new Workers(0, ServerType.of("cx23"));
    }
}
