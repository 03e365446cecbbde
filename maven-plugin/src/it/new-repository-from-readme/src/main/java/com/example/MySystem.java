package com.example;

import io.koor.gitops.model.GitOpsDefinition;
import io.koor.gitops.model.GitOpsSystem;
import io.koor.gitops.model.presets.Patterns;

public final class MySystem implements GitOpsDefinition {
    @Override
    public GitOpsSystem system() {
        return GitOpsSystem.of(Patterns.minimalProduction("prod").build());
    }
}
