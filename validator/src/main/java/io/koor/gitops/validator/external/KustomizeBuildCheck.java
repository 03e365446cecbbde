package io.koor.gitops.validator.external;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.load.YamlDocuments;
import io.koor.gitops.validator.rules.RuleSet;
import io.koor.gitops.validator.rules.TreeIndex;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl kustomize} on every kustomization directory: the build must succeed, and what it
 * builds (patches applied) is checked by the same schema validation as the files.
 */
public final class KustomizeBuildCheck implements ExternalCheck {
    public static final RuleDescriptor BUILD_FAILED = new RuleDescriptor("kustomize-build-failed", Severity.ERROR, RuleDescriptor.Scope.TOOL,
            "kubectl kustomize cannot build the directory, so Flux cannot apply it.",
            "run kubectl kustomize on the directory and fix what it reports");
    private final Function<SourceObject, List<Violation>> validate;

    public KustomizeBuildCheck(Function<SourceObject, List<Violation>> validate) {
        this.validate = validate;
    }

    /** Lines of kustomize's error shown; the rest is usually the same error wrapped again. */
    private static final int ERROR_LINES = 3;
    private static final Pattern QUOTED_ERR = Pattern.compile("\\berr=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * kustomize's own error out of kubectl's log line. kubectl logs it with klog: quoted on one line
     * ({@code err="..."}), or, when it has several lines, as {@code err=<} then the lines indented by
     * a tab up to {@code >}. Older kubectl print {@code Error: ...}.
     */
    static String reason(String stderr) {
        String[] lines = stderr.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher quoted = QUOTED_ERR.matcher(lines[i]);
            if (quoted.find()) {
                return unquote(quoted.group(1));
            }
            if (lines[i].endsWith("err=<")) {
                List<String> error = new ArrayList<>();
                for (int j = i + 1; j < lines.length && lines[j].startsWith("\t") && error.size() < ERROR_LINES; j++) {
                    error.add(lines[j].substring(1).strip());
                }
                if (!error.isEmpty()) {
                    return String.join(" / ", error);
                }
            }
        }
        String first = lines[0].strip().replaceFirst("^[Ee]rror: ", "");
        return first.isEmpty() ? "no error message (exit status only)" : first;
    }

    /** A Go-quoted string's text: \" and \\ as themselves, \n and \t as a space. */
    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(next == 'n' || next == 't' ? ' ' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String name() {
        return "kubectl kustomize";
    }

    @Override
    public Outcome run(LoadedTree tree) {
        if (ProcessRunner.which("kubectl").isEmpty()) {
            return new Outcome(List.of(), List.of("skipped: kubectl not found on PATH; kustomizations were not built"));
        }
        List<Violation> violations = new ArrayList<>();
        for (KustomizationFile k : tree.kustomizations().values()) {
            String dir = k.dir().isEmpty() ? "." : k.dir();
            try {
                ProcessRunner.Result result = ProcessRunner.run(List.of("kubectl", "kustomize", dir), tree.root(),
                        Duration.ofSeconds(60));
                if (result.exitCode() != 0) {
                    violations.add(BUILD_FAILED.violation("Kustomization " + dir, k.file(), k.line(), "",
                            "kubectl kustomize " + dir + " failed: " + reason(result.stderr()), "fix the kustomization"));
                    continue;
                }
                String built = k.file() + " (built)";
                List<SourceObject> objects = new ArrayList<>();
                for (YamlDocuments.Document doc : YamlDocuments.read(result.stdout())) {
                    if (doc.node() instanceof ObjectNode obj) {
                        SourceObject object = new SourceObject(built, doc.line(), obj);
                        objects.add(object);
                        violations.addAll(validate.apply(object));
                    }
                }
                // What overlays change is only visible here; the per-object rules judge it.
                LoadedTree output = new LoadedTree(tree.source(), objects, java.util.Map.of(), List.of(built), List.of(),
                        List.of());
                violations.addAll(RuleSet.checkObjects(new TreeIndex(output)));
            } catch (IOException | YamlDocuments.YamlProblem e) {
                violations.add(BUILD_FAILED.violation("Kustomization " + dir, k.file(), k.line(), "",
                        "kubectl kustomize " + dir + " could not run: " + e.getMessage(), "check the kubectl installation"));
            }
        }
        return new Outcome(violations, List.of());
    }
}
