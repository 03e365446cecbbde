package io.koor.gitops.generator.layout;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.generator.render.Component;
import io.koor.gitops.generator.render.Layer;
import io.koor.gitops.generator.render.Part;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Flux health checks for Rook's custom resources. kstatus judges them by observedGeneration, which
 * Rook sets before the daemons run, so {@code wait: true} alone lets applications start before the
 * object store exists. Rook reports readiness in {@code status.phase} instead: {@code Ready}, or
 * {@code Failure} (ConditionType in pkg/apis/ceph.rook.io/v1/types.go).
 */
final class CephHealthChecks {
    /** The Rook kinds a layer waits for, in the order their checks are written. */
    private static final List<String> KINDS = List.of("CephCluster", "CephBlockPool", "CephFilesystem", "CephObjectStore");

    private CephHealthChecks() {
    }

    /** {@code spec.healthCheckExprs} for the Rook objects of a layer, or null when it has none. */
    static List<Map<String, Object>> of(List<Component> components, Layer layer) {
        Set<String> kinds = components.stream()
                .filter(c -> c.layer() == layer)
                .flatMap(c -> c.parts().stream())
                .filter(p -> p instanceof Part.Manifests)
                .flatMap(p -> ((Part.Manifests) p).objects().stream())
                .filter(o -> o.getApiVersion().equals("ceph.rook.io/v1"))
                .map(o -> o.getKind())
                .collect(Collectors.toSet());
        List<Map<String, Object>> checks = KINDS.stream().filter(kinds::contains).map(kind -> map(
                "apiVersion", "ceph.rook.io/v1",
                "kind", kind,
                "failed", "status.phase == 'Failure'",
                "current", "status.phase == 'Ready'")).toList();
        return checks.isEmpty() ? null : checks;
    }
}
