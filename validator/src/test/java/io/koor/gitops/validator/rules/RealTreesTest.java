package io.koor.gitops.validator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.report.ValidationReport;
import io.koor.gitops.validator.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression corpus: real public GitOps repositories, archived by whoever runs this into the
 * directory named by {@code GITOPS_REAL_TREES} (a system property or an environment variable), one
 * {@code <owner>+<name>/} directory per repository and beside it {@code <owner>+<name>.commit}
 * naming the repository and the commit it was archived from. Nothing is fetched here. Every
 * repository is validated with the default settings (strict, every rule) against the schemas in
 * {@code ../shared}, and must give no error but the real defects listed below, each with why it is
 * one: what remains is a warning or a note.
 */
class RealTreesTest {
    static final String SETTING = "GITOPS_REAL_TREES";

    /** The repositories' Talos configs run Kubernetes v1.36.4; this test validates at the default release. */
    private static final String K8S_136 = "admissionregistration.k8s.io/v1 MutatingAdmissionPolicy is served from"
            + " Kubernetes 1.36 (KEP-3962), which the repository's Talos config runs (kube-apiserver v1.36.4); the test"
            + " validates at the default 1.35, where it is not";

    private static final String SAMPLE_CREDENTIALS = "sample credentials committed in plain text (base64 is no encryption):"
            + " what the rule is for";

    /** Repository -> "rule file" of each error that is a real defect of that commit, with why. */
    private static final Map<String, Map<String, String>> REAL_DEFECTS = Map.of(
            "buroa/k8s-gitops", Map.of(
                    "kustomize-resource-missing kubernetes/apps/actions-runner-system/actions-runner-controller/runners/home-operations/kustomization.yaml",
                    "lists ./rbac.yaml, which is not in the commit: kustomize build fails, so its Flux Kustomization"
                            + " does not reconcile"),
            "billimek/k8s-gitops", Map.of(
                    "rook-missing-dependson kubernetes/rook-ceph/cluster/rook-ceph-cluster.yaml",
                    "the rook-ceph-cluster HelmRelease has no dependsOn and is applied by the Kustomization that installs"
                            + " the operator: on an empty cluster its CephCluster races the operator chart's CRDs"),
            "szinn/k8s-homelab", Map.of(
                    "object-owned-twice kubernetes/staging/components/kopiur/secret/secrets.yaml",
                    "ExternalSecret system/kopiur-ragnar is applied by the system kustomization (through the kopiur/secret"
                            + " component) and again by Kustomization kopiur-repository, which still lists the same file"
                            + " (the main cluster no longer does): pruning either deletes the other's object"),
            "joryirving/home-ops", Map.of(
                    "object-owned-twice kubernetes/apps/base/observability/gatus-sidecar/grafanadashboard.yaml",
                    "the GrafanaDashboards ups-aggregate and ups-status are copied byte for byte from nut-exporter, and both"
                            + " Kustomizations apply them in the main cluster: two owners of one object"),
            "cloudnative-pg/cloudnative-pg", Map.ofEntries(
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-full.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-initdb-sql-refs.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-monitoring.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-projected-volume.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-secret.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("secret-plaintext docs/src/samples/cluster-example-with-roles.yaml", SAMPLE_CREDENTIALS),
                    Map.entry("schema docs/src/samples/cluster-example-bis.yaml", "spec.backup.volumeSnapshot.groupSnapshot"
                            + " is not in the v1.29.0 Cluster CRD: kubectl's strict field validation refuses it"),
                    Map.entry("schema docs/src/samples/cluster-restore-with-tablespaces.yaml", "spec.tablespaces is a map here"
                            + " but a list in the v1.29.0 Cluster CRD: the API server refuses it")),
            "ricsanfre/pi-cluster", Map.of(
                    "dependson-missing kubernetes/clusters/dev/infra/envoy-gateway-app.yaml",
                    "the dev cluster's envoy-gateway-config dependsOn cert-manager-config, which only the prod cluster"
                            + " defines (dev/infra lists no cert-manager): Flux holds it not ready for ever",
                    "api-not-served kubernetes/platform/envoy-gateway/config/base/certificate.yaml",
                    "the same: dev installs no cert-manager, so its Certificate is served by nothing",
                    "secret-plaintext test/kafka/kubernetes/kafka-secrets.yaml", SAMPLE_CREDENTIALS),
            "rook/rook", Map.of(
                    "secret-plaintext deploy/examples/object-multisite-pull-realm.yaml", SAMPLE_CREDENTIALS,
                    "secret-plaintext deploy/examples/object-multisite-pull-realm-test.yaml", SAMPLE_CREDENTIALS,
                    "schema deploy/examples/object-multisite-pull-realm.yaml",
                    "spec.pull.endpoint is the placeholder <endpoint>, which the CRD's ^https*:// pattern refuses:"
                            + " the file must be edited before it applies",
                    "schema deploy/examples/object-multisite-pull-realm-test.yaml",
                    "the same placeholder endpoint"));

