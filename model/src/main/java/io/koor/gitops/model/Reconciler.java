package io.koor.gitops.model;

import java.net.URI;
import java.util.Optional;

/** What reconciles the repository on each cluster: Flux (the default) or Argo CD. */
public sealed interface Reconciler permits Reconciler.Flux, Reconciler.ArgoCd {

    /**
     * Flux, bootstrapped from outside the tree: {@code flux bootstrap} (or provisioning's {@code --git-url})
     * creates the sync objects, and the tree holds none of Flux's own manifests.
     */
    static Reconciler flux() {
        return new Flux(Optional.empty());
    }

    /**
     * Flux managing itself from this repository, as {@code flux bootstrap} would lay it out: the tree gets
     * {@code clusters/<cluster>/flux-system/} with the sync objects for {@code repoUrl} at {@code branch}
     * and Flux's controllers from Flux's signed release artifact (see {@link FluxBootstrap}).
     */
    static Reconciler flux(String repoUrl, String branch) {
        return new Flux(Optional.of(new GitSource(checkedUrl(repoUrl), checkedRevision(branch, "branch Flux follows"))));
    }

    /** Argo CD, whose Applications name the repository and revision they follow. */
    static Reconciler argoCd(String repoUrl, String revision) {
        return new ArgoCd(checkedUrl(repoUrl), checkedRevision(revision, "branch, tag or commit Argo CD follows"));
    }

    /** The Git repository and revision the tree says it is reconciled from, when it says so. */
    Optional<GitSource> repository();

    private static String checkedUrl(String repoUrl) {
        URI uri;
        try {
            uri = URI.create(repoUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ModelException.of("reconciler.repoUrl", "'" + repoUrl + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("ssh"))) {
            throw ModelException.of("reconciler.repoUrl", "'" + repoUrl + "': give the Git repository's https or ssh URL");
        }
        return repoUrl;
    }

    private static String checkedRevision(String revision, String what) {
        if (revision == null || revision.isBlank()) {
            throw ModelException.of("reconciler.revision", "give the " + what + ", e.g. main");
        }
        return revision;
    }

    /** A Git repository's URL and the branch (Argo CD: any revision) followed in it. */
    record GitSource(String url, String revision) {
    }

    /** Flux, reading from a GitRepository named flux-system; with a repository, Flux's own manifests are in the tree. */
    record Flux(Optional<GitSource> repository) implements Reconciler {
    }

    record ArgoCd(String repoUrl, String revision) implements Reconciler {
        @Override
        public Optional<GitSource> repository() {
            return Optional.of(new GitSource(repoUrl, revision));
        }
    }
}
