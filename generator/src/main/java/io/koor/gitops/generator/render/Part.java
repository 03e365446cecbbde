package io.koor.gitops.generator.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.cluster.BootstrapRelease;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a component is made of, said without naming a reconciler. Renderers say which chart or
 * remote manifest a component needs; each layout decides how its reconciler installs it (Flux
 * with HelmReleases and GitRepositories, Argo CD with Applications), so no layout has to read
 * another's objects back.
 */
public sealed interface Part permits Part.Manifests, Part.ChartInstall, Part.RemoteManifest {

    /**
     * Plain Kubernetes objects, written as they are whatever reconciles them.
     *
     * @param retained the objects hold data (a Ceph cluster, its pools, their namespace): when they leave
     *                 the tree, or the directory holding them is renamed, the reconciler must not delete them
     */
    record Manifests(List<HasMetadata> objects, boolean retained) implements Part {
        /** Ceph's stateful kinds: deleting one destroys the data in it. */
        private static final Set<String> STATEFUL_CEPH_KINDS = Set.of("CephCluster", "CephBlockPool", "CephFilesystem",
                "CephObjectStore");

        public Manifests {
            objects = List.copyOf(objects);
        }

        public Manifests(List<HasMetadata> objects) {
            this(objects, false);
        }

        /** The objects as parts: the stateful Ceph objects retained, the rest (StorageClasses, users) not. */
        public static List<Part> ofCeph(List<HasMetadata> objects) {
            List<HasMetadata> stateful = objects.stream().filter(Manifests::stateful).toList();
            List<HasMetadata> rest = objects.stream().filter(o -> !stateful(o)).toList();
            List<Part> parts = new ArrayList<>();
            if (!stateful.isEmpty()) {
                parts.add(new Manifests(stateful, true));
            }
            if (!rest.isEmpty()) {
                parts.add(new Manifests(rest, false));
            }
            return parts;
        }

        private static boolean stateful(HasMetadata object) {
            return object.getApiVersion().startsWith("ceph.rook.io/") && STATEFUL_CEPH_KINDS.contains(object.getKind());
        }
    }

    /** What a chart's install and upgrades do with the CRDs it ships. */
    enum CrdPolicy {
        /** The reconciler's default for the chart's {@code crds/} directory. */
        DEFAULT,
        /** Create them on install and replace them on upgrade, so new fields are not dropped. */
        CREATE_REPLACE
    }

    /**
     * A chart at a pinned version, installed as one release into a namespace.
     *
     * @param releaseName given when the release must have exactly this name (one the tree takes
     *                    over from bootstrap); empty when it may be named after the chart
     * @param values      the chart's values, kept in the order given so the files read the same every time
     * @param keepCrds    the chart's CRDs outlive the release: removing it (or its component) must not delete
     *                    them, and with them every object of their kinds in the cluster; for charts that have no
     *                    value of their own for that
     * @param secretValues values documents in Secrets the cluster makes (never in Git), merged before
     *                    {@code values}; only Flux can give them to a chart (helm-controller's valuesFrom)
     */
    record ChartInstall(String repositoryName, String repositoryUrl, String chart, String version, String namespace,
                        Optional<String> releaseName, CrdPolicy crds, Map<String, Object> values, boolean keepCrds,
                        List<SecretValues> secretValues)
            implements Part {
        public ChartInstall {
            Objects.requireNonNull(repositoryName, "repositoryName");
            Objects.requireNonNull(repositoryUrl, "repositoryUrl");
            Objects.requireNonNull(chart, "chart");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(releaseName, "releaseName");
            Objects.requireNonNull(crds, "crds");
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            secretValues = List.copyOf(secretValues);
        }

        public ChartInstall(String repositoryName, String repositoryUrl, String chart, String version, String namespace,
                            Optional<String> releaseName, CrdPolicy crds, Map<String, Object> values, boolean keepCrds) {
            this(repositoryName, repositoryUrl, chart, version, namespace, releaseName, crds, values, keepCrds, List.of());
        }

        /** A chart whose CRDs, if any, go with it (or which keeps them through a value of its own). */
        public ChartInstall(String repositoryName, String repositoryUrl, String chart, String version, String namespace,
                            Optional<String> releaseName, CrdPolicy crds, Map<String, Object> values) {
            this(repositoryName, repositoryUrl, chart, version, namespace, releaseName, crds, values, false);
        }

        /**
         * A release bootstrap installed, declared exactly as bootstrap made it (name, namespace, chart,
         * version, values), so the reconciler takes it over instead of installing a second one.
         */
        public static ChartInstall takenOver(BootstrapRelease release, boolean keepCrds) {
            return new ChartInstall(release.repositoryName(), release.repositoryUrl(), release.chart(), release.version(),
                    release.namespace(), Optional.of(release.releaseName()), CrdPolicy.DEFAULT, release.values(), keepCrds);
        }

        /** The same chart also reading the values documents of these Secrets. */
        public ChartInstall withSecretValues(List<SecretValues> more) {
            List<SecretValues> all = new ArrayList<>(secretValues);
            all.addAll(more);
            return new ChartInstall(repositoryName, repositoryUrl, chart, version, namespace, releaseName, crds, values,
                    keepCrds, all);
        }

        /** The release's name, which also names what installs it. */
        public String name() {
            return releaseName.orElse(chart);
        }
    }

    /**
     * A Helm values document held in {@code key} of a Secret in the release's namespace, made in the cluster.
     */
    record SecretValues(String secret, String key) {
        public SecretValues {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * One manifest file of a Git repository at a tag, applied as it is (Multus, as bootstrap applied it).
     *
     * @param path      the file, relative to the repository's root, in a directory of its own
     * @param namespace where the manifest's objects live (they name it themselves)
     */
    record RemoteManifest(String name, String repositoryName, String repositoryUrl, String tag, String path,
                          String namespace) implements Part {
        public RemoteManifest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(repositoryName, "repositoryName");
            Objects.requireNonNull(repositoryUrl, "repositoryUrl");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(namespace, "namespace");
            if (path == null || path.indexOf('/') <= 0 || path.endsWith("/")) {
                throw new IllegalArgumentException("remote manifest " + name + ": '" + path
                        + "' is not a file inside a directory of the repository");
            }
        }

        /** The directory holding the file, e.g. {@code deployments}. */
        public String directory() {
            return path.substring(0, path.lastIndexOf('/'));
        }

        /** The file's name within {@link #directory()}. */
        public String file() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }
}
