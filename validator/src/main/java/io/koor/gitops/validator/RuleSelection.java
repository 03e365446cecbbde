package io.koor.gitops.validator;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.rules.Rule;
import io.koor.gitops.validator.rules.RuleSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which checks run, as kube-linter selects them: every check by default; {@code disable} drops
 * one, {@code schemaOnly} starts from the reading and schema checks alone (kube-linter's
 * "do not auto-add defaults"), and {@code enable} adds a semantic rule back. Both front ends build
 * it from their own spelling of the same three settings.
 *
 * @param enabled    rule ids run even under {@code schemaOnly}
 * @param disabled   rule ids never run and never reported
 * @param schemaOnly the semantic rules of {@link RuleSet} do not run unless enabled
 */
public record RuleSelection(Set<String> enabled, Set<String> disabled, boolean schemaOnly) {

    /** Every check: what {@code generate} and a plain {@code validate} run. */
    public static final RuleSelection ALL = new RuleSelection(Set.of(), Set.of(), false);

    private static final Set<String> SEMANTIC = RuleSet.all().stream().map(Rule::id)
            .collect(Collectors.toUnmodifiableSet());

    public RuleSelection {
        enabled = Set.copyOf(enabled);
        disabled = Set.copyOf(disabled);
    }

    /**
     * From the front ends' lists (each entry may hold several ids separated by commas, as Maven's
     * command line gives them). Unknown ids, and an id both enabled and disabled, are refused
     * with the close ids named.
     */
    public static RuleSelection of(List<String> enable, List<String> disable, boolean schemaOnly) {
        Set<String> enabled = ids("enable", enable);
        Set<String> disabled = ids("disable", disable);
        for (String id : enabled) {
            if (disabled.contains(id)) {
                throw new ConfigurationException("disable", id, "the rule is also enabled; give it to only one of"
                        + " enable and disable");
            }
        }
        return new RuleSelection(enabled, disabled, schemaOnly);
    }

    private static Set<String> ids(String setting, List<String> given) {
        Set<String> ids = new LinkedHashSet<>();
        for (String entry : given == null ? List.<String>of() : given) {
            for (String part : entry.split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (RuleCatalogue.find(id).isEmpty()) {
                    throw new ConfigurationException(setting, id, unknown(id));
                }
                ids.add(id);
            }
        }
        return ids;
    }

    /** What to say of an id the catalogue does not have: the closest ids, or where the list is. */
    static String unknown(String id) {
        List<String> close = RuleCatalogue.all().stream().map(RuleDescriptor::id)
                .filter(known -> distance(id.toLowerCase(Locale.ROOT), known) <= Math.max(2, id.length() / 3)
                        || known.contains(id.toLowerCase(Locale.ROOT)) && id.length() >= 3)
                .sorted(Comparator.comparingInt((String known) -> distance(id.toLowerCase(Locale.ROOT), known))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(5).toList();
        return "no check has this id; " + (close.isEmpty() ? "" : "did you mean " + String.join(", ", close) + "? ")
                + "./gitops rules lists every id";
    }

    /** Levenshtein distance: ids are short, the catalogue small. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Whether the check with this id runs and its findings are reported. */
    public boolean runs(String id) {
        if (disabled.contains(id)) {
            return false;
        }
        return !schemaOnly || !SEMANTIC.contains(id) || enabled.contains(id);
    }

    /** Whether any semantic rule runs, so that the cross-object index is worth building. */
    public boolean anySemantic() {
        return SEMANTIC.stream().anyMatch(this::runs);
    }
}
