package io.koor.gitops.hetzner;

import java.util.Map;
import java.util.Optional;

/**
 * A resource found in the project: id, name, labels, and what the plan compares with the
 * definition, the server type of a server (as the API names it; empty for other kinds).
 */
public record ExistingResource(ResourceKind kind, long id, String name, Map<String, String> labels,
                               Optional<String> serverType) {
    public ExistingResource {
        labels = Map.copyOf(labels);
    }

    public ResourceRef ref() {
        return new ResourceRef(kind, name);
    }
}
