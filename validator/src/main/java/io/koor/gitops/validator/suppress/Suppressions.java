package io.koor.gitops.validator.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings a team has accepted, each with a reason: per object, an annotation
 * {@code ignore.gitops.koor.io/<rule-id>: "<reason>"}; per repository, {@value #CONFIG_FILE}:
 * <pre>
 * ignore:
 *   - rule: helm-chart-version-unpinned
 *     files: apps/legacy/**     # optional glob; all files when absent
 *     reason: pinned by the upstream chart's own CI
 * </pre>
 * A suppression without a reason does not count, and says so.
 */
public final class Suppressions {
    public static final String CONFIG_FILE = ".gitops-validate.yaml";
    public static final String ANNOTATION_PREFIX = "ignore.gitops.koor.io/";
    public static final RuleDescriptor CONFIG_INVALID = new RuleDescriptor("config-invalid", Severity.ERROR, RuleDescriptor.Scope.CONFIG,
            "The repository's " + CONFIG_FILE + " cannot be used.",
            "fix the file at the line given: a list 'ignore' of entries with rule, optional files glob, and reason");
    public static final RuleDescriptor NO_REASON = new RuleDescriptor("suppression-without-reason", Severity.WARNING, RuleDescriptor.Scope.OBJECT,
            "A suppression annotation without a reason suppresses nothing.",
            "give the annotation a value saying why the finding is acceptable");

    private record Entry(String rule, PathMatcher files, String glob) {
    }

    private final List<Entry> entries;
    private final List<Violation> problems;

    private Suppressions(List<Entry> entries, List<Violation> problems) {
        this.entries = entries;
        this.problems = problems;
    }

    public static Suppressions load(Path root) {
        Path file = root.resolve(CONFIG_FILE);
        List<Entry> entries = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Suppressions(entries, problems);
        }
        try {
            List<YamlDocuments.Document> docs = YamlDocuments.read(Files.readString(file));
            JsonNode ignore = docs.isEmpty() ? null : docs.get(0).node().path("ignore");
            if (ignore == null || !ignore.isArray()) {
                problems.add(problem(1, "expected a list under 'ignore:'"));
            } else {
                int i = 0;
                for (JsonNode e : ignore) {
                    String rule = e.path("rule").asText("");
                    String reason = e.path("reason").asText("");
                    String glob = e.path("files").asText("**");
                    if (rule.isEmpty() || reason.isBlank()) {
                        problems.add(problem(docs.get(0).line(), "ignore[" + i + "] needs both 'rule' and 'reason'"));
                    } else {
                        entries.add(new Entry(rule, FileSystems.getDefault().getPathMatcher("glob:" + glob), glob));
                    }
                    i++;
                }
            }
        } catch (YamlDocuments.YamlProblem e) {
            problems.add(problem(e.line(), "not valid YAML: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(problem(1, "cannot read: " + e.getMessage()));
        }
        return new Suppressions(entries, problems);
    }

    private static Violation problem(int line, String message) {
        return CONFIG_INVALID.violation(CONFIG_FILE, CONFIG_FILE, line, "", message,
                "see the README, section Suppressing findings");
    }

    public List<Violation> problems() {
        return problems;
    }

    /** The reason a violation is accepted, or null when it is not. */
    public String reasonFor(Violation v, SourceObject object) {
        if (object != null) {
            String reason = object.annotation(ANNOTATION_PREFIX + v.ruleId());
            if (reason != null && !reason.isBlank()) {
                return reason;
            }
        }
        for (Entry e : entries) {
            if (e.rule().equals(v.ruleId()) && (e.glob().equals("**") || e.files().matches(Path.of(v.file())))) {
                return "per " + CONFIG_FILE;
            }
        }
        return null;
    }

    /** Annotations that name a rule but give no reason: they suppress nothing, which the user should know. */
    public static List<Violation> annotationsWithoutReason(List<SourceObject> objects) {
        List<Violation> out = new ArrayList<>();
        for (SourceObject o : objects) {
            o.node().path("metadata").path("annotations").fields().forEachRemaining(a -> {
                if (a.getKey().startsWith(ANNOTATION_PREFIX) && a.getValue().asText("").isBlank()) {
                    out.add(NO_REASON.violation(o.id(), o.file(), o.line(),
                            "/metadata/annotations", a.getKey() + " gives no reason, so it suppresses nothing",
                            "write why the finding is acceptable as the annotation's value"));
                }
            });
        }
        return out;
    }
}
