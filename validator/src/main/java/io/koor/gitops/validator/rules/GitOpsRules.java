package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;
import static io.koor.gitops.validator.finding.Severity.NOTE;
import static io.koor.gitops.validator.finding.Severity.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.KustomizationFile;
import io.koor.gitops.validator.load.FluxVariables;
import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules about the GitOps machinery itself: Flux objects, kustomize, ownership, Secrets. */
final class GitOpsRules {
    /** Flux API versions and what became of them (Flux v2.7 removed the v1beta1/v2beta1 APIs; the v1beta2/v2beta2 ones followed). */
    private static final Map<String, String> REMOVED = Map.of(
            "source.toolkit.fluxcd.io/v1beta1", "source.toolkit.fluxcd.io/v1",
            "kustomize.toolkit.fluxcd.io/v1beta1", "kustomize.toolkit.fluxcd.io/v1",
            "helm.toolkit.fluxcd.io/v2beta1", "helm.toolkit.fluxcd.io/v2",
            "helm.toolkit.fluxcd.io/v2beta2", "helm.toolkit.fluxcd.io/v2",
            "image.toolkit.fluxcd.io/v1beta1", "image.toolkit.fluxcd.io/v1",
            "image.toolkit.fluxcd.io/v1beta2", "image.toolkit.fluxcd.io/v1",
            "notification.toolkit.fluxcd.io/v1beta1", "notification.toolkit.fluxcd.io/v1beta3");
    private static final Map<String, String> DEPRECATED = Map.of(
            "source.toolkit.fluxcd.io/v1beta2", "source.toolkit.fluxcd.io/v1",
            "kustomize.toolkit.fluxcd.io/v1beta2", "kustomize.toolkit.fluxcd.io/v1",
            "notification.toolkit.fluxcd.io/v1beta2", "notification.toolkit.fluxcd.io/v1beta3");
    private static final Pattern VERSION_RANGE = Pattern.compile(".*([*xX^~<>|]| - |^$).*");
    /**
     * Values that name a secret kept elsewhere, filled in before applying: 1Password's op inject
     * ({@code op://vault/item/[section/]field}, whose names may hold spaces, see
     * https://developer.1password.com/docs/cli/secrets-reference-syntax), argocd-vault-plugin
     * ({@code <path:...#key>}), vals ({@code ref+...}).
     */
    private static final Pattern SECRET_REFERENCE = Pattern.compile(
            "op://[\\w .-]+/[\\w .-]+(/[\\w .-]+){1,2}(\\?\\S*)?|<path:[^>]+>|ref\\+[a-z0-9]+://\\S+");
    private static final Set<String> SOURCE_KINDS = Set.of("HelmRepository", "GitRepository", "OCIRepository", "Bucket",
            "HelmChart", "ExternalArtifact");

