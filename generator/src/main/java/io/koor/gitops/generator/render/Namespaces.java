package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.koor.gitops.model.apps.VeleroBackups;
import io.koor.gitops.model.cluster.Cluster;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every Namespace the tree creates, with its Pod Security admission labels
 * ({@code pod-security.kubernetes.io/<mode>} and {@code <mode>-version}, Kubernetes docs
 * tasks/configure-pod-container/enforce-standards-namespace-labels). The level is a required
 * argument, so no renderer can create a namespace without choosing one. The versions are pinned
 * to the cluster's Kubernetes minor release, so an upgrade of Kubernetes does not tighten a policy
 * unreviewed.
 */
public final class Namespaces {
    static final String PREFIX = "pod-security.kubernetes.io/";

    private Namespaces() {
    }

    /**
     * A namespace enforcing {@code level}. Audit and warn name the same level, except under baseline,
     * where they name restricted, as the Kubernetes example does, so the gap to restricted shows in
     * warnings and the audit log without rejecting anything.
     */
    public static Namespace of(Cluster cluster, String name, PodSecurity level) {
        String version = "v" + cluster.kubernetesVersion().major() + "." + cluster.kubernetesVersion().minor();
        PodSecurity reported = level == PodSecurity.BASELINE ? PodSecurity.RESTRICTED : level;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PREFIX + "enforce", level.label());
        labels.put(PREFIX + "enforce-version", version);
        labels.put(PREFIX + "audit", reported.label());
        labels.put(PREFIX + "audit-version", version);
        labels.put(PREFIX + "warn", reported.label());
        labels.put(PREFIX + "warn-version", version);
        return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
    }

    /** As a part of its own, for components whose namespace is all they add besides a chart. */
    static Part.Manifests part(Cluster cluster, String name, PodSecurity level) {
        return new Part.Manifests(java.util.List.of(of(cluster, name, level)));
    }

    /**
     * The level of an application namespace (bucket claims, databases): restricted, but baseline for
     * Velero's, whose chart leaves the server's pod and container security contexts empty
     * (vmware-tanzu/helm-charts charts/velero/values.yaml at velero-11.2.0: podSecurityContext: {},
     * containerSecurityContext: {}), which restricted rejects; and baseline for a MariaDB's, whose pods
     * mariadb-operator builds (the Galera StatefulSet with its init container and agent, the exporter
     * Deployment, the backup Jobs) with security contexts that set no seccomp profile unless each of their
     * fields is given one (pkg/builder/securitycontext_builder.go at v25.10.3), which restricted requires.
     */
    static PodSecurity application(Cluster cluster, String name) {
        boolean velero = cluster.apps().velero().isPresent() && name.equals(VeleroBackups.NAMESPACE);
        boolean mariadb = cluster.apps().mariadbs().stream().anyMatch(db -> db.namespace().value().equals(name));
        return velero || mariadb ? PodSecurity.BASELINE : PodSecurity.RESTRICTED;
    }
}
