package io.koor.gitops.validator.load;

import java.util.regex.Pattern;

/**
 * Flux's post-build variable substitution: kustomize-controller replaces {@code ${VAR}} (also
 * {@code ${VAR:=default}}, {@code ${VAR:-default}}) in what a Kustomization with
 * {@code spec.postBuild} builds, before it applies it. A reference holding one is only known
 * then, so the rules that resolve references leave it alone.
 */
public final class FluxVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[=-][^}]*)?}");

    private FluxVariables() {
    }

    public static boolean holdsOne(String value) {
        return VARIABLE.matcher(value).find();
    }
}
