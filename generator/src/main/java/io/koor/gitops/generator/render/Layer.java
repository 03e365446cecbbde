package io.koor.gitops.generator.render;

/**
 * The three stages the reconciler applies in order (as in the Flux project's kustomize-helm
 * example): operators and their CRDs, then the configuration that uses those CRDs, then the
 * applications.
 */
public enum Layer {
    CONTROLLERS("infra-controllers", "infrastructure/controllers"),
    CONFIGS("infra-configs", "infrastructure/configs"),
    APPS("apps", "apps");

    private final String kustomizationName;
    private final String directory;

    Layer(String kustomizationName, String directory) {
        this.kustomizationName = kustomizationName;
        this.directory = directory;
    }

    /** Name of what applies this layer: a Flux Kustomization, or an Argo CD Application. */
    public String kustomizationName() {
        return kustomizationName;
    }

    /** Directory of the tree that holds this layer, one sub-directory per cluster. */
    public String directory() {
        return directory;
    }
}
