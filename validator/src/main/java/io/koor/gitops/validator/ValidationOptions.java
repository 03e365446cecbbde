package io.koor.gitops.validator;

import io.koor.gitops.model.ConfigurationException;
import io.koor.gitops.model.presets.Versions;
import io.koor.gitops.model.values.Version;
import io.koor.gitops.validator.schema.SchemaDownloads;
import io.koor.gitops.validator.schema.SchemaValidator.MissingSchemaPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to validate a tree; the one set of settings {@code validate}, {@code generate} and library
 * callers share, with the defaults in one place ({@link #builder()}).
 *
 * @param schemaLocations        kubeconform-style locations, in order; empty skips schema checks (with a note)
 * @param kubernetesVersion      the release whose core schemas and served APIs objects are judged by (X.Y.Z)
 * @param clusterKubernetesVersions per cluster ({@code clusters/<name>/}), where it differs from the default
 * @param strict                 unknown fields are errors
 * @param kustomizeBuild         build every kustomization with kubectl and check the result
 * @param excludes               globs of paths (relative to the root) not to read
 * @param schemaCache            where downloaded schemas are kept
 * @param offline                never download; remote locations are served from the cache only
 * @param yamllint               also run yamllint (with the tree's own .yamllint) when it is installed
 * @param rules                  which checks run and are reported
 */
public record ValidationOptions(List<String> schemaLocations, String kubernetesVersion,
                                Map<String, String> clusterKubernetesVersions, boolean strict,
                                MissingSchemaPolicy missingSchemas, boolean kustomizeBuild, Kubeconform kubeconform,
                                boolean yamllint, List<String> excludes, Path schemaCache, boolean offline,
                                RuleSelection rules) {

    /** The release objects are judged by unless told otherwise: the minor release the toolkit installs. */
    public static final String DEFAULT_KUBERNETES_VERSION = schemaRelease(Versions.KUBERNETES);

    /** Whether kubeconform runs too, and whether its absence is an error. */
    public enum Kubeconform {
        OFF, IF_INSTALLED, REQUIRED;

        /** From the front ends' two switches: run it, and require it (which implies running it). */
        public static Kubeconform of(boolean run, boolean require) {
            return require ? REQUIRED : run ? IF_INSTALLED : OFF;
        }
    }

    public ValidationOptions {
        schemaLocations = List.copyOf(schemaLocations);
        clusterKubernetesVersions = Map.copyOf(clusterKubernetesVersions);
        excludes = List.copyOf(excludes);
    }

    /** The Kubernetes release a cluster's objects are judged by. */
    public String kubernetesVersionOf(String cluster) {
        return clusterKubernetesVersions.getOrDefault(cluster, kubernetesVersion);
    }

    /** Schemas are published per minor release: 1.32.4 is judged by the 1.32.0 schemas. */
    public static String schemaRelease(String version) {
        Version v = parseVersion("kubernetesVersion", version);
        return v.major() + "." + v.minor() + ".0";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.schemaLocations.addAll(schemaLocations);
        b.kubernetesVersion = kubernetesVersion;
        b.clusterVersions.putAll(clusterKubernetesVersions);
        b.strict = strict;
        b.missingSchemas = missingSchemas;
        b.kustomizeBuild = kustomizeBuild;
        b.kubeconform = kubeconform;
        b.yamllint = yamllint;
        b.excludes.addAll(excludes);
        b.schemaCache = schemaCache;
        b.offline = offline;
        b.rules = rules;
        return b;
    }

    private static Version parseVersion(String setting, String version) {
        String v = version == null ? "" : version.strip();
        if (!v.matches("v?\\d+\\.\\d+\\.\\d+")) {
            throw new ConfigurationException(setting, version, "write the Kubernetes release as X.Y.Z, e.g. "
                    + Versions.KUBERNETES);
        }
        return Version.parse(v);
    }

    /** The defaults: strict, missing schemas skipped, no external tools, the default schema cache, online. */
    public static final class Builder {
        private final List<String> schemaLocations = new ArrayList<>();
        private String kubernetesVersion = DEFAULT_KUBERNETES_VERSION;
        private final Map<String, String> clusterVersions = new TreeMap<>();
        private boolean strict = true;
        private MissingSchemaPolicy missingSchemas = MissingSchemaPolicy.SKIP;
        private boolean kustomizeBuild;
        private Kubeconform kubeconform = Kubeconform.OFF;
        private boolean yamllint;
        private final List<String> excludes = new ArrayList<>();
        private Path schemaCache;
        private boolean offline;
        private RuleSelection rules = RuleSelection.ALL;

        private Builder() {
        }

        public Builder schemaLocation(String location) {
            if (location == null || location.isBlank()) {
                throw new ConfigurationException("schemaLocations", String.valueOf(location),
                        "give a directory, a URL template, or 'default'");
            }
            schemaLocations.add(location.strip());
            return this;
        }

        public Builder schemaLocations(List<String> locations) {
            locations.forEach(this::schemaLocation);
            return this;
        }

        /** X.Y.Z (a leading v is fine), the release as the schema locations name it. */
        public Builder kubernetesVersion(String version) {
            kubernetesVersion = exact("kubernetesVersion", version);
            return this;
        }

        public Builder clusterKubernetesVersion(String cluster, String version) {
            clusterVersions.put(cluster, exact("kubernetesVersion", version));
            return this;
        }

        private static String exact(String setting, String version) {
            Version v = parseVersion(setting, version);
            return v.major() + "." + v.minor() + "." + v.patch();
        }

        public Builder strict(boolean value) {
            strict = value;
            return this;
        }

        public Builder missingSchemas(MissingSchemaPolicy policy) {
            missingSchemas = policy;
            return this;
        }

        /** {@code skip} or {@code fail}, as the front ends take it. */
        public Builder missingSchemas(String policy) {
            return missingSchemas(MissingSchemaPolicy.parse(policy));
        }

        public Builder kustomizeBuild(boolean value) {
            kustomizeBuild = value;
            return this;
        }

        public Builder kubeconform(Kubeconform value) {
            kubeconform = value;
            return this;
        }

        public Builder yamllint(boolean value) {
            yamllint = value;
            return this;
        }

        public Builder exclude(String glob) {
            excludes.add(glob);
            return this;
        }

        public Builder excludes(List<String> globs) {
            excludes.addAll(globs);
            return this;
        }

        /** Where downloaded schemas are kept; unset means {@code ~/.cache/demo-gitops/schemas}. */
        public Builder schemaCache(Path dir) {
            schemaCache = dir;
            return this;
        }

        public Builder offline(boolean value) {
            offline = value;
            return this;
        }

        /** Which checks run; every one unless told otherwise. */
        public Builder rules(RuleSelection selection) {
            rules = selection;
            return this;
        }

        public ValidationOptions build() {
            return new ValidationOptions(schemaLocations, kubernetesVersion, clusterVersions, strict, missingSchemas,
                    kustomizeBuild, kubeconform, yamllint, excludes,
                    schemaCache == null ? SchemaDownloads.defaultCache() : schemaCache, offline, rules);
        }
    }
}
