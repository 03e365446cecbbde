package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.cost.MonthlyCost;
import io.koor.gitops.model.cost.PriceTable;
import io.koor.gitops.model.presets.Patterns;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan is a pure function of the definition and what exists. */
class ProvisioningPlanTest {
    private final Cluster demo = Patterns.minimalProduction("demo").build();
    private final DesiredState desired = DesiredState.of(demo, "ops");

    private ProvisioningPlan plan(List<ExistingResource> existing) {
        return ProvisioningPlan.compute(desired, existing, MonthlyCost.of(demo, PriceTable.snapshot2026()), existing.isEmpty());
    }

    @Test
    void anEmptyProjectGetsEverythingInDependencyOrder() {
        ProvisioningPlan plan = plan(List.of());
        assertThat(plan.steps()).allMatch(s -> s.verb() == ProvisioningPlan.Verb.CREATE);
        assertThat(plan.steps()).extracting(s -> s.kind() + " " + s.name()).containsExactly(
                "SSH_KEY demo-admin", "NETWORK demo-network", "FIREWALL demo-firewall",
                "PLACEMENT_GROUP demo-storage-1",
                "SERVER demo-control-plane-1", "SERVER demo-storage-1", "SERVER demo-storage-2", "SERVER demo-storage-3",
                "SERVER demo-storage-4", "SERVER demo-worker-1", "SERVER demo-worker-2",
                "VOLUME demo-storage-1-osd-1", "VOLUME demo-storage-1-osd-2", "VOLUME demo-storage-2-osd-1",
                "VOLUME demo-storage-2-osd-2", "VOLUME demo-storage-3-osd-1", "VOLUME demo-storage-3-osd-2",
                "VOLUME demo-storage-4-osd-1", "VOLUME demo-storage-4-osd-2");
        assertThat(plan.text()).contains("offline: no HCLOUD_TOKEN", "19 to create, 0 to keep, 0 to delete",
                "Monthly cost: 138.53 EUR");
    }

    @Test
    void everyServerIsLabelledAndAddressedAndVolumesAreRaw() {
        DesiredResource.Server storage1 = desired.ofType(DesiredResource.Server.class).get(1);
        assertThat(storage1.labels()).containsEntry("koor.io/cluster", "demo").containsEntry("koor.io/role", "storage")
                .containsEntry("koor.io/owner", "ops").containsEntry("koor.io/managed-by", "demo-gitops");
        assertThat(storage1.privateIp()).isEqualTo("10.0.0.3");
        assertThat(storage1.placementGroup()).contains(new ResourceRef(ResourceKind.PLACEMENT_GROUP, "demo-storage-1"));
        assertThat(desired.controlPlaneEndpoint()).isEqualTo("10.0.0.2");
        assertThat(desired.ofType(DesiredResource.Volume.class)).allSatisfy(v -> assertThat(v.sizeGb()).isEqualTo(100));
        assertThat(desired.network().subnet()).hasToString("10.0.0.0/24");
        assertThat(desired.network().networkZone()).isEqualTo("eu-central");
    }

    @Test
    void spreadGroupsHoldAtMostTenServers() {
        DesiredState big = DesiredState.of(Patterns.minimalProduction("big").storageNodes(23, "cx43", 2, 100).build(), "ops");
        assertThat(big.ofType(DesiredResource.PlacementGroup.class)).extracting(DesiredResource::name)
                .containsExactly("big-storage-1", "big-storage-2", "big-storage-3");
        assertThat(big.ofType(DesiredResource.Server.class).stream()
                .filter(s -> s.placementGroup().map(ResourceRef::name).equals(Optional.of("big-storage-3"))))
                .hasSize(3);
        DesiredState ha = DesiredState.of(Patterns.highlyAvailable("ha").build(), "ops");
        assertThat(ha.ofType(DesiredResource.PlacementGroup.class)).extracting(DesiredResource::name)
                .containsExactly("ha-control-plane-1", "ha-storage-1");
    }

    @Test
    void existingResourcesAreKeptAndStrayOnesDeletedFirst() {
        Map<String, String> ours = Labels.of("demo", "ops", "worker");
        List<ExistingResource> existing = List.of(
                new ExistingResource(ResourceKind.SERVER, 1, "demo-worker-1", ours, Optional.of("cx33")),
                new ExistingResource(ResourceKind.SERVER, 2, "demo-worker-2", ours, Optional.of("cx23")),
                new ExistingResource(ResourceKind.SERVER, 3, "demo-worker-3", ours, Optional.of("cx33")),
                new ExistingResource(ResourceKind.VOLUME, 4, "demo-worker-3-extra", ours, Optional.empty()),
                new ExistingResource(ResourceKind.SERVER, 5, "someone-else", Map.of("team", "web"), Optional.empty()));
        ProvisioningPlan plan = plan(existing);
        assertThat(plan.steps().subList(0, 2)).extracting(s -> s.verb() + " " + s.name())
                .containsExactly("DELETE demo-worker-3", "DELETE demo-worker-3-extra");
        assertThat(plan.steps()).filteredOn(s -> s.name().equals("demo-worker-1")).singleElement()
                .satisfies(s -> assertThat(s.verb()).isEqualTo(ProvisioningPlan.Verb.KEEP));
        assertThat(plan.steps()).filteredOn(s -> s.name().equals("demo-worker-2")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("exists as cx23 but the definition says cx33"));
        assertThat(plan.steps()).noneMatch(s -> s.name().equals("someone-else"));
    }
}
