package io.koor.gitops.hetzner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.presets.Patterns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** References between desired resources, and their ids once found or created. */
class ResourceRefTest {
    private static final ResourceRef WORKER = new ResourceRef(ResourceKind.SERVER, "demo-worker-1");

    @Test
    void aReferenceResolvesToItsIdAndSaysWhichOneIsMissing() {
        assertThat(WORKER.idIn(Map.of(WORKER, 42L, new ResourceRef(ResourceKind.VOLUME, "demo-worker-1"), 7L))).isEqualTo(42);
        assertThatThrownBy(() -> WORKER.idIn(Map.of(new ResourceRef(ResourceKind.VOLUME, "demo-worker-1"), 7L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no id for the server demo-worker-1");
    }

    static Stream<Cluster> clusters() {
        return Stream.of(Patterns.minimalProduction("demo").build(), Patterns.highlyAvailable("ha").build(),
                Patterns.singleNodeExperiment("lab").build(),
                Patterns.minimalProduction("big").storageNodes(23, "cx43", 2, 100).build());
    }

    /** Creation goes kind by kind in {@link ResourceKind} order, so what is referred to must be created earlier. */
    @ParameterizedTest
    @MethodSource("clusters")
    void everyReferenceResolvesToAResourceCreatedBeforeIt(Cluster cluster) {
        DesiredState desired = DesiredState.of(cluster, "ops");
        record Reference(ResourceRef from, ResourceRef to) {
        }
        List<Reference> references = new ArrayList<>();
        desired.ofType(DesiredResource.Volume.class).forEach(v -> references.add(new Reference(v.ref(), v.server())));
        desired.ofType(DesiredResource.Server.class).forEach(s -> s.placementGroup()
                .ifPresent(g -> references.add(new Reference(s.ref(), g))));
        assertThat(references).isNotEmpty();
        for (Reference reference : references) {
            DesiredResource target = desired.resolve(reference.to()).orElseThrow(() -> new AssertionError(
                    reference.from() + " refers to the missing " + reference.to()));
            assertThat(target.ref()).isEqualTo(reference.to());
            assertThat(target.kind().ordinal()).as(reference.toString()).isLessThan(reference.from().kind().ordinal());
        }
        assertThat(desired.resolve(new ResourceRef(ResourceKind.SERVER, "no-such-node"))).isEmpty();
    }
}
