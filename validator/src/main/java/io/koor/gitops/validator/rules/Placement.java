package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.load.SourceObject;
import java.util.Set;

/**
 * What the way into a cluster does to an object's namespace and name: kustomize's
 * {@code namespace}, {@code namePrefix} and {@code nameSuffix}, Flux's {@code targetNamespace}
 * (and its own prefix and suffix), and the namespace of an Argo CD destination, which fills in
 * only objects that name none.
 *
 * @param namespace set on every namespaced object (null: as written)
 * @param defaultNamespace set on namespaced objects that name none (null: none)
 */
record Placement(String namespace, String defaultNamespace, String prefix, String suffix) {
    static final Placement AS_WRITTEN = new Placement(null, null, "", "");

    /** Kinds without a namespace: kustomize and Flux leave their namespace alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "StorageClass",
            "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService",
            "CSIDriver", "IngressClass", "RuntimeClass", "VolumeSnapshotClass", "VolumeAttributesClass", "GatewayClass",
            "ClusterIssuer", "ClusterSecretStore", "ClusterPolicy", "Node");

    static boolean clusterScoped(SourceObject o) {
        return CLUSTER_SCOPED.contains(o.kind());
    }

    /** This placement around an inner kustomization: the outer namespace wins, prefixes nest. */
    Placement around(JsonNode kustomization) {
        String inner = kustomization.path("namespace").asText(null);
        return new Placement(namespace != null ? namespace : inner, defaultNamespace,
                prefix + kustomization.path("namePrefix").asText(""), kustomization.path("nameSuffix").asText("") + suffix);
    }

    /** The object as the cluster gets it; the same object when nothing changes. */
    SourceObject place(SourceObject o) {
        String ns = o.namespace();
        if (!clusterScoped(o)) {
            if (namespace != null && !namespace.isEmpty()) {
                ns = namespace;
            } else if (ns.isEmpty() && defaultNamespace != null) {
                ns = defaultNamespace;
            }
        }
        // kustomize's namespace transformer names a Namespace object after the namespace it sets; prefixes leave
        // Namespaces and CRDs alone; an object named by generateName has no name yet
        boolean renamed = !o.name().isEmpty() && !o.kind().equals("Namespace") && !o.kind().equals("CustomResourceDefinition");
        String name = renamed ? prefix + o.name() + suffix : o.name();
        if (o.kind().equals("Namespace") && namespace != null && !namespace.isEmpty()) {
            name = namespace;
        }
        if (ns.equals(o.namespace()) && name.equals(o.name())) {
            return o;
        }
        ObjectNode copy = o.node().deepCopy();
        ObjectNode metadata = copy.path("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        if (!ns.isEmpty()) {
            metadata.put("namespace", ns);
        }
        metadata.put("name", name);
        return new SourceObject(o.file(), o.line(), copy);
    }
}
