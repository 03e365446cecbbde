package io.koor.gitops.validator;

import io.koor.gitops.validator.external.KubeconformCheck;
import io.koor.gitops.validator.external.KustomizeBuildCheck;
import io.koor.gitops.validator.external.YamllintCheck;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.load.TreeLoader;
import io.koor.gitops.validator.rules.Rule;
import io.koor.gitops.validator.rules.RuleSet;
import io.koor.gitops.validator.schema.CelValidations;
import io.koor.gitops.validator.schema.SchemaValidator;
import io.koor.gitops.validator.suppress.Suppressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every check a report can name, once: reports, {@code ./gitops rules}, suppressions and the docs
 * all read this list. Reading and schema checks first, then the semantic rules, then the tools and
 * the repository's settings.
 */
public final class RuleCatalogue {
    private static final Map<String, RuleDescriptor> BY_ID = index(Stream.of(
            Stream.of(TreeLoader.YAML_INVALID, TreeLoader.NOT_A_MANIFEST, TreeLoader.RESOURCE_OUTSIDE_TREE,
                    TreeLoader.REMOTE_RESOURCE, SchemaValidator.SCHEMA, SchemaValidator.UNUSABLE,
                    SchemaValidator.MISSING, CelValidations.CEL),
            RuleSet.all().stream().map(Rule::descriptor),
            Stream.of(KustomizeBuildCheck.BUILD_FAILED, KubeconformCheck.KUBECONFORM, YamllintCheck.YAMLLINT,
                    Suppressions.CONFIG_INVALID, Suppressions.NO_REASON)).flatMap(s -> s).toList());

    private RuleCatalogue() {
    }

    private static Map<String, RuleDescriptor> index(List<RuleDescriptor> all) {
        Map<String, RuleDescriptor> byId = new LinkedHashMap<>();
        for (RuleDescriptor d : all) {
            if (byId.put(d.id(), d) != null) {
                throw new IllegalStateException("two checks share the id " + d.id());
            }
        }
        return java.util.Collections.unmodifiableMap(byId);
    }

    /** In catalogue order. */
    public static List<RuleDescriptor> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<RuleDescriptor> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static Map<String, RuleDescriptor> byId() {
        return BY_ID;
    }
}
