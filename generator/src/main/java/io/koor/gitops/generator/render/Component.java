package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A unit of the system that is installed together (the Rook operator, the Ceph cluster, an app),
 * the layer it belongs to, and the components it needs running first. The layouts derive each
 * reconciler's ordering from these declared needs, and render its parts for their reconciler.
 *
 * @param providesStorage whether applications rely on this component for their volumes
 */
public record Component(String name, Layer layer, Set<String> dependsOn, boolean providesStorage, List<Part> parts) {
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        dependsOn = Set.copyOf(dependsOn);
        parts = List.copyOf(parts);
    }

    /** A component of plain Kubernetes objects only, as most are. */
    public static Component ofManifests(String name, Layer layer, Set<String> dependsOn, boolean providesStorage,
                                        List<HasMetadata> objects) {
        return new Component(name, layer, dependsOn, providesStorage, List.of(new Part.Manifests(objects)));
    }

    /** A component of Ceph objects, whose stateful ones (see {@link Part.Manifests#ofCeph}) are retained. */
    public static Component ofCeph(String name, Layer layer, Set<String> dependsOn, boolean providesStorage,
                                   List<HasMetadata> objects) {
        return new Component(name, layer, dependsOn, providesStorage, Part.Manifests.ofCeph(objects));
    }
}