    private GitOpsRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.object("flux-api-removed", ERROR, "A Flux API version the current Flux no longer serves.", "move to the current API version (flux migrate does it)",
                        (index, out) -> apiVersions(index, out, REMOVED, "is no longer served by current Flux")),
                Rule.object("flux-api-deprecated", WARNING, "A Flux API version that is deprecated and will be removed.", "move to the current API version (flux migrate does it)",
                        (index, out) -> apiVersions(index, out, DEPRECATED, "is deprecated")),
                Rule.object("helm-chart-version-unpinned", WARNING, "A HelmRelease chart version that is missing, '*' or a range, so upgrades happen unreviewed.", "pin an exact chart version, e.g. 1.20.6",
                        GitOpsRules::chartVersions),
                Rule.tree("helm-source-missing", ERROR, "A HelmRelease whose chart source is not defined in the tree.", "define the HelmRepository or OCIRepository, or fix the sourceRef",
                        GitOpsRules::helmSources),
                Rule.tree("kustomization-path-missing", ERROR, "A Flux Kustomization whose path is not a directory of the tree.", "fix spec.path (relative to the repository root), or add the directory",
                        GitOpsRules::kustomizationPaths),
                Rule.tree("argocd-application-path-missing", ERROR, "An Argo CD Application whose path in this repository is not a directory of the tree.", "fix spec.source.path, or add the directory",
                        GitOpsRules::applicationPaths),
                Rule.tree("dependson-missing", ERROR, "A dependsOn naming a Kustomization or HelmRelease the tree does not define.", "define the target, or fix the name and namespace in dependsOn",
                        GitOpsRules::dependsOnTargets),
                Rule.tree("dependson-cycle", ERROR, "Flux objects that depend on each other in a cycle never become ready.", "remove one dependsOn of the cycle",
                        GitOpsRules::dependsOnCycles),
                Rule.tree("object-owned-twice", ERROR, "One object defined twice in a cluster (two files, or a manifest and a chart), so two owners fight.", "keep one definition of the object; patch it in overlays instead of copying it",
                        GitOpsRules::ownedTwice),
                Rule.files("kustomize-resource-missing", ERROR, "A kustomization lists a resource that does not exist.", "fix the path in resources, or add the file",
                        GitOpsRules::missingResources),
                Rule.files("kustomize-unlisted-file", WARNING, "A YAML file beside a kustomization.yaml that does not list it: it is never applied.", "list the file in the kustomization.yaml, or move it out of the directory",
                        GitOpsRules::unlistedFiles),
                Rule.files("file-not-applied", NOTE, "A file with objects that no Flux Kustomization or Argo CD Application applies: rules that compare objects do not judge it.", "apply it from a Kustomization or Application, or keep documentation and examples outside the applied tree",
                        GitOpsRules::unapplied),
                Rule.object("secret-plaintext", ERROR, "A Secret with values in Git that are not encrypted (SOPS).", "encrypt the Secret (SOPS, Sealed Secrets) or create it outside Git",
                        GitOpsRules::plaintextSecrets),
                Rule.object("secret-sops-undecryptable", ERROR, "A Secret with SOPS-encrypted values that no key can decrypt: no sops metadata, no recipient, or no MAC.", "encrypt the whole file with sops (sops --encrypt --in-place FILE), never copy ENC[...] values by hand",
                        SopsSecrets::undecryptable),
                Rule.tree("secret-sops-not-decrypted", ERROR, "A SOPS-encrypted Secret applied by a Flux Kustomization without spec.decryption: it reaches the API server still encrypted.", "set spec.decryption (provider: sops, secretRef: the Secret holding the age key) on the Kustomization",
                        SopsSecrets::notDecrypted));
    }

    private static void apiVersions(TreeIndex index, Findings out, Map<String, String> table, String what) {
        for (SourceObject o : index.objects()) {
            String replacement = table.get(o.apiVersion());
            if (replacement != null) {
                out.at(o, "/apiVersion", o.apiVersion() + " " + what, "use " + replacement + " (flux migrate -f . rewrites it)");
            }
        }
    }

    private static void chartVersions(TreeIndex index, Findings out) {
        for (SourceObject release : index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease")) {
            JsonNode spec = release.spec().path("chart").path("spec");
            if (spec.isMissingNode()) {
                continue; // chartRef: the version lives in the referenced OCIRepository/HelmChart
            }
            // the version the cluster installs: an overlay's patch of a base release wins
            java.util.Optional<ChartKnowledge.Install> found = ChartKnowledge.install(index, release);
            if (found.isEmpty()) {
                continue; // chart is not a mapping: the schema check says so
            }
            ChartKnowledge.Install install = found.get();
            String version = install.version();
            if (VERSION_RANGE.matcher(version).matches()) {
                String patched = install.versionSource() == release ? "" : " (set by an overlay's patch of " + release.id()
                        + " in " + release.file() + ")";
                out.at(install.versionSource(), install.versionPointer(), "chart " + spec.path("chart").asText("?")
                        + (version.isEmpty() ? " has no version" : " version '" + version + "' floats") + patched
                        + ": every chart release is installed without review",
                        "pin one exact version, e.g. version: 1.2.3");
            }
        }
    }

    private static void helmSources(TreeIndex index, Findings out) {
        for (SourceObject release : index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease")) {
            JsonNode ref = release.spec().path("chart").path("spec").path("sourceRef");
            String pointer = "/spec/chart/spec/sourceRef";
            if (ref.isMissingNode()) {
                ref = release.spec().path("chartRef");
                pointer = "/spec/chartRef";
            }
            if (ref.isMissingNode()) {
                continue;
            }
            String kind = ref.path("kind").asText("HelmRepository");
            String name = ref.path("name").asText();
            String ns = ref.path("namespace").asText(release.namespace());
            if (isBootstrapSource(kind, name, ns)) {
                continue;
            }
            if (index.find("source.toolkit.fluxcd.io", kind, ns, name).isEmpty()) {
                out.at(release, pointer, "the chart source " + kind + "/" + ns + "/" + name + " is not defined in the tree",
                        "add the " + kind + " in namespace " + ns + ", or fix sourceRef (its namespace defaults to the release's)");
            }
        }
    }

    /** {@code flux bootstrap} creates GitRepository flux-system/flux-system itself. */
    static boolean isBootstrapSource(String kind, String name, String ns) {
        return kind.equals("GitRepository") && name.equals("flux-system") && ns.equals("flux-system");
    }

    /** Only paths of this repository's own source are this tree's; other sources' paths are theirs. */
    private static void kustomizationPaths(TreeIndex index, Findings out) {
        for (SourceObject k : index.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization")) {
            String path = k.spec().path("path").asText("./");
            if (TreeIndex.fromThisTree(k) && !index.directoryExists(path) && !FluxVariables.holdsOne(path)) {
                out.at(k, "/spec/path", "path " + path + " is not a directory of this repository",
                        "paths are relative to the repository root: validate from the root, create the directory, or"
                                + " fix the path");
            }
        }
    }

    /**
     * Argo CD names repositories by URL, and the tree does not say its own. A repository URL counts
     * as this tree when some Application's path under it exists here; then every path under it must.
     * Applications of other repositories, and charts, are never judged.
     */
    private static void applicationPaths(TreeIndex index, Findings out) {
        record PathSource(SourceObject app, ArgoApplications.Source source) {
        }
        List<PathSource> sources = new ArrayList<>();
        for (SourceObject app : index.ofKind("argoproj.io", "Application")) {
            ArgoApplications.sources(app).stream().filter(ArgoApplications.Source::isPath)
                    .forEach(s -> sources.add(new PathSource(app, s)));
        }
        Set<String> thisRepo = new HashSet<>();
        sources.stream().filter(s -> index.directoryExists(s.source().path())).forEach(s -> thisRepo.add(s.source().repo()));
        for (PathSource ps : sources) {
            ArgoApplications.Source s = ps.source();
            if (thisRepo.contains(s.repo()) && !index.directoryExists(s.path())) {
                out.at(ps.app(), s.pointer() + "/path", "path " + s.path() + " is not a directory of this repository ("
                        + s.repo() + "), where other Applications find theirs", "create the directory or fix the path"
                        + " (paths are relative to the repository root)");
            }
        }
    }

    private static List<SourceObject> fluxDependents(TreeIndex index) {
        List<SourceObject> all = new ArrayList<>(index.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization"));
        all.addAll(index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease"));
        return all;
    }

    private static String key(SourceObject o) {
        return o.kind() + ":" + TreeIndex.fluxId(o);
    }

    private static String targetKey(SourceObject from, JsonNode dep) {
        String ns = dep.path("namespace").asText(from.namespace().isEmpty() ? "flux-system" : from.namespace());
        return from.kind() + ":" + ns + "/" + dep.path("name").asText();
    }

    private static void dependsOnTargets(TreeIndex index, Findings out) {
        Set<String> defined = new HashSet<>();
        fluxDependents(index).forEach(o -> defined.add(key(o)));
        for (SourceObject o : fluxDependents(index)) {
            int i = 0;
            for (JsonNode dep : o.spec().path("dependsOn")) {
                if (!defined.contains(targetKey(o, dep))) {
                    out.at(o, "/spec/dependsOn/" + i, "depends on " + o.kind() + " " + targetKey(o, dep).substring(o.kind().length() + 1)
                            + ", which the tree does not define", "fix the name or namespace, or add the " + o.kind());
                }
                i++;
            }
        }
    }

    private static void dependsOnCycles(TreeIndex index, Findings out) {
        Map<String, SourceObject> byKey = new LinkedHashMap<>();
        fluxDependents(index).forEach(o -> byKey.putIfAbsent(key(o), o));
        Map<String, List<String>> edges = new HashMap<>();
        byKey.values().forEach(o -> {
            List<String> targets = new ArrayList<>();
            o.spec().path("dependsOn").forEach(dep -> targets.add(targetKey(o, dep)));
            edges.put(key(o), targets);
        });
        Set<String> reported = new HashSet<>();
        for (String start : byKey.keySet()) {
            List<String> cycle = findCycle(start, start, edges, new ArrayList<>(), new HashSet<>());
            if (cycle != null && reported.add(new java.util.TreeSet<>(cycle).toString())) {
                out.at(byKey.get(start), "/spec/dependsOn", "dependsOn cycle: " + start + " -> " + String.join(" -> ", cycle),
                        "remove one of the dependencies; Flux waits forever on a cycle");
            }
        }
    }

    private static List<String> findCycle(String node, String goal, Map<String, List<String>> edges, List<String> path,
                                          Set<String> seen) {
        for (String next : edges.getOrDefault(node, List.of())) {
            path.add(next);
            if (next.equals(goal)) {
                return path;
            }
            if (seen.add(next)) {
                List<String> found = findCycle(next, goal, edges, path, seen);
                if (found != null) {
                    return found;
                }
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    /**
     * Within one cluster's view (objects with the namespace and name they are applied with), one
     * identity defined twice, or by a manifest and a chart. Objects named by generateName get a
     * new name each time, so they never collide.
     */
    private static void ownedTwice(TreeIndex index, Findings out) {
        for (Set<String> unit : index.applyUnits()) {
            ownedTwice(index, unit, out);
        }
    }

    private static void ownedTwice(TreeIndex index, Set<String> unit, Findings out) {
        String cluster = index.clusters().isEmpty() ? "" : index.clusters().get(0);
        Map<String, SourceObject> owners = new HashMap<>();
        // the unit's objects from the index's per-file lists: filtering every object of the tree for each unit
        // made this quadratic (one unit per file in a tree without kustomizations: 4 billion tests at 100,000)
        List<SourceObject> sorted = new ArrayList<>();
        for (String file : unit) {
            sorted.addAll(index.inFile(file));
        }
        sorted.sort(java.util.Comparator.comparing(SourceObject::file).thenComparingInt(SourceObject::line));
        for (SourceObject o : sorted) {
            if (o.name().isEmpty()) {
                continue;
            }
            SourceObject first = owners.putIfAbsent(identity(o), o);
            if (first != null && first != o) {
                out.at(o, "", o.id() + " is also defined at " + first.file() + ":" + first.line()
                        + where(cluster), "keep one definition; two owners overwrite each other");
            }
        }
        for (SourceObject release : sorted) {
            for (String id : ChartKnowledge.objectsCreatedBy(index, release)) {
                SourceObject raw = owners.get(id);
                if (raw != null) {
                    out.at(raw, "", raw.id() + " is also created by " + release.kind() + " " + release.id() + " ("
                            + release.file() + ":" + release.line() + ")" + where(cluster),
                            "let one of them own it: drop the manifest, or turn the chart's part off");
                }
            }
        }
    }

    /** One note per directory, so that a folder of examples is one line of the report. */
    private static void unapplied(TreeIndex index, Findings out) {
        Map<String, List<String>> byDir = new java.util.TreeMap<>();
        for (String file : index.unappliedFiles()) {
            byDir.computeIfAbsent(file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : ".", d -> new ArrayList<>())
                    .add(file.substring(file.lastIndexOf('/') + 1));
        }
        byDir.forEach((dir, names) -> {
            String first = dir.equals(".") ? names.get(0) : dir + "/" + names.get(0);
            out.atFile(first, index.inFile(first).get(0).line(), dir, "no Flux Kustomization or Argo CD Application applies "
                    + (names.size() == 1 ? first : names.size() + " files of " + dir + " (" + String.join(", ", names) + ")")
                    + ", so references, ordering and ownership are not judged for them",
                    "apply them from a Kustomization or Application if they are meant for a cluster; documentation and"
                            + " examples can stay as they are");
        });
    }

    private static String where(String cluster) {
        return cluster.isEmpty() ? "" : " (cluster " + cluster + ")";
    }

    static String identity(SourceObject o) {
        return o.group() + "/" + o.kind() + "/" + o.namespace() + "/" + o.name();
    }

    private static void missingResources(TreeIndex index, Findings out) {
        for (KustomizationFile k : index.tree().kustomizations().values()) {
            for (String resource : k.resources()) {
                if (!index.hasYamlFile(resource) && !index.directoryExists(resource)
                        && !index.exists(resource)) {
                    out.atFile(k.file(), k.line(), "Kustomization " + k.dir(), "resource " + resource + " does not exist",
                            "fix the path (relative to " + (k.dir().isEmpty() ? "the root" : k.dir()) + ") or remove the entry");
                }
            }
        }
    }

    private static void unlistedFiles(TreeIndex index, Findings out) {
        Set<String> referenced = new HashSet<>();
        index.tree().kustomizations().values().forEach(k -> {
            referenced.addAll(k.resources());
            referenced.addAll(k.nonResourceFiles());
        });
        for (String file : index.tree().yamlFiles()) {
            String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
            KustomizationFile k = index.tree().kustomizations().get(dir);
            if (k != null && !file.equals(k.file()) && !referenced.contains(file) && !index.inFile(file).isEmpty()) {
                out.atFile(file, 1, file, "not listed in " + k.file() + ", so it is never applied",
                        "add it to resources, or move it out of the directory");
            }
        }
    }

    private static void plaintextSecrets(TreeIndex index, Findings out) {
        for (SourceObject secret : index.ofKind("", "Secret")) {
            boolean sops = SopsSecrets.hasMetadata(secret);
            for (String field : List.of("data", "stringData")) {
                JsonNode values = secret.node().path(field);
                values.fieldNames().forEachRemaining(key -> {
                    String value = values.path(key).asText("").strip();
                    if (!value.isEmpty() && !SopsSecrets.isEncrypted(value) && !SECRET_REFERENCE.matcher(value).matches()) {
                        // With sops metadata, a value left out (unencrypted_suffix, encrypted_regex) is plain text too.
                        out.at(secret, "/" + field + "/" + key, "the value of " + key + " is in Git in plain text"
                                + (field.equals("data") ? " (base64 is an encoding, not encryption)" : "")
                                + (sops ? "; the file has sops metadata, but its rules left this value out" : ""),
                                sops ? "encrypt data and stringData: encrypted_regex: ^(data|stringData)$ in .sops.yaml,"
                                        + " then sops --encrypt --in-place FILE"
                                        : "encrypt it with SOPS (age), or use a SealedSecret / ExternalSecret");
                    }
                });
            }
        }
    }
}
