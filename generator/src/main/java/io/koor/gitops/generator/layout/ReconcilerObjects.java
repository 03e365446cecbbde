package io.koor.gitops.generator.layout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * How one reconciler installs the parts that only a reconciler can: a chart, a remote manifest.
 * Each layout has one, so adding a kind of part fails to compile until every layout says how to
 * install it. Plain manifests read the same for every reconciler and are written as they are.
 */
interface ReconcilerObjects {
    List<HasMetadata> chart(Part.ChartInstall chart);

    List<HasMetadata> remoteManifest(Part.RemoteManifest manifest);

    /** The objects of a component's directory, part by part. */
    default List<HasMetadata> objects(Component component) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Part part : component.parts()) {
            if (part instanceof Part.Manifests manifests) {
                objects.addAll(manifests.objects());
            } else if (part instanceof Part.ChartInstall chart) {
                objects.addAll(chart(chart));
            } else if (part instanceof Part.RemoteManifest manifest) {
                objects.addAll(remoteManifest(manifest));
            } else {
                throw new IllegalStateException("unhandled part " + part);
            }
        }
        return objects;
    }
}
