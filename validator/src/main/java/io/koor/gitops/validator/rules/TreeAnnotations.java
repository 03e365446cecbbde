package io.koor.gitops.validator.rules;

/** Annotations of a tree's objects that the rules read: the validator's contract with generators and authors. */
public final class TreeAnnotations {
    /**
     * On an object that makes Secrets in the cluster (a credentials Job): the Secrets it makes, as a comma-separated
     * list of {@code namespace/name} (or {@code name}, in the object's namespace). The secret-missing rule counts them.
     */
    public static final String CREATES_SECRETS = "gitops.koor.io/creates-secrets";

    private TreeAnnotations() {
    }
}
