package io.koor.gitops.generator.layout;

import io.koor.gitops.generator.tree.GitOpsTree;
import io.koor.gitops.generator.tree.TreePath;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.Reconciler;
import io.koor.gitops.model.cost.PriceTable;
import java.util.List;
import java.util.Optional;

/** The tree of a system, laid out for what reconciles it: Flux or Argo CD. */
public final class Layouts {
    private Layouts() {
    }

    public static GitOpsTree render(GitOpsSystem system, String generatedFrom, PriceTable prices) {
        if (system.reconciler() instanceof Reconciler.ArgoCd argo) {
            return new ArgoCdLayout(generatedFrom, prices, argo).render(system);
        }
        return new FluxLayout(generatedFrom, prices).render(system);
    }

    /**
     * The cluster a path of either layout belongs to, read from its fixed position
     * ({@code clusters/<c>/}, {@code apps/<c>/}, {@code infrastructure/<layer>/<c>/}).
     */
    public static Optional<String> clusterOf(TreePath path) {
        List<String> segments = path.segments();
        int index = switch (segments.get(0)) {
            case "clusters", "apps" -> 1;
            case "infrastructure" -> 2;
            default -> -1;
        };
        return index > 0 && segments.size() > index + 1 ? Optional.of(segments.get(index)) : Optional.empty();
    }
}
