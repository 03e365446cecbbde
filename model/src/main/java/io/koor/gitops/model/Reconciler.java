package io.koor.gitops.model;

import java.net.URI;

/** What reconciles the repository on each cluster: Flux (the default) or Argo CD. */
public sealed interface Reconciler permits Reconciler.Flux, Reconciler.ArgoCd {

    static Reconciler flux() {
        return new Flux();
    }

    /** Argo CD, whose Applications name the repository and revision they follow. */
    static Reconciler argoCd(String repoUrl, String revision) {
        URI uri;
        try {
            uri = URI.create(repoUrl);
        } catch (IllegalArgumentException e) {
            throw ModelException.of("reconciler.repoUrl", "'" + repoUrl + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("ssh"))) {
            throw ModelException.of("reconciler.repoUrl", "'" + repoUrl + "': give the Git repository's https or ssh URL");
        }
        if (revision == null || revision.isBlank()) {
            throw ModelException.of("reconciler.revision", "give the branch, tag or commit Argo CD follows, e.g. main");
        }
        return new ArgoCd(repoUrl, revision);
    }

    /** Flux, bootstrapped with a GitRepository named flux-system that its Kustomizations read from. */
    record Flux() implements Reconciler {
    }

    record ArgoCd(String repoUrl, String revision) implements Reconciler {
    }
}
