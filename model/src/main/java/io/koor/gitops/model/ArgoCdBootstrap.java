package io.koor.gitops.model;

import io.koor.gitops.model.presets.Versions;
import java.util.Map;

/**
 * Argo CD's own installation, said once for cloud-init (which applies it before Argo CD runs) and for
 * the generator (whose Application {@value #NAME} then keeps it in Git), as Argo CD's "Manage Argo CD
 * Using Argo CD" describes (argoproj/argo-cd docs/operator-manual/declarative-setup.md): the upstream
 * manifests at the pinned release with our change on top. {@code manifests/install.yaml}, which bootstrap
 * applies, is the kustomize build of {@value #PATH} (argoproj/argo-cd hack/update-manifests.sh), so the
 * Application renders what bootstrap applied.
 */
public final class ArgoCdBootstrap {
    public static final String NAME = "argocd";
    public static final String NAMESPACE = "argocd";
    public static final String REPOSITORY = "https://github.com/argoproj/argo-cd.git";
    public static final String PATH = "manifests/cluster-install";
    /** Argo CD stopped judging Applications' health in 1.8; the app of apps' waves need it back. */
    public static final String APPLICATION_HEALTH = "resource.customizations.health.argoproj.io_Application";
    /**
     * Reads the child Application's own health, so a wave waits until the layer before it is healthy. No final
     * newline: kustomize drops it from a block scalar when it merges the patch, so bootstrap sets none either.
     */
    static final String APPLICATION_HEALTH_LUA = """
            hs = {status = "Progressing", message = ""}
            if obj.status ~= nil and obj.status.health ~= nil then
              hs.status = obj.status.health.status
              if obj.status.health.message ~= nil then
                hs.message = obj.status.health.message
              end
            end
            return hs""";

    private ArgoCdBootstrap() {
    }

    /** What bootstrap applies: the release's install.yaml. */
    public static String installManifest() {
        return "https://raw.githubusercontent.com/argoproj/argo-cd/" + Versions.ARGO_CD + "/manifests/install.yaml";
    }

    /** The keys of argocd-cm we set on top of upstream's. */
    public static Map<String, String> configData() {
        return Map.of(APPLICATION_HEALTH, APPLICATION_HEALTH_LUA);
    }

    /** The same keys as a strategic-merge patch of argocd-cm (its other keys stay upstream's). */
    public static String configPatch() {
        StringBuilder s = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\ndata:\n");
        new java.util.TreeMap<>(configData()).forEach((key, value) -> {
            s.append("  ").append(key).append(": |-\n");
            value.lines().forEach(line -> s.append("    ").append(line).append('\n'));
        });
        return s.toString();
    }
}
