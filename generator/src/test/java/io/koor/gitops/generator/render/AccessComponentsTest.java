package io.koor.gitops.generator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.koor.gitops.model.access.Access;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessComponentsTest {
    private static List<HasMetadata> objects(Access access) {
        Cluster cluster = Patterns.minimalProduction("p").access(access).build();
        return ClusterComponents.of(cluster).stream().filter(c -> c.name().equals(AccessRenderer.COMPONENT))
                .flatMap(c -> RenderersTest.objects(c).stream()).toList();
    }

    private static ClusterRole role(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o instanceof ClusterRole && o.getMetadata().getName().equals(name))
                .map(o -> (ClusterRole) o).findFirst().orElseThrow();
    }

    @Test
    void guestsMayLookButNotTouch() {
        ClusterRole guest = role(objects(Access.none().guests("demo-guests")), "demo-guest");
        assertThat(guest.getRules()).isNotEmpty();
        for (PolicyRule rule : guest.getRules()) {
            assertThat(rule.getVerbs()).as(rule.toString()).containsExactly("get", "list", "watch");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).as(rule.toString())
                    .doesNotContain("*", "secrets", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy",
                            "services/proxy", "nodes/proxy", "pods/log")
                    .allSatisfy(r -> assertThat(r).doesNotContain("*"));
        }
        // but they do see the workloads and the storage
        assertThat(guest.getRules().stream().flatMap(r -> r.getResources().stream()))
                .contains("pods", "deployments", "persistentvolumeclaims", "cephclusters", "cephblockpools");
    }

    @Test
    void groupsAreBoundToTheirRoles() {
        List<HasMetadata> objects = objects(Access.none().platformAdmins("platform-admins").guests("demo-guests")
                .guests("visitors"));
        ClusterRole admin = role(objects, "platform-admin");
        assertThat(admin.getRules()).extracting(PolicyRule::getVerbs).allSatisfy(v -> assertThat(v).containsExactly("*"));
        List<ClusterRoleBinding> bindings = objects.stream().filter(o -> o instanceof ClusterRoleBinding)
                .map(o -> (ClusterRoleBinding) o).toList();
        assertThat(bindings).extracting(b -> b.getRoleRef().getName()).containsExactly("platform-admin", "demo-guest");
        assertThat(bindings).allSatisfy(b -> {
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(b.getSubjects()).allSatisfy(s -> assertThat(s.getKind()).isEqualTo("Group"));
        });
        assertThat(bindings.get(1).getSubjects()).extracting(s -> s.getName()).containsExactly("demo-guests", "visitors");
        assertThat(Set.copyOf(bindings.get(0).getSubjects().stream().map(s -> s.getName()).toList()))
                .containsExactly("platform-admins");
    }

    @Test
    void noGroupsNoRbac() {
        assertThat(objects(Access.none())).isEmpty();
        // guests alone: both roles, one binding
        assertThat(objects(Access.none().guests("g"))).extracting(HasMetadata::getKind)
                .containsExactly("ClusterRole", "ClusterRole", "ClusterRoleBinding");
    }
}
