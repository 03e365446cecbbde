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
                    String reason = result.stderr().strip().replaceFirst("^[Ee]rror: ", "");
                    violations.add(BUILD_FAILED.violation("Kustomization " + dir, k.file(), k.line(), "",
                            "kubectl kustomize " + dir + " failed: " + reason.split("\n")[0], "fix the kustomization"));
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
