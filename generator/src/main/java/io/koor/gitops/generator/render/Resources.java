package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;

/** Custom resources (Rook, Flux, Argo CD) as fabric8 generic objects: the spec is an ordered map. */
public final class Resources {
    private Resources() {
    }

    public static GenericKubernetesResource custom(String apiVersion, String kind, String name, String namespace,
                                                   Map<String, Object> spec) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .build();
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** A custom resource whose fields sit beside metadata (VolumeSnapshotClass), not under spec. */
    static GenericKubernetesResource customWithoutSpec(String apiVersion, String kind, String name, String namespace,
                                                       Map<String, Object> fields) {
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .build();
        fields.forEach(resource::setAdditionalProperty);
        return resource;
    }
}
