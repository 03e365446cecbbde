package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RBAC for the groups the definition names ({@link Access}): {@code platform-admin} may do anything;
 * {@code demo-guest} may get, list and watch the workloads, their storage and how they are reconciled,
 * and nothing else: no Secret (and so no key or password), no exec, attach or port-forward (those are
 * create on pods/exec and the like, never granted), no logs (they may hold what a Secret held), no write.
 * With sign-on through Dex the bindings name the groups as the API server sees them, behind its OIDC groups
 * prefix ({@link io.koor.gitops.model.access.SingleSignOn#PREFIX}).
 */
public final class AccessRenderer {
    public static final String COMPONENT = "access";
    static final String ADMIN_ROLE = "platform-admin";
    static final String GUEST_ROLE = "demo-guest";
    static final List<String> READ = List.of("get", "list", "watch");

    /** What a guest may look at, by API group; resource names are the plural, as RBAC matches them. */
    static final List<PolicyRule> GUEST_RULES = List.of(
            read("", "configmaps", "endpoints", "events", "limitranges", "namespaces", "nodes", "persistentvolumeclaims",
                    "persistentvolumes", "pods", "resourcequotas", "serviceaccounts", "services"),
            read("apps", "daemonsets", "deployments", "replicasets", "statefulsets"),
            read("batch", "cronjobs", "jobs"),
            read("autoscaling", "horizontalpodautoscalers"),
            read("policy", "poddisruptionbudgets"),
            read("networking.k8s.io", "ingressclasses", "ingresses", "networkpolicies"),
            read("storage.k8s.io", "csidrivers", "csinodes", "storageclasses", "volumeattachments"),
            read("snapshot.storage.k8s.io", "volumesnapshotclasses", "volumesnapshotcontents", "volumesnapshots"),
            read("ceph.rook.io", "cephblockpools", "cephclusters", "cephfilesystems", "cephfilesystemsubvolumegroups",
                    "cephobjectstores", "cephobjectstoreusers"),
            read("objectbucket.io", "objectbucketclaims", "objectbuckets"),
            read("monitoring.coreos.com", "alertmanagers", "podmonitors", "probes", "prometheuses", "prometheusrules",
                    "servicemonitors"));

    private AccessRenderer() {
    }

    /** The roles and their bindings, when the definition names any group; none otherwise. */
    public static List<Component> render(Cluster cluster) {
        Access access = cluster.access();
        if (access.isEmpty()) {
            return List.of();
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new ClusterRoleBuilder().withNewMetadata().withName(ADMIN_ROLE).endMetadata()
                .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build(),
                        new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build())
                .build());
        objects.add(new ClusterRoleBuilder().withNewMetadata().withName(GUEST_ROLE).endMetadata()
                .withRules(GUEST_RULES).build());
        if (!access.platformAdmins().isEmpty()) {
            objects.add(binding(ADMIN_ROLE, access.platformAdmins().stream().map(access::boundName).toList()));
        }
        if (!access.guests().isEmpty()) {
            objects.add(binding(GUEST_ROLE, access.guests().stream().map(access::boundName).toList()));
        }
        return List.of(Component.ofManifests(COMPONENT, Layer.CONFIGS, Set.of(), false, objects));
    }

    private static HasMetadata binding(String role, List<String> groups) {
        List<Subject> subjects = groups.stream().map(g -> new SubjectBuilder().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Group").withName(g).build()).toList();
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                .withSubjects(subjects).build();
    }

    private static PolicyRule read(String group, String... resources) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(READ).build();
    }
}