    /**
     * Errors that are the validator's own limits, not defects of the repository: kept visible here
     * (and in the README) until the validator handles them.
     */
    private static final Map<String, Map<String, String>> KNOWN_LIMITS = Map.of(
            "onedr0p/home-ops", Map.of(
                    "api-not-served kubernetes/apps/o11y/grafana-operator/instance/mutatingadmissionpolicy.yaml",
                    K8S_136),
            "szinn/k8s-homelab", Map.of(
                    "api-not-served kubernetes/main/apps/media/plex/app/resource-mutator.yaml", K8S_136),
            "ricsanfre/pi-cluster", Map.ofEntries(
                    Map.entry("secret-plaintext kubernetes/platform/elastic-stack/app/components/authentication/elasticsearch-fluentd-role.yaml",
                            "ECK reads custom roles (roles.yml) only from Secrets (elasticsearch-patch.yaml: spec.auth.roles"
                                    + " secretName); these hold role definitions, no credential, which the rule cannot tell"),
                    Map.entry("secret-plaintext kubernetes/platform/elastic-stack/app/components/authentication/elasticsearch-prometheus-role.yaml",
                            "the same")));

    static String corpus() {
        return System.getProperty(SETTING, System.getenv(SETTING));
    }

    /** The archived repositories; without any, one empty case, so that the skip and its reason show. */
    static Stream<Arguments> trees() throws IOException {
        String dir = corpus();
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return Stream.of(Arguments.of("(none)", null));
        }
        try (Stream<Path> children = Files.list(Path.of(dir))) {
            return children.filter(p -> Files.isDirectory(p) && Files.isRegularFile(commitFile(p))).sorted()
                    .map(p -> Arguments.of(p.getFileName().toString(), p)).toList().stream();
        }
    }

    private static Path commitFile(Path tree) {
        return tree.resolveSibling(tree.getFileName() + ".commit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void noErrorsButTheRealDefects(String name, Path tree) throws IOException {
        if (tree == null) {
            String reason = "SKIPPED: RealTreesTest: " + SETTING + " does not name a directory (" + corpus()
                    + "); archive each repository into DIR/<owner>+<name>/ with DIR/<owner>+<name>.commit"
                    + " (\"owner/name commit\") beside it, then run with -D" + SETTING + "=DIR";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        String source = Files.readString(commitFile(tree)).strip();
        String repository = source.split("\\s+")[0];
        ValidationReport report = new ValidationService().validate(tree, ValidationOptions.builder()
                .schemaLocations(SharedData.schemaLocations()).offline(true).build());
        System.out.println("REAL TREE " + source + ": " + report.summary());
        Map<String, String> known = new java.util.HashMap<>(REAL_DEFECTS.getOrDefault(repository, Map.of()));
        known.putAll(KNOWN_LIMITS.getOrDefault(repository, Map.of()));
        List<Violation> errors = report.violations().stream().filter(v -> v.severity() == Severity.ERROR).toList();
        assertThat(errors).as("errors on " + source)
                .filteredOn(v -> !known.containsKey(v.ruleId() + " " + v.file()))
                .extracting(v -> v.ruleId() + " " + v.file() + ":" + v.line() + " " + v.message()).isEmpty();
    }
}
