package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trees shaped like real home-lab and fleet repositories, where the rules that compare objects
 * must judge what each cluster gets: through this repository's own source only, with the
 * namespace and name kustomize, Flux and Argo CD give, one cluster at a time, and with what
 * charts create.
 */
class AppliedTreesTest {
    private static final Path TREES = Path.of("src/test/resources/trees/applied");

    private static List<Violation> findings(String tree) throws IOException {
        return new ValidationService().validate(TREES.resolve(tree), ValidationOptions.builder().build()).violations();
    }

    private static List<String> errors(String tree) throws IOException {
        return findings(tree).stream().filter(v -> v.severity() == Severity.ERROR)
                .map(v -> v.ruleId() + " " + v.file() + ": " + v.message()).toList();
    }

    /**
     * joryirving/home-ops's shape: a kustomize replacement sets every Flux Kustomization's targetNamespace from the
     * build's Namespace (a component's, named by the namespace transformer), so the OCIRepository the HelmRelease
     * names lands in the same namespace. Left unevaluated, the chart source was reported missing.
     */
    @Test
    void kustomizeReplacementsGiveFluxKustomizationsTheirTargetNamespace() throws IOException {
        assertThat(errors("replacements")).isEmpty();
        // without the replacement the same tree has the error: the test can fail
        java.nio.file.Path copy = java.nio.file.Files.createTempDirectory("replacements");
        try (var walk = java.nio.file.Files.walk(TREES.resolve("replacements"))) {
            for (Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path to = copy.resolve(TREES.resolve("replacements").relativize(p));
                java.nio.file.Files.createDirectories(to.getParent());
                java.nio.file.Files.copy(p, to);
            }
        }
        Path kustomization = copy.resolve("kubernetes/apps/llm/kustomization.yaml");
        java.nio.file.Files.writeString(kustomization, java.nio.file.Files.readString(kustomization)
                .replace("replacements:\n  - path: ../../components/replacements/ks.yaml\n", ""));
        assertThat(new ValidationService().validate(copy, ValidationOptions.builder().build()).violations())
                .filteredOn(v -> v.severity() == Severity.ERROR).extracting(Violation::ruleId).contains("helm-source-missing");
    }

    @Test
    void kustomizationsOfOtherSourcesAreNotPathsOfThisTree() throws IOException {
        assertThat(errors("other-sources")).isEmpty();
    }

    @Test
    void homeLabTreeWithChartRefAndKustomizeNamespacesHasNoErrors() throws IOException {
        // ceph-block from the cluster chart via chartRef; dependsOn in the namespaces kustomize gives the
        // Kustomizations; a statically bound claim; bootstrap and docs files nothing applies
        assertThat(errors("homelab")).isEmpty();
    }

    @Test
    void filesNothingAppliesAreOneNoteEachDirectoryAndNotJudgedOtherwise() throws IOException {
        List<Violation> found = findings("homelab");
        assertThat(found).filteredOn(v -> v.ruleId().equals("file-not-applied"))
                .extracting(Violation::file, Violation::severity).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("bootstrap/namespaces.yaml", Severity.NOTE),
                        org.assertj.core.groups.Tuple.tuple("docs/examples/fast-claim.yaml", Severity.NOTE));
        assertThat(found).noneMatch(v -> v.file().startsWith("docs/") && !v.ruleId().equals("file-not-applied")
                && v.severity() == Severity.ERROR);
    }

    @Test
    void rookThroughChartRefIsSeenByTheRookRules() throws IOException {
        assertThat(findings("chartref-versions-differ")).filteredOn(v -> v.ruleId().equals("rook-chart-versions-differ"))
                .singleElement().satisfies(v -> {
                    assertThat(v.file()).isEqualTo("kubernetes/apps/rook-ceph/rook-ceph/cluster/ocirepository.yaml");
                    assertThat(v.line()).isEqualTo(12); // the tag
                    assertThat(v.message()).contains("v1.19.0", "v1.20.6");
                });
    }

    @Test
    void storageClassFromAKustomizeHelmChartsEntryExists() throws IOException {
        assertThat(errors("argo-helmcharts")).isEmpty();
    }

    @Test
    void eachClusterIsJudgedAgainstItsOwnCephCluster() throws IOException {
        // issue #11: prod's 3+2 pool needs 5 hosts and prod has 5; lab (4 hosts, sorting first) is another cluster
        assertThat(errors("two-clusters")).isEmpty();
    }

    @Test
    void objectsInDifferentClustersRenamedOrGeneratedAreNotOwnedTwice() throws IOException {
        assertThat(findings("owned-apart")).noneMatch(v -> v.ruleId().equals("object-owned-twice"));
    }

    @Test
    void withoutAppliersOnlyObjectsOfOneBuildAreOwnedTwice() throws IOException {
        assertThat(findings("example-alternatives")).filteredOn(v -> v.ruleId().equals("object-owned-twice"))
                .extracting(Violation::file).containsExactly("bundle/settings.yaml");
    }

    @Test
    void clustersWhoseKustomizationsApplyOtherSourcesStayApart() throws IOException {
        assertThat(errors("artifact-clusters")).isEmpty();
    }

    @Test
    void clustersUnderANestedClustersFolderStayApart() throws IOException {
        // kubernetes/clusters/main and kubernetes/clusters/test both define flux-system/cluster-apps
        assertThat(errors("nested-clusters")).isEmpty();
    }

    @Test
    void rootKustomizationsInSiblingDirectoriesAreTwoClusters() throws IOException {
        // kubernetes/main/cluster/config and kubernetes/staging/cluster/config both define flux-system/cluster-apps
        assertThat(errors("sibling-clusters")).isEmpty();
    }

    @Test
    void oneObjectTwiceInOneOfTwoSiblingClustersIsStillOwnedTwice() throws IOException {
        assertThat(findings("sibling-clusters-clash")).filteredOn(v -> v.ruleId().equals("object-owned-twice"))
                .extracting(Violation::file).containsExactly("kubernetes/main/apps/b/configmap.yaml");
    }

    @Test
    void referencesHoldingFluxVariablesAreLeftToKustomizeController() throws IOException {
        // a path with ${CLUSTER}, a class ${STORAGECLASS:=fast}: known only after postBuild substitution
        assertThat(errors("flux-variables")).isEmpty();
    }
}
