package io.koor.gitops.model;

/**
 * Implemented by a gitops repository's own definition class; the {@code gitops:generate} goal
 * instantiates it (public no-argument constructor) and renders what it returns.
 */
public interface GitOpsDefinition {
    GitOpsSystem system();
}
