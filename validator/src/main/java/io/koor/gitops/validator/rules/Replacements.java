package io.koor.gitops.validator.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kustomization's {@code replacements} (kustomize api/filters/replacement), for the plain ones home-lab
 * trees use: copy one field of the one object a source selects into fields of the objects its targets select,
 * such as every Flux Kustomization's {@code spec.targetNamespace} from the build's Namespace. What this does not
 * evaluate is left as written: a source that selects no object or several, field paths with list indexes or
 * wildcards, {@code reject}, {@code delimiter} and {@code index} options, targets on metadata.name or namespace.
 */
final class Replacements {
    /** Which objects a source or target selects: kind, group, version, name and namespace, when given. */
    record Selector(String kind, String group, String version, String name, String namespace) {
        static Optional<Selector> of(JsonNode select) {
            for (var names = select.fieldNames(); names.hasNext();) {
                // a source carries its fieldPath beside the selection
                if (!List.of("kind", "group", "version", "name", "namespace", "fieldPath").contains(names.next())) {
                    return Optional.empty(); // labelSelector, annotationSelector: not evaluated
                }
            }
            return Optional.of(new Selector(text(select, "kind"), text(select, "group"), text(select, "version"),
                    text(select, "name"), text(select, "namespace")));
        }

        boolean selects(SourceObject o) {
            return selects(o.kind(), o.apiVersion(), o.name(), o.namespace());
        }

        boolean selects(String k, String apiVersion, String n, String ns) {
            int slash = apiVersion.indexOf('/');
            String g = slash < 0 ? "" : apiVersion.substring(0, slash);
            String v = apiVersion.substring(slash + 1);
            return (kind == null || kind.equals(k)) && (group == null || group.equals(g)) && (version == null || version.equals(v))
                    && (name == null || name.equals(n)) && (namespace == null || namespace.equals(ns));
        }
    }

    private record Target(Selector select, List<List<String>> fieldPaths, boolean create) {
    }

    /** From the one object {@code source} selects at {@code fieldPath}, or {@code sourceValue} as written. */
    private record Replacement(Selector source, List<String> fieldPath, String sourceValue, List<Target> targets) {
    }

    private final List<Replacement> replacements;

    private Replacements(List<Replacement> replacements) {
        this.replacements = replacements;
    }

    /** The replacements of {@code k}, inline and from the files its {@code path} entries name. */
    static Replacements of(KustomizationFile k, LoadedTree tree) {
        List<Replacement> out = new ArrayList<>();
        for (JsonNode entry : k.node().path("replacements")) {
            if (entry.has("path")) {
                Optional<String> file = k.local(entry.path("path").asText());
                file.flatMap(f -> tree.source().text(f)).ifPresent(text -> {
                    try {
                        for (YamlDocuments.Document doc : YamlDocuments.read(text)) {
                            if (doc.node().isArray()) {
                                doc.node().forEach(r -> parse(r).ifPresent(out::add));
                            } else {
                                parse(doc.node()).ifPresent(out::add);
                            }
                        }
                    } catch (YamlDocuments.YamlProblem e) {
                        // kustomize fails the build on it; the loader does not read the file, and nothing is replaced
                    }
                });
            } else {
                parse(entry).ifPresent(out::add);
            }
        }
        return new Replacements(out);
    }

    boolean isEmpty() {
        return replacements.isEmpty();
    }

    /** What the replacements set, given the objects of the kustomization's build as its own transformers left them. */
    List<Placement.FieldSet> evaluate(List<SourceObject> build) {
        List<Placement.FieldSet> sets = new ArrayList<>();
        for (Replacement r : replacements) {
            String value = r.sourceValue();
            if (value == null) {
                List<SourceObject> sources = build.stream().filter(r.source()::selects).toList();
                if (sources.size() != 1) {
                    continue; // kustomize refuses none or several; either way nothing is known here
                }
                JsonNode field = sources.get(0).node();
                for (String step : r.fieldPath()) {
                    field = field.path(step);
                }
                if (!field.isValueNode() || field.isNull()) {
                    continue;
                }
                value = field.asText();
            }
            for (Target t : r.targets()) {
                for (List<String> path : t.fieldPaths()) {
                    sets.add(new Placement.FieldSet(t.select(), path, value, t.create()));
                }
            }
        }
        return sets;
    }

    private static Optional<Replacement> parse(JsonNode r) {
        JsonNode source = r.path("source");
        String sourceValue = r.path("sourceValue").isValueNode() ? r.path("sourceValue").asText() : null;
        Optional<Selector> from = Selector.of(source);
        Optional<List<String>> fieldPath = path(source.path("fieldPath").asText("metadata.name"));
        if (sourceValue == null && (from.isEmpty() || fieldPath.isEmpty() || source.has("options") || !r.has("source"))
                || !r.path("targets").isArray()) {
            return Optional.empty();
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode t : r.path("targets")) {
            Optional<Selector> select = Selector.of(t.path("select"));
            JsonNode options = t.path("options");
            boolean plainOptions = options.isMissingNode() || options.size() == (options.has("create") ? 1 : 0);
            List<List<String>> paths = new ArrayList<>();
            for (JsonNode p : t.path("fieldPaths")) {
                path(p.asText()).filter(steps -> !steps.get(0).equals("metadata") || steps.size() < 2
                        || !List.of("name", "namespace").contains(steps.get(1))).ifPresent(paths::add);
            }
            if (select.isEmpty() || t.has("reject") || !plainOptions || paths.size() != t.path("fieldPaths").size()) {
                return Optional.empty(); // one target this does not evaluate: the whole replacement is left alone
            }
            targets.add(new Target(select.get(), paths, options.path("create").asBoolean(false)));
        }
        return Optional.of(new Replacement(from.orElse(null), fieldPath.orElse(null), sourceValue, targets));
    }

    /** A field path of plain names ({@code spec.targetNamespace}); none with indexes, wildcards or quoting. */
    private static Optional<List<String>> path(String dotted) {
        if (dotted.isEmpty() || !dotted.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            return Optional.empty();
        }
        return Optional.of(List.of(dotted.split("\\.")));
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }
}
