package io.koor.gitops.validator.rules.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.koor.gitops.validator.ValidationOptions;
import io.koor.gitops.validator.ValidationService;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile check on small trees shaped like real ones: what counts as served, and when; the
 * fixtures under rules/ show each rule firing once, these the cases around them.
 */
class ReconcileCheckTest {
    private static final Set<String> RECONCILE = Set.of("api-not-served", "api-served-later", "apply-order-unspecified",
            "reconcile-provider-unknown", "csi-driver-missing", "ingress-class-missing", "namespace-missing",
            "namespace-created-later", "external-apis-invalid", "pvc-storageclass-missing");

    @TempDir
    Path dir;

    private List<String> findings(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return new ValidationService().validate(dir, ValidationOptions.builder().build()).violations().stream()
                .filter(v -> RECONCILE.contains(v.ruleId())).map(v -> v.ruleId() + " " + v.file() + ":" + v.line()).toList();
    }

    private static String kustomization(String name, String path, String extra) {
        return """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: %s
                  namespace: flux-system
                spec:
                  interval: 1h
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                  path: %s
                  prune: true
                %s""".formatted(name, path, extra.indent(2));
    }

    private static String release(String name, String ns, String chart, String extra) {
        return """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: HelmRepository
                metadata:
                  name: charts
                  namespace: %2$s
                spec:
                  url: https://charts.example.com
                ---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  interval: 1h
                  chart:
                    spec:
                      chart: %3$s
                      version: 1.0.0
                      sourceRef:
                        kind: HelmRepository
                        name: charts
                %4$s""".formatted(name, ns, chart, extra.indent(2));
    }

    private static final String ISSUER = """
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: letsencrypt
            spec:
              selfSigned: {}
            """;

    @Test
    void aChartInTheSameKustomizationAsItsUsersServesThemTooLate() throws IOException {
        assertThat(findings(Map.of(
                "clusters/demo/infra.yaml", kustomization("infra", "./infra", "wait: true"),
                "infra/cert-manager.yaml", release("cert-manager", "kube-system", "cert-manager", "values:\n  crds:\n    enabled: true"),
                "infra/issuer.yaml", ISSUER)))
                .containsExactly("api-served-later infra/issuer.yaml:1");
    }

    @Test
    void aDependencyThatDoesNotWaitLeavesTheChartRacingItsUsers() throws IOException {
        Map<String, String> tree = Map.of(
                "clusters/demo/infra.yaml", kustomization("controllers", "./controllers", "wait: false") + "---\n"
                        + kustomization("configs", "./configs", "dependsOn:\n  - name: controllers"),
                "controllers/cert-manager.yaml", release("cert-manager", "kube-system", "cert-manager",
                        "values:\n  crds:\n    enabled: true"),
                "configs/issuer.yaml", ISSUER);
        assertThat(findings(tree)).containsExactly("apply-order-unspecified configs/issuer.yaml:1");
    }

    @Test
    void certManagerServesItsApisOnlyWhenItsValuesInstallTheCrds() throws IOException {
        assertThat(findings(Map.of(
                "clusters/demo/infra.yaml", kustomization("controllers", "./controllers", "wait: true") + "---\n"
                        + kustomization("configs", "./configs", "dependsOn:\n  - name: controllers"),
                "controllers/cert-manager.yaml", release("cert-manager", "kube-system", "cert-manager", "values: {}"),
                "configs/issuer.yaml", ISSUER)))
                .containsExactly("api-not-served configs/issuer.yaml:1");
    }

