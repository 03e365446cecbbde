package io.koor.gitops.hetzner;

import java.util.Map;

/** A resource found in the project: id, name, labels, and the attributes the plan compares. */
public record ExistingResource(ResourceKind kind, long id, String name, Map<String, String> labels,
                               Map<String, String> attributes) {
    public ExistingResource {
        labels = Map.copyOf(labels);
        attributes = Map.copyOf(attributes);
    }
}
