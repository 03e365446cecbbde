package io.koor.gitops.generator.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one reconciler installs the parts that only a reconciler can: a chart, a remote manifest.
 * Each layout has one, so adding a kind of part fails to compile until every layout says how to
 * install it. Plain manifests read the same for every reconciler and are written as they are.
 */
interface ReconcilerObjects {
    /**
     * A chart's objects. {@code after} is the chart before it in the same component, which it must wait for
     * (Calico's CRDs before the operator whose Installation needs them): on an empty cluster and on each
     * upgrade, where a new CRD field must exist before the release that sets it.
     */
    List<HasMetadata> chart(Part.ChartInstall chart, Optional<Part.ChartInstall> after, int position);

    List<HasMetadata> remoteManifest(Part.RemoteManifest manifest);

    /** Marks an object its reconciler must never delete, even when it leaves the tree. */
    void retain(HasMetadata object);

    /** Adds an annotation, keeping those the object has (sorted, so files read the same every time). */
    static void annotate(HasMetadata object, String key, String value) {
        Map<String, String> annotations = new TreeMap<>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.put(key, value);
        object.getMetadata().setAnnotations(annotations);
    }

    /** The objects of a component's directory, part by part. */
    default List<HasMetadata> objects(Component component) {
        List<HasMetadata> objects = new ArrayList<>();
        Optional<Part.ChartInstall> previous = Optional.empty();
        int charts = 0;
        for (Part part : component.parts()) {
            if (part instanceof Part.Manifests manifests) {
                if (manifests.retained()) {
                    manifests.objects().forEach(this::retain);
                }
                objects.addAll(manifests.objects());
            } else if (part instanceof Part.ChartInstall chart) {
                objects.addAll(chart(chart, previous, charts++));
                previous = Optional.of(chart);
            } else if (part instanceof Part.RemoteManifest manifest) {
                objects.addAll(remoteManifest(manifest));
            } else {
                throw new IllegalStateException("unhandled part " + part);
            }
        }
        return distinct(component, objects);
    }

    /** Two charts of one repository (Calico's CRDs and operator) share its source: one copy of it. */
    private static List<HasMetadata> distinct(Component component, List<HasMetadata> objects) {
        Map<String, HasMetadata> byId = new LinkedHashMap<>();
        for (HasMetadata object : objects) {
            String id = object.getApiVersion() + "/" + object.getKind() + "/" + object.getMetadata().getNamespace()
                    + "/" + object.getMetadata().getName();
            HasMetadata earlier = byId.putIfAbsent(id, object);
            if (earlier != null && !earlier.equals(object)) {
                throw new IllegalStateException("component " + component.name() + " declares two different " + id);
            }
        }
        return new ArrayList<>(byId.values());
    }
}