    /**
     * mariadb-operator serves k8s.mariadb.com only through its mariadb-operator-crds dependency, which
     * {@code crds.enabled} (default false) turns on; the CRDs chart on its own always serves it.
     */
    @Test
    void mariadbOperatorServesItsApisOnlyWithItsCrdsDependencyOn() throws IOException {
        String mariadb = """
                apiVersion: k8s.mariadb.com/v1alpha1
                kind: MariaDB
                metadata:
                  name: shop
                  namespace: kube-system
                spec:
                  replicas: 3
                """;
        String controllers = kustomization("controllers", "./controllers", "wait: true") + "---\n"
                + kustomization("apps", "./apps", "dependsOn:\n  - name: controllers");
        assertThat(findings(Map.of("clusters/demo/infra.yaml", controllers,
                "controllers/mariadb-operator.yaml", release("mariadb-operator", "kube-system", "mariadb-operator", "values: {}"),
                "apps/mariadb.yaml", mariadb)))
                .containsExactly("api-not-served apps/mariadb.yaml:1");
        Files.writeString(dir.resolve("controllers/mariadb-operator.yaml"), release("mariadb-operator", "kube-system",
                "mariadb-operator", "values:\n  crds:\n    enabled: true"));
        assertThat(findings(Map.of())).isEmpty();
        Files.writeString(dir.resolve("controllers/mariadb-operator.yaml"), release("mariadb-operator-crds", "kube-system",
                "mariadb-operator-crds", "values: {}"));
        assertThat(findings(Map.of())).isEmpty();
    }

    /**
     * A chart the table does not know may serve its own operator's group, so objects of that group
     * wait for it like for any chart; a group the table knows (snapshots) still needs a chart that
     * serves it.
     */
    @Test
    void aChartTheTableDoesNotKnowIsTakenToServeOnlyGroupsNoKnownChartServes() throws IOException {
        String secretStore = """
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata:
                  name: vault
                spec:
                  provider: {}
                ---
                apiVersion: snapshot.storage.k8s.io/v1
                kind: VolumeSnapshotClass
                metadata:
                  name: snapshots
                driver: rook-ceph.rbd.csi.ceph.com
                deletionPolicy: Delete
                """;
        Map<String, String> tree = Map.of(
                "clusters/demo/infra.yaml", kustomization("controllers", "./controllers", "wait: true") + "---\n"
                        + kustomization("configs", "./configs", "dependsOn:\n  - name: controllers"),
                "controllers/external-secrets.yaml", release("external-secrets", "kube-system", "external-secrets", "values: {}"),
                "configs/stores.yaml", secretStore,
                ".gitops/external-apis.yaml", "csiDrivers: [rook-ceph.rbd.csi.ceph.com]\n");
        assertThat(findings(tree)).containsExactlyInAnyOrder("reconcile-provider-unknown controllers/external-secrets.yaml:17",
                "api-not-served configs/stores.yaml:8");
    }

