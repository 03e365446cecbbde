package io.koor.gitops.hetzner;

import io.koor.gitops.model.cost.MonthlyCost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What provisioning would do, computed without touching anything: desired against existing (found
 * by this cluster's labels), as create, keep and delete actions with their reasons, deletions first
 * and in the order the API needs, then creations in dependency order; and the monthly cost.
 */
public record ProvisioningPlan(String cluster, List<Step> steps, MonthlyCost cost, boolean offline) {

    public enum Verb { CREATE, KEEP, DELETE }

    public record Step(Verb verb, ResourceKind kind, String name, String reason) {
        public ResourceRef ref() {
            return new ResourceRef(kind, name);
        }
    }

    public ProvisioningPlan {
        steps = List.copyOf(steps);
    }

    public static ProvisioningPlan compute(DesiredState desired, List<ExistingResource> existing, MonthlyCost cost,
                                           boolean offline) {
        String cluster = desired.cluster().name().value();
        Map<ResourceRef, ExistingResource> found = new HashMap<>();
        existing.stream().filter(e -> Labels.ownedBy(e.labels(), cluster)).forEach(e -> found.put(e.ref(), e));
        List<Step> deletes = new ArrayList<>();
        Set<ResourceRef> wanted = desired.resources().stream().map(DesiredResource::ref).collect(Collectors.toSet());
        for (ExistingResource e : found.values()) {
            if (!wanted.contains(e.ref())) {
                deletes.add(new Step(Verb.DELETE, e.kind(), e.name(), "no longer in the definition"));
            }
        }
        deletes.sort(Comparator.comparing((Step s) -> ResourceKind.DELETE_ORDER.indexOf(s.kind())).thenComparing(Step::name));
        List<Step> steps = new ArrayList<>(deletes);
        for (DesiredResource r : desired.resources()) {
            ExistingResource e = found.get(r.ref());
            if (e == null) {
                steps.add(new Step(Verb.CREATE, r.kind(), r.name(), offline ? "planned against an empty project (offline)"
                        : "not in the project"));
            } else {
                steps.add(new Step(Verb.KEEP, r.kind(), r.name(), keepReason(r, e)));
            }
        }
        return new ProvisioningPlan(cluster, steps, cost, offline);
    }

    /** A server found with another type is reported, never replaced. */
    private static String keepReason(DesiredResource r, ExistingResource e) {
        if (r instanceof DesiredResource.Server server && e.serverType().isPresent()
                && !e.serverType().get().equals(server.serverType().name())) {
            return "exists as " + e.serverType().get() + " but the definition says " + server.serverType().name()
                    + "; resize it by hand (the plan never deletes a server to change its type)";
        }
        return "exists with this cluster's labels";
    }

    public long count(Verb verb) {
        return steps.stream().filter(s -> s.verb() == verb).count();
    }

    public String text() {
        StringBuilder out = new StringBuilder("Plan for cluster " + cluster + (offline
                ? " (offline: no HCLOUD_TOKEN, so planned against an empty project and priced from the dated table)" : "")
                + ":\n");
        for (Step s : steps) {
            out.append(String.format(Locale.ROOT, "  %-6s %-15s %-32s %s%n", s.verb().name().toLowerCase(Locale.ROOT),
                    s.kind().label(), s.name(), s.reason()));
        }
        out.append(String.format(Locale.ROOT, "%d to create, %d to keep, %d to delete%n", count(Verb.CREATE),
                count(Verb.KEEP), count(Verb.DELETE)));
        out.append(String.format(Locale.ROOT, "Monthly cost: %.2f %s%s (net, prices dated %s: %s)%n", cost.total(),
                cost.prices().currency(), cost.unpriced().isEmpty() ? "" : " + " + cost.unpriced(), cost.prices().date(),
                cost.prices().source()));
        return out.toString();
    }
}
