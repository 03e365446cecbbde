package io.koor.gitops.model;

import io.koor.gitops.model.presets.Versions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flux's own objects for one cluster, as {@code flux bootstrap} lays them out in
 * {@code clusters/<cluster>/flux-system/}, said once for the generator (which writes them to Git) and for
 * provisioning (whose first node applies the sync objects, so that Flux then adopts them from Git).
 *
 * <ul>
 * <li>{@link #sync()}: the GitRepository and Kustomization {@code flux-system} of bootstrap's
 *     {@code gotk-sync.yaml} (fluxcd/flux2 pkg/manifestgen/sync: GitRepository interval 1m, Kustomization
 *     interval 10m, path {@code ./clusters/<cluster>}, prune). No {@code secretRef}: the repository is read
 *     without credentials, which never go into user data or Git.</li>
 * <li>{@link #components()}: instead of bootstrap's 10,000-line {@code gotk-components.yaml}, Flux's
 *     signed release artifact {@value #MANIFESTS} (pushed with {@code flux push artifact --path=./flux-system}
 *     and signed keyless by fluxcd/flux2's release workflow, job release-flux-manifests), applied by the
 *     Kustomization {@value #COMPONENTS} with prune off (Flux must never delete itself) and the control-plane
 *     toleration {@code flux install --toleration-keys} gives every controller. Upgrading Flux is the tag.</li>
 * </ul>
 */
public record FluxBootstrap(String cluster, Reconciler.GitSource repository) {
    /** Where Flux runs, and the name bootstrap gives its GitRepository and root Kustomization. */
    public static final String NAMESPACE = "flux-system";
    public static final String NAME = "flux-system";
    /** The directory under {@code clusters/<cluster>/}, as bootstrap names it. */
    public static final String DIRECTORY = "flux-system";
    public static final String SYNC_FILE = "gotk-sync.yaml";
    public static final String COMPONENTS_FILE = "flux-components.yaml";
    /** Flux's release artifact: gotk-components.yaml at its root, every controller, tagged v&lt;version&gt;. */
    public static final String MANIFESTS = "oci://ghcr.io/fluxcd/flux-manifests";
    public static final String COMPONENTS = "flux-components";
    public static final String MANIFESTS_SOURCE = "flux-manifests";
    /** Bootstrap passes {@code --toleration-keys} with this, so the controllers may run before a worker joins. */
    public static final String CONTROL_PLANE_TAINT = "node-role.kubernetes.io/control-plane";
    /**
     * The controllers the release artifact holds besides {@code flux install}'s default four: its workflow runs
     * {@code flux install --components-extra=} these (fluxcd/flux2 .github/workflows/release.yaml).
     */
    public static final List<String> ARTIFACT_EXTRA_COMPONENTS =
            List.of("image-reflector-controller", "image-automation-controller", "source-watcher");
    /** Who signs the artifact: GitHub's OIDC issuer, for the release workflow of fluxcd/flux2 at a release tag. */
    public static final String SIGNER_ISSUER = "^https://token\\.actions\\.githubusercontent\\.com$";
    public static final String SIGNER_SUBJECT =
            "^https://github\\.com/fluxcd/flux2/\\.github/workflows/release\\.yaml@refs/tags/v[0-9]+\\.[0-9]+\\.[0-9]+$";

    public FluxBootstrap {
        java.util.Objects.requireNonNull(cluster, "cluster");
        java.util.Objects.requireNonNull(repository, "repository");
    }

    /** The GitRepository and Kustomization {@code flux-system}: what {@code gotk-sync.yaml} holds. */
    public List<Map<String, Object>> sync() {
        Map<String, Object> git = object("source.toolkit.fluxcd.io/v1", "GitRepository", NAME, ordered(
                "interval", "1m",
                "ref", ordered("branch", repository.revision()),
                "url", repository.url()));
        Map<String, Object> kustomization = object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", NAME, ordered(
                "interval", "10m",
                "path", "./clusters/" + cluster,
                "prune", true,
                "sourceRef", ordered("kind", "GitRepository", "name", NAME)));
        return List.of(git, kustomization);
    }

    /** The OCIRepository of Flux's release artifact at {@link Versions#FLUX} and the Kustomization applying it. */
    public static List<Map<String, Object>> components() {
        Map<String, Object> source = object("source.toolkit.fluxcd.io/v1", "OCIRepository", MANIFESTS_SOURCE, ordered(
                "interval", "1h",
                "url", MANIFESTS,
                "ref", ordered("tag", "v" + Versions.FLUX),
                // source-controller refuses an artifact that this workflow did not sign (cosign keyless)
                "verify", ordered("provider", "cosign",
                        "matchOIDCIdentity", List.of(ordered("issuer", SIGNER_ISSUER, "subject", SIGNER_SUBJECT)))));
        Map<String, Object> kustomization = object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", COMPONENTS, ordered(
                "interval", "1h",
                "retryInterval", "1m",
                "timeout", "10m",
                "sourceRef", ordered("kind", "OCIRepository", "name", MANIFESTS_SOURCE),
                // the artifact's root holds gotk-components.yaml alone: kustomize-controller generates the kustomization
                "path", "./",
                "prune", false,
                "patches", List.of(tolerationPatch())));
        return List.of(source, kustomization);
    }

    /**
     * What {@code flux install --toleration-keys=node-role.kubernetes.io/control-plane} adds to every
     * Deployment (fluxcd/flux2 pkg/manifestgen/install/templates.go, its node-selector patch): a toleration of
     * the key with operator Exists. The artifact's Deployments have none, so Git and bootstrap agree.
     */
    public static Map<String, Object> tolerationPatch() {
        String patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: all\nspec:\n  template:\n    spec:\n"
                + "      tolerations:\n        - key: " + CONTROL_PLANE_TAINT + "\n          operator: Exists\n";
        return ordered("patch", patch, "target", ordered("kind", "Deployment"));
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, Map<String, Object> spec) {
        return ordered("apiVersion", apiVersion, "kind", kind,
                "metadata", ordered("name", name, "namespace", NAMESPACE), "spec", spec);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
