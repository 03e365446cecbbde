package io.koor.gitops.validator.rules.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.rules.ArgoApplications;
import io.koor.gitops.validator.rules.TreeIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order in which one cluster gets its steps on an empty cluster. A step is what one Flux
 * Kustomization or Argo CD Application applies (or the cluster's entry files, which bootstrap
 * applies first). Step X comes before step Y when Y waits for X:
 * <ul>
 *   <li>Flux: Y {@code dependsOn} X, directly or through other Kustomizations, or through the
 *       Kustomization that creates Y (kustomize-controller starts a dependant only when its
 *       dependencies are Ready; with {@code wait: true} Ready means every applied object is healthy,
 *       a HelmRelease included, i.e. its chart installed).</li>
 *   <li>Argo CD: X is an earlier sync wave than Y (or than an Application on Y's way up) among the
 *       Applications one parent Application applies. Argo CD waits for a wave to be healthy before the
 *       next, but assesses an Application's health only when argocd-cm restores the
 *       argoproj.io_Application health check (removed in Argo CD 1.8: argo-cd.readthedocs.io
 *       operator-manual/health, "Argocd App"); without it, waves order the Applications' creation
 *       only, not their contents.</li>
 *   <li>Both: the step that creates Y's Kustomization or Application is applied before Y is, but
 *       nothing waits for what it installs through charts.</li>
 * </ul>
 * Within one step, Flux applies CRDs, Namespaces and ClusterRoles first, then kinds ending in
 * {@code Class}, then the rest, waiting for each stage (fluxcd/pkg@e2cfd1a2 ssa/manager_apply.go
 * ApplyAllStaged, ssa/utils/is.go, as kustomize-controller@186fb3b2 calls it); Argo CD orders a sync
 * by wave and then by kind, Namespaces and CRDs first.
 */
final class ApplyOrder {

    /** Where a provider's step stands from a user's step. */
    enum Relation {
        /** the same step */
        SAME,
        /** finished (Ready) before the user's step starts */
        READY_BEFORE,
        /** applied before the user's step starts, but nothing waits for it to be ready */
        APPLIED_BEFORE,
        /** only after the user's step, which waits for it: never, as long as the user's step fails */
        AFTER,
        /** the tree says nothing about which comes first */
        UNORDERED
    }

    static final String ARGO_WAVE = "argocd.argoproj.io/sync-wave";

    private final String cluster;
    private final TreeIndex view;
    private final boolean argoApplicationHealth;
    private final Map<String, SourceObject> appliers = new HashMap<>();
    private final Map<String, String> creator = new HashMap<>();
    private final Map<String, Set<String>> dependsOn = new HashMap<>();
    private final Map<String, Set<String>> readyBefore = new HashMap<>();
    private final Map<String, Set<String>> appliedBefore = new HashMap<>();

    /** @param argoApplicationHealth whether Argo CD assesses Applications' health, so that their waves order contents */
    ApplyOrder(TreeIndex view, boolean argoApplicationHealth) {
        this.view = view;
        this.cluster = view.clusters().isEmpty() ? "" : view.clusters().get(0);
        this.argoApplicationHealth = argoApplicationHealth;
        Set<String> steps = view.applyGraph().getOrDefault(cluster, Map.of()).keySet();
        for (SourceObject o : view.objects()) {
            String id = stepIdOf(o);
            if (id != null && steps.contains(id)) {
                appliers.putIfAbsent(id, o);
            }
        }
        appliers.forEach((id, o) -> {
            view.appliersOf(cluster, o.file()).stream().filter(c -> !c.equals(id)).findFirst()
                    .ifPresent(c -> creator.put(id, c));
            Set<String> deps = new HashSet<>();
            if (!ArgoApplications.is(o)) {
                for (JsonNode dep : o.spec().path("dependsOn")) {
                    String ns = dep.path("namespace").asText(o.namespace().isEmpty() ? "flux-system" : o.namespace());
                    deps.add(ns + "/" + dep.path("name").asText());
                }
            }
            deps.retainAll(steps);
            dependsOn.put(id, deps);
        });
        // Every answer computed here, once, in a fixed order: the rules then read the maps from
        // several threads without locks, and a dependsOn cycle (reported by its own rule) always
        // resolves the same way.
        Set<String> all = new TreeSet<>(steps);
        all.addAll(appliers.keySet());
        all.add(TreeIndex.ENTRY);
        for (String step : all) {
            appliedBefore(step);
        }
    }

    /** The step id an applier object stands for, or null when it is no applier. */
    static String stepIdOf(SourceObject o) {
        if (ArgoApplications.is(o)) {
            return TreeIndex.ARGO_APPLIER + o.namespace() + "/" + o.name();
        }
        if (o.kind().equals("Kustomization") && o.group().equals(TreeIndex.FLUX_KUSTOMIZE_GROUP)) {
            return TreeIndex.fluxId(o);
        }
        return null;
    }

    String cluster() {
        return cluster;
    }

    /** The step that applies the object's file (the cluster's entry files when nothing else does). */
    String stepOf(SourceObject o) {
        List<String> steps = view.appliersOf(cluster, o.file());
        return steps.isEmpty() ? TreeIndex.ENTRY : steps.get(0);
    }

    /** The Kustomization or Application of a step, or null for the entry files. */
    SourceObject applier(String step) {
        return appliers.get(step);
    }

    boolean isArgo(String step) {
        return step.startsWith(TreeIndex.ARGO_APPLIER);
    }

    /**
     * Whether a step's Ready means its HelmReleases are installed: Flux's {@code wait: true}, or a
     * health check naming HelmReleases; an Argo CD step renders its charts itself.
     */
    boolean waitsForCharts(String step) {
        SourceObject k = appliers.get(step);
        if (k == null || isArgo(step)) {
            return k != null;
        }
        if (k.spec().path("wait").asBoolean(false)) {
            return true;
        }
        for (JsonNode check : k.spec().path("healthChecks")) {
            if (check.path("kind").asText().equals("HelmRelease")) {
                return true;
            }
        }
        return false;
    }

    /** Where the provider's step stands from the user's step (a step this order does not know has nothing before it). */
    Relation relation(String provider, String user) {
        if (provider.equals(user)) {
            return Relation.SAME;
        }
        if (readyBefore.getOrDefault(user, Set.of()).contains(provider)) {
            return Relation.READY_BEFORE;
        }
        if (appliedBefore.getOrDefault(user, Set.of()).contains(provider)) {
            return Relation.APPLIED_BEFORE;
        }
        if (appliedBefore.getOrDefault(provider, Set.of()).contains(user)) {
            return Relation.AFTER;
        }
        return Relation.UNORDERED;
    }

    /** Steps that are Ready before the step starts; memoised while the constructor fills the maps. */
    private Set<String> readyBefore(String step) {
        Set<String> known = readyBefore.get(step);
        if (known != null) {
            return known;
        }
        readyBefore.put(step, Set.of()); // a dependsOn cycle (its own finding) must not loop here
        Set<String> out = new HashSet<>();
        for (String dep : dependsOn.getOrDefault(step, Set.of())) {
            out.add(dep);
            out.addAll(readyBefore(dep));
            out.addAll(descendants(dep));
        }
        String parent = creator.get(step);
        if (parent != null) {
            out.addAll(readyBefore(parent));
            if (isArgo(step) && argoApplicationHealth) {
                int wave = wave(appliers.get(step));
                for (Map.Entry<String, String> sibling : creator.entrySet()) {
                    if (sibling.getValue().equals(parent) && wave(appliers.get(sibling.getKey())) < wave) {
                        out.add(sibling.getKey());
                        out.addAll(descendants(sibling.getKey()));
                    }
                }
            }
        }
        readyBefore.put(step, out);
        return out;
    }

    /** Steps that are applied (not necessarily Ready) before the step starts; memoised likewise. */
    private Set<String> appliedBefore(String step) {
        Set<String> known = appliedBefore.get(step);
        if (known != null) {
            return known;
        }
        appliedBefore.put(step, Set.of());
        Set<String> out = new HashSet<>(readyBefore(step));
        readyBefore(step).forEach(ready -> out.addAll(created(ready)));
        String parent = creator.get(step);
        if (parent != null) {
            out.add(parent);
            out.addAll(appliedBefore(parent));
        }
        if (!step.equals(TreeIndex.ENTRY) && appliers.containsKey(step)) {
            out.add(TreeIndex.ENTRY);
        }
        out.remove(step);
        appliedBefore.put(step, out);
        return out;
    }

    /**
     * The steps a step creates that are Ready when it is: none for Flux (a Kustomization that is
     * Ready has applied its children's Kustomizations, not waited for them), all of them for Argo CD
     * when it assesses Applications' health.
     */
    private Set<String> descendants(String step) {
        return isArgo(step) && argoApplicationHealth ? created(step) : Set.of();
    }

    /** The steps a step creates, directly or through others. */
    private Set<String> created(String step) {
        Set<String> out = new HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(step));
        while (!todo.isEmpty()) {
            String s = todo.pop();
            creator.forEach((child, parent) -> {
                if (parent.equals(s) && out.add(child)) {
                    todo.push(child);
                }
            });
        }
        return out;
    }

    /** An object's Argo CD sync wave (0 when none, or unreadable). */
    static int wave(SourceObject o) {
        if (o == null) {
            return 0;
        }
        String w = o.annotation(ARGO_WAVE);
        try {
            return w == null ? 0 : Integer.parseInt(w.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
