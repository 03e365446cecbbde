package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Argo CD rules' fixtures in detail: which Application is blamed, and for what. */
class ArgoCdRulesTest {

    @Test
    void wavesBlameEachApplicationThatComesTooEarlyForWhatItNeeds() throws IOException {
        Path fires = RuleFixturesTest.FIXTURES.resolve("rook-sync-wave-order/fires");
        assertThat(RuleFixturesTest.findings(fires, "rook-sync-wave-order")).extracting(Violation::resource, Violation::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Application/argocd/storage", "Application storage (sync wave 0)"
                                + " creates Ceph resources, but rook-ceph installs the Rook operator in wave 0, so Argo CD does"
                                + " not wait for it"),
                        org.assertj.core.groups.Tuple.tuple("Application/argocd/apps", "Application apps (sync wave 0) claims"
                                + " Ceph storage, but storage creates the Ceph cluster in wave 0, so Argo CD does not wait for it"));
    }

    @Test
    void onlyThePathMissingUnderThisRepositoryIsBlamed() throws IOException {
        Path fires = RuleFixturesTest.FIXTURES.resolve("argocd-application-path-missing/fires");
        assertThat(RuleFixturesTest.findings(fires, "argocd-application-path-missing")).extracting(Violation::resource)
                .containsExactly("Application/argocd/infrastructure");
    }
}
