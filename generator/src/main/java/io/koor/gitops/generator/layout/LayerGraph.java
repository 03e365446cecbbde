package io.koor.gitops.generator.layout;

import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Layer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which layers must be ready before which, derived from what the components declare: a layer
 * waits for every layer holding a component one of its components depends on, and applications
 * wait for every layer that provides storage. Unknown dependencies and cycles are errors.
 */
public final class LayerGraph {
    private final Map<Layer, Set<Layer>> dependsOn;

    private LayerGraph(Map<Layer, Set<Layer>> dependsOn) {
        this.dependsOn = dependsOn;
    }

    public static LayerGraph of(String cluster, List<Component> components) {
        Map<String, Component> byName = components.stream()
                .collect(Collectors.toMap(Component::name, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("clusters[" + cluster + "]: two components are named " + a.name());
                }));
        Map<Layer, Set<Layer>> edges = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            edges.put(layer, EnumSet.noneOf(Layer.class));
        }
        for (Component component : components) {
            for (String needed : component.dependsOn()) {
                Component target = byName.get(needed);
                if (target == null) {
                    throw new IllegalStateException("clusters[" + cluster + "]: component " + component.name()
                            + " depends on " + needed + ", which the cluster does not have");
                }
                if (target.layer() != component.layer()) {
                    edges.get(component.layer()).add(target.layer());
                }
            }
            if (component.providesStorage() && component.layer() != Layer.APPS) {
                edges.get(Layer.APPS).add(component.layer());
            }
        }
        LayerGraph graph = new LayerGraph(edges);
        graph.requireAcyclic(cluster);
        return graph;
    }

    /** Layers this one waits for, in declaration order (which keeps the output stable). */
    public List<Layer> dependenciesOf(Layer layer) {
        return new ArrayList<>(dependsOn.get(layer));
    }

    private void requireAcyclic(String cluster) {
        for (Layer start : Layer.values()) {
            List<Layer> path = new ArrayList<>();
            if (reaches(start, start, path, EnumSet.noneOf(Layer.class))) {
                throw new IllegalStateException("clusters[" + cluster + "]: the layers depend on each other in a cycle: "
                        + start.kustomizationName() + " -> " + path.stream().map(Layer::kustomizationName)
                        .collect(Collectors.joining(" -> ")) + "; remove one of the components' dependencies");
            }
        }
    }

    private boolean reaches(Layer from, Layer goal, List<Layer> path, Set<Layer> seen) {
        for (Layer next : dependsOn.get(from)) {
            path.add(next);
            if (next == goal || (seen.add(next) && reaches(next, goal, path, seen))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
