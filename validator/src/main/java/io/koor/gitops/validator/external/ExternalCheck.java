package io.koor.gitops.validator.external;

import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.LoadedTree;
import java.util.List;

/** A check done by another program (kubeconform, kubectl kustomize), its output turned into findings. */
public interface ExternalCheck {
    /** Findings, plus notes such as "skipped: kubeconform not found on PATH". */
    record Outcome(List<Violation> violations, List<String> notes) {
    }

    String name();

    Outcome run(LoadedTree tree);
}
