package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A unit of the system that is installed together (the Rook operator, the Ceph cluster, an app),
 * the layer it belongs to, and the components it needs running first. The layout derives the
 * Flux ordering from these declared needs.
 *
 * @param providesStorage whether applications rely on this component for their volumes
 */
public record Component(String name, Layer layer, Set<String> dependsOn, boolean providesStorage,
                        List<HasMetadata> objects) {
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        dependsOn = Set.copyOf(dependsOn);
        objects = List.copyOf(objects);
    }
}
