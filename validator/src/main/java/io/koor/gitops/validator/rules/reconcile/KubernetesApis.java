package io.koor.gitops.validator.rules.reconcile;

import java.util.Map;
import java.util.Set;

/**
 * The groups and kinds a Kubernetes API server serves by itself, with no CRD, per minor release
 * (1.31 and later): the GA and on-by-default beta APIs of the Kubernetes API reference
 * (https://kubernetes.io/docs/reference/kubernetes-api/, as {@code kubectl api-resources} lists them
 * on a kubeadm cluster). Alpha and off-by-default beta APIs are left out: an empty cluster does not
 * serve them. Which versions of a group are served is {@code kubernetes-api-removed}'s concern; this
 * table says whether a kind is there at all, and whether it is cluster-scoped.
 */
final class KubernetesApis {

    /** A built-in kind: its group, whether it has no namespace, and the first minor serving it. */
    private record Kind(String group, boolean clusterScoped, int sinceMinor) {
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            core("Binding", false), core("ComponentStatus", true), core("ConfigMap", false), core("Endpoints", false),
            core("Event", false), core("LimitRange", false), core("Namespace", true), core("Node", true),
            core("PersistentVolumeClaim", false), core("PersistentVolume", true), core("Pod", false),
            core("PodTemplate", false), core("ReplicationController", false), core("ResourceQuota", false),
            core("Secret", false), core("ServiceAccount", false), core("Service", false),
            kind("admissionregistration.k8s.io", "MutatingWebhookConfiguration", true, 0),
            kind("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", true, 0),
            kind("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", true, 0),
            kind("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", true, 0),
            // v1 since 1.36 (KEP-3962 kep.yaml: beta v1.34, stable v1.36); the beta API is off by default
            kind("admissionregistration.k8s.io", "MutatingAdmissionPolicy", true, 36),
            kind("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding", true, 36),
            kind("apiextensions.k8s.io", "CustomResourceDefinition", true, 0),
            kind("apiregistration.k8s.io", "APIService", true, 0),
            kind("apps", "ControllerRevision", false, 0), kind("apps", "DaemonSet", false, 0),
            kind("apps", "Deployment", false, 0), kind("apps", "ReplicaSet", false, 0),
            kind("apps", "StatefulSet", false, 0),
            kind("authentication.k8s.io", "TokenReview", true, 0),
            kind("authentication.k8s.io", "SelfSubjectReview", true, 0),
            kind("authorization.k8s.io", "LocalSubjectAccessReview", false, 0),
            kind("authorization.k8s.io", "SelfSubjectAccessReview", true, 0),
            kind("authorization.k8s.io", "SelfSubjectRulesReview", true, 0),
            kind("authorization.k8s.io", "SubjectAccessReview", true, 0),
            kind("autoscaling", "HorizontalPodAutoscaler", false, 0),
            kind("batch", "CronJob", false, 0), kind("batch", "Job", false, 0),
            kind("certificates.k8s.io", "CertificateSigningRequest", true, 0),
            kind("coordination.k8s.io", "Lease", false, 0),
            kind("discovery.k8s.io", "EndpointSlice", false, 0),
            // events.k8s.io serves the kind Event too; the table is keyed by kind, so it is looked up by group below
            kind("flowcontrol.apiserver.k8s.io", "FlowSchema", true, 0),
            kind("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", true, 0),
            kind("networking.k8s.io", "Ingress", false, 0), kind("networking.k8s.io", "IngressClass", true, 0),
            kind("networking.k8s.io", "NetworkPolicy", false, 0),
            kind("networking.k8s.io", "IPAddress", true, 33), kind("networking.k8s.io", "ServiceCIDR", true, 33),
            kind("node.k8s.io", "RuntimeClass", true, 0),
            kind("policy", "PodDisruptionBudget", false, 0),
            kind("rbac.authorization.k8s.io", "ClusterRole", true, 0),
            kind("rbac.authorization.k8s.io", "ClusterRoleBinding", true, 0),
            kind("rbac.authorization.k8s.io", "Role", false, 0),
            kind("rbac.authorization.k8s.io", "RoleBinding", false, 0),
            kind("scheduling.k8s.io", "PriorityClass", true, 0),
            kind("storage.k8s.io", "CSIDriver", true, 0), kind("storage.k8s.io", "CSINode", true, 0),
            kind("storage.k8s.io", "CSIStorageCapacity", false, 0), kind("storage.k8s.io", "StorageClass", true, 0),
            kind("storage.k8s.io", "VolumeAttachment", true, 0),
            kind("storage.k8s.io", "VolumeAttributesClass", true, 34),
            kind("resource.k8s.io", "DeviceClass", true, 34), kind("resource.k8s.io", "ResourceClaim", false, 34),
            kind("resource.k8s.io", "ResourceClaimTemplate", false, 34), kind("resource.k8s.io", "ResourceSlice", true, 34));

    /** Groups whose kinds share a name with another group's (the table above is keyed by kind). */
    private static final Map<String, Set<String>> ALSO = Map.of("events.k8s.io", Set.of("Event"));

    private KubernetesApis() {
    }

    private static Map.Entry<String, Kind> core(String kind, boolean clusterScoped) {
        return kind("", kind, clusterScoped, 0);
    }

    private static Map.Entry<String, Kind> kind(String group, String kind, boolean clusterScoped, int sinceMinor) {
        return Map.entry(kind, new Kind(group, clusterScoped, sinceMinor));
    }

    /** Whether Kubernetes 1.{@code minor} serves the kind in the group by itself. */
    static boolean serves(String group, String kind, int minor) {
        Kind k = KINDS.get(kind);
        if (k != null && k.group().equals(group)) {
            return minor >= k.sinceMinor();
        }
        return ALSO.getOrDefault(group, Set.of()).contains(kind);
    }

    /** Whether the group is one of Kubernetes' own (no CRD can serve a kind in it that Kubernetes does not). */
    static boolean isBuiltInGroup(String group) {
        return group.isEmpty() || ALSO.containsKey(group) || KINDS.values().stream().anyMatch(k -> k.group().equals(group));
    }

    /** Whether a built-in kind has no namespace; false for kinds this table does not know. */
    static boolean clusterScoped(String group, String kind) {
        Kind k = KINDS.get(kind);
        return k != null && k.group().equals(group) && k.clusterScoped();
    }
}
