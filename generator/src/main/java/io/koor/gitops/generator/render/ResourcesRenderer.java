package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.values.Resources;
import java.util.Map;

/** Requests and a memory limit, as a Kubernetes {@code resources} map. */
final class ResourcesRenderer {
    private ResourcesRenderer() {
    }

    static Map<String, Object> of(Resources r) {
        return map("requests", map("cpu", r.cpu(), "memory", r.memoryRequest()), "limits", map("memory", r.memoryLimit()));
    }
}
