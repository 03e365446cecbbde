package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.load.SourceObject;
import java.util.List;
import java.util.Set;

/**
 * What the way into a cluster does to an object's namespace and name: kustomize's
 * {@code namespace}, {@code namePrefix} and {@code nameSuffix}, Flux's {@code targetNamespace}
 * (and its own prefix and suffix), the namespace of an Argo CD destination, which fills in
 * only objects that name none, and the fields kustomize {@code replacements} set.
 *
 * @param namespace set on every namespaced object (null: as written)
 * @param defaultNamespace set on namespaced objects that name none (null: none)
 * @param sets fields set on the objects they select, after namespace and name (innermost kustomization first)
 */
record Placement(String namespace, String defaultNamespace, String prefix, String suffix, List<FieldSet> sets) {
    static final Placement AS_WRITTEN = new Placement(null, null, "", "");

    /** A replacement's effect: {@code value} at {@code path} of the objects {@code select} picks. */
    record FieldSet(Replacements.Selector select, List<String> path, String value, boolean create) {
    }

    Placement(String namespace, String defaultNamespace, String prefix, String suffix) {
        this(namespace, defaultNamespace, prefix, suffix, List.of());
    }

    Placement {
        sets = List.copyOf(sets);
    }

    /** This placement with a kustomization's replacements applied after what it does already. */
    Placement setting(List<FieldSet> more) {
        List<FieldSet> all = new java.util.ArrayList<>(more);
        all.addAll(sets);
        return new Placement(namespace, defaultNamespace, prefix, suffix, all);
    }

    /** Kinds without a namespace: kustomize and Flux leave their namespace alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "StorageClass",
            "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "ValidatingWebhookConfiguration",
            "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService",
            "CSIDriver", "IngressClass", "RuntimeClass", "VolumeSnapshotClass", "VolumeAttributesClass", "GatewayClass",
            "ClusterIssuer", "ClusterSecretStore", "ClusterPolicy", "Node");

    static boolean clusterScoped(SourceObject o) {
        return CLUSTER_SCOPED.contains(o.kind());
    }

    /** kustomize's replacement filter: a missing field is made only with options.create; a non-mapping on the way stops it. */
    private static void set(ObjectNode object, FieldSet f) {
        ObjectNode at = object;
        for (int i = 0; i < f.path().size() - 1; i++) {
            JsonNode next = at.get(f.path().get(i));
            if (next == null) {
                if (!f.create()) {
                    return;
                }
                next = at.putObject(f.path().get(i));
            }
            if (!(next instanceof ObjectNode child)) {
                return;
            }
            at = child;
        }
        String last = f.path().get(f.path().size() - 1);
        if (at.has(last) || f.create()) {
            at.put(last, f.value());
        }
    }

    /** This placement around an inner kustomization: the outer namespace wins, prefixes nest. */
    Placement around(JsonNode kustomization) {
        String inner = kustomization.path("namespace").asText(null);
        return new Placement(namespace != null ? namespace : inner, defaultNamespace,
                prefix + kustomization.path("namePrefix").asText(""), kustomization.path("nameSuffix").asText("") + suffix, sets);
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
        String placedNs = ns;
        String placedName = name;
        List<FieldSet> applying = sets.stream().filter(f -> f.select().selects(o.kind(), o.apiVersion(), placedName, placedNs)).toList();
        if (ns.equals(o.namespace()) && name.equals(o.name()) && applying.isEmpty()) {
            return o;
        }
        ObjectNode copy = o.node().deepCopy();
        ObjectNode metadata = copy.path("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
        if (!ns.isEmpty()) {
            metadata.put("namespace", ns);
        }
        metadata.put("name", name);
        for (FieldSet f : applying) {
            set(copy, f);
        }
        return new SourceObject(o.file(), o.line(), copy);
    }
}