    /** The shape of fluxcd/flux2-multi-tenancy (192da059) infrastructure/kyverno: an operator from its release manifests. */
    @Test
    void aKustomizationOfAnotherSourceMayServeWhatNoKnownChartServesOnceWaitedFor() throws IOException {
        String operator = """
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: OCIRepository
                metadata:
                  name: policy-engine
                  namespace: flux-system
                spec:
                  interval: 2h
                  url: oci://ghcr.io/example/manifests/policy-engine
                  ref:
                    tag: v1.0.0
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: policy-engine
                  namespace: flux-system
                spec:
                  interval: 12h
                  sourceRef:
                    kind: OCIRepository
                    name: policy-engine
                  path: ./
                  prune: true
                  wait: true
                """;
        String policy = """
                apiVersion: policies.example.com/v1
                kind: ClusterPolicy
                metadata:
                  name: verify-images
                spec: {}
                """;
        Map<String, String> waited = Map.of(
                "clusters/demo/infra.yaml", kustomization("engine", "./engine", "wait: true") + "---\n"
                        + kustomization("policies", "./policies", "dependsOn:\n  - name: engine"),
                "engine/sync.yaml", operator, "policies/policy.yaml", policy);
        assertThat(findings(waited)).isEmpty();

        Map<String, String> notWaited = new java.util.HashMap<>(waited);
        notWaited.put("clusters/demo/infra.yaml", kustomization("engine", "./engine", "") + "---\n"
                + kustomization("policies", "./policies", "dependsOn:\n  - name: engine"));
        assertThat(findings(notWaited)).containsExactly("apply-order-unspecified policies/policy.yaml:1");
        Files.delete(dir.resolve("engine/sync.yaml"));
        Files.writeString(dir.resolve("engine/sync.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: engine\n");
        assertThat(findings(Map.of())).containsExactly("api-not-served policies/policy.yaml:1");
    }

    /**
     * The shape of ricsanfre/pi-cluster (8daabcd5) platform/csi-external-snapshotter/app/base and
     * platform/system-upgrade/app/base: CRDs, a controller and its Namespace from remote resources.
     */
    @Test
    void aRemoteResourceNobodyReadMayBringApisAndNamespacesToTheStepsAfterIt() throws IOException {
        String users = """
                apiVersion: snapshot.storage.k8s.io/v1
                kind: VolumeSnapshotClass
                metadata:
                  name: snapshots
                driver: driver.longhorn.io
                deletionPolicy: Delete
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: plans
                  namespace: system-upgrade
                """;
        Map<String, String> tree = Map.of(
                "clusters/demo/infra.yaml", kustomization("snapshotter", "./snapshotter", "wait: true") + "---\n"
                        + kustomization("configs", "./configs", "dependsOn:\n  - name: snapshotter"),
                "snapshotter/kustomization.yaml", """
                        apiVersion: kustomize.config.k8s.io/v1beta1
                        kind: Kustomization
                        resources:
                          - https://github.com/kubernetes-csi/external-snapshotter/client/config/crd/?ref=v8.5.0
                          - https://github.com/rancher/system-upgrade-controller/releases/download/v0.20.1/system-upgrade-controller.yaml
                        """,
                "configs/users.yaml", users,
                ".gitops/external-apis.yaml", "csiDrivers: [driver.longhorn.io]\n");
        assertThat(findings(tree)).isEmpty();

        Files.writeString(dir.resolve("snapshotter/kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
        assertThat(findings(Map.of())).containsExactlyInAnyOrder("api-not-served configs/users.yaml:1",
                "namespace-missing configs/users.yaml:12");
    }

    @Test
    void aCrdInTheSameKustomizationIsAppliedFirst() throws IOException {
        String crd = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  scope: Cluster
                  names:
                    kind: Widget
                    plural: widgets
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      schema:
                        openAPIV3Schema:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """;
        assertThat(findings(Map.of("clusters/demo/apps.yaml", kustomization("apps", "./apps", "wait: true"),
                "apps/widgets.yaml", crd))).isEmpty();
    }

    @Test
    void anAnnotationOnTheKustomizationDeclaresWhatItsObjectsGetFromOutsideGit() throws IOException {
        String annotated = kustomization("configs", "./configs", "").replace("  namespace: flux-system\n",
                "  namespace: flux-system\n  annotations:\n    reconcile.gitops.koor.io/external-apis: cert-manager.io\n");
        assertThat(findings(Map.of("clusters/demo/configs.yaml", annotated, "configs/issuer.yaml", ISSUER))).isEmpty();
        assertThat(findings(Map.of("clusters/demo/configs.yaml", annotated.replace("cert-manager.io", "cert-manager.io, Bad Group"),
                "configs/issuer.yaml", ISSUER))).containsExactly("external-apis-invalid clusters/demo/configs.yaml:1");
    }

    @Test
    void theFileDeclaresApisForAllClustersOrOne() throws IOException {
        Map<String, String> tree = new TreeMap<>(Map.of(
                "clusters/demo/configs.yaml", kustomization("configs", "./configs", ""),
                "clusters/lab/configs.yaml", kustomization("configs", "./configs", ""),
                "configs/issuer.yaml", ISSUER,
                ".gitops/external-apis.yaml", "clusters:\n  demo:\n    apis: [cert-manager.io]\n"));
        assertThat(findings(tree)).containsExactly("api-not-served configs/issuer.yaml:1");
        tree.put(".gitops/external-apis.yaml", "apis: [cert-manager.io/ClusterIssuer]\n");
        assertThat(findings(tree)).isEmpty();
    }

    @Test
    void kustomizeHelmChartsServeTheirCrdsDirectoryOnlyWithIncludeCrds() throws IOException {
        String charts = """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - route.yaml
                helmCharts:
                  - name: traefik
                    repo: https://traefik.github.io/charts
                    version: 41.3.0
                    releaseName: traefik
                    namespace: kube-system
                """;
        String route = """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata:
                  name: dashboard
                  namespace: kube-system
                spec:
                  routes: []
                """;
        Map<String, String> tree = new TreeMap<>(Map.of("clusters/demo/ingress.yaml", kustomization("ingress", "./ingress", ""),
                "ingress/kustomization.yaml", charts, "ingress/route.yaml", route));
        assertThat(findings(tree)).containsExactly("api-not-served ingress/route.yaml:1");
        tree.put("ingress/kustomization.yaml", charts + "    includeCRDs: true\n");
        assertThat(findings(tree)).isEmpty();
    }

    @Test
    void anIngressWithoutAClassNeedsADefaultIngressClass() throws IOException {
        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: site
                  namespace: default
                spec:
                  defaultBackend:
                    service:
                      name: site
                      port:
                        number: 80
                """;
        Map<String, String> tree = new TreeMap<>(Map.of("clusters/demo/apps.yaml", kustomization("apps", "./apps", ""),
                "apps/ingress.yaml", ingress));
        assertThat(findings(tree)).containsExactly("ingress-class-missing apps/ingress.yaml:6");
        tree.put("apps/traefik.yaml", release("traefik", "kube-system", "traefik", "values:\n  ingressClass:\n    name: edge"));
        assertThat(findings(tree)).isEmpty(); // Traefik's IngressClass is the default one unless its values say otherwise
    }

    @Test
    void bucketClaimsNeedTheirStorageClassAndItsProvisionerTheOperator() throws IOException {
        String claim = """
                apiVersion: objectbucket.io/v1alpha1
                kind: ObjectBucketClaim
                metadata:
                  name: backups
                  namespace: default
                spec:
                  generateBucketName: backups
                  storageClassName: ceph-bucket
                """;
        String storageClass = """
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: ceph-bucket
                provisioner: rook-ceph.ceph.rook.io/bucket
                parameters:
                  objectStoreName: objectstore
                  objectStoreNamespace: rook-ceph
                """;
        Map<String, String> tree = new TreeMap<>(Map.of("clusters/demo/apps.yaml", kustomization("apps", "./apps", ""),
                "apps/claim.yaml", claim, ".gitops/external-apis.yaml", "apis: [objectbucket.io]\n"));
        assertThat(findings(tree)).containsExactly("pvc-storageclass-missing apps/claim.yaml:8");
        tree.put("apps/storageclass.yaml", storageClass);
        assertThat(findings(tree)).containsExactly("csi-driver-missing apps/storageclass.yaml:5");
        tree.put(".gitops/external-apis.yaml", "apis: [objectbucket.io]\ncsiDrivers: [rook-ceph.ceph.rook.io/bucket]\n");
        assertThat(findings(tree)).isEmpty();
    }

    /** The home-operations layout: the bootstrap's helmfile puts the CRDs in before Flux applies anything. */
    @Test
    void theBootstrapsHelmfileServesItsReleasesCrdsBeforeAnyStep() throws IOException {
        Map<String, String> tree = new TreeMap<>(Map.of(
                "clusters/demo/infra.yaml", kustomization("infra", "./infra", "wait: true"),
                "infra/cert-manager.yaml", release("cert-manager", "cert-manager", "cert-manager", "values:\n  crds:\n    enabled: true"),
                "infra/issuer.yaml", ISSUER));
        assertThat(findings(tree)).containsExactlyInAnyOrder("api-served-later infra/issuer.yaml:1",
                "namespace-missing infra/cert-manager.yaml:5", "namespace-missing infra/cert-manager.yaml:13");
        // a release with no chart of its own (a template) is the HelmRelease of its name; its namespace is created first
        String helmfile = "helmDefaults:\n  args: [--include-crds, --no-hooks]\nreleases:\n  - name: cert-manager\n    namespace: cert-manager\n";
        tree.put("docs/helmfile/crds.yaml", helmfile); // not under a bootstrap directory: nothing says it runs first
        assertThat(findings(tree)).contains("api-served-later infra/issuer.yaml:1");
        tree.put("bootstrap/helmfile/crds.yaml", helmfile);
        assertThat(findings(tree)).isEmpty();
    }

    /** A chart the table does not know is only guessed to serve a group: coming in the same step is a warning. */
    @Test
    void aGuessedProviderInTheSameStepIsAWarning() throws IOException {
        String store = """
                apiVersion: external-secrets.io/v1
                kind: ClusterSecretStore
                metadata:
                  name: vault
                spec:
                  provider: {}
                """;
        Map<String, String> tree = new TreeMap<>(Map.of("clusters/demo/infra.yaml", kustomization("infra", "./infra", "wait: true"),
                "infra/external-secrets.yaml", release("external-secrets", "kube-system", "external-secrets", "values: {}"),
                "infra/store.yaml", store));
        assertThat(findings(tree)).containsExactlyInAnyOrder("apply-order-unspecified infra/store.yaml:1",
                "reconcile-provider-unknown infra/external-secrets.yaml:17");
        // the bootstrap's helmfile installs that chart first: like an unknown chart of an earlier step, it serves the group
        tree.put("bootstrap/helmfile/crds.yaml", "releases:\n  - name: external-secrets\n    namespace: kube-system\n");
        assertThat(findings(tree)).containsExactly("reconcile-provider-unknown infra/external-secrets.yaml:17");
    }

    /**
     * Plain manifests (an operator's examples, documentation samples) are applied by hand to a
     * cluster that has the operator: no empty cluster, so nothing is reported missing.
     */
    @Test
    void plainManifestsWithNoReconcilerAreNotJudgedAgainstAnEmptyCluster() throws IOException {
        String storageClass = """
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: rook-ceph-block
                provisioner: rook-ceph.rbd.csi.ceph.com
                """;
        String pool = """
                apiVersion: ceph.rook.io/v1
                kind: CephBlockPool
                metadata:
                  name: replicapool
                  namespace: rook-ceph
                spec:
                  replicated:
                    size: 3
                """;
        Map<String, String> tree = new TreeMap<>(Map.of("examples/storageclass.yaml", storageClass, "examples/pool.yaml", pool));
        assertThat(findings(tree)).isEmpty();
        tree.put("clusters/demo/examples.yaml", kustomization("examples", "./examples", ""));
        assertThat(findings(tree)).containsExactlyInAnyOrder("api-not-served examples/pool.yaml:1",
                "namespace-missing examples/pool.yaml:5", "csi-driver-missing examples/storageclass.yaml:5");
    }

    /** The tree this repository commits, as the demo build validates it: it must come up on an empty cluster. */
    @Test
    void theCommittedDemoTreeReconcilesWithoutErrors() throws IOException {
        List<Violation> found = new ValidationService().validate(Path.of(".."), ValidationOptions.builder().exclude("*/src/**")
                .build()).violations().stream().filter(v -> RECONCILE.contains(v.ruleId())).toList();
        assertThat(found).filteredOn(v -> v.severity() == Severity.ERROR).isEmpty();
        assertThat(Files.readString(Path.of("../infrastructure/configs/demo/ceph-cluster/volumesnapshotclass-ceph-block-snapshots.yaml")))
                .as("the issue #9 case is in the tree, and served").contains("kind: VolumeSnapshotClass");
    }
}
