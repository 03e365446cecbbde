package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;

import io.koor.gitops.validator.load.SourceObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rook across the GitOps layers: chart versions that agree, and ordering between Rook and its users. */
final class RookRules {
    private RookRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.tree("rook-chart-versions-differ", ERROR, "Rook's operator chart and cluster chart at different versions in one cluster.", "install the operator and cluster charts at the same version",
                        RookRules::chartVersions),
                Rule.tree("rook-missing-dependson", ERROR, "Ceph resources applied without waiting for the Rook operator, whose CRDs they need.",
                        "add dependsOn on what installs the Rook operator", RookRules::ordering),
                Rule.tree("rook-sync-wave-order", ERROR, "Argo CD Applications that use Rook's CRDs, or claim Ceph storage, in no later sync wave than what they need.", "give the Application a later argocd.argoproj.io/sync-wave than what it needs",
                        RookRules::syncWaves));
    }

    private static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";

    private static int wave(SourceObject app) {
        try {
            return Integer.parseInt(app.annotation(SYNC_WAVE) == null ? "0" : app.annotation(SYNC_WAVE).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An Argo CD Application installing the chart, from its source or any of its sources. */
    private static boolean argoChart(SourceObject o, String chart) {
        return ArgoApplications.is(o) && ArgoApplications.sources(o).stream().anyMatch(s -> s.chart().equals(chart));
    }

    /** What an Application puts in the cluster: a chart Application stands for its chart; paths, through nested Applications. */
    private static List<SourceObject> deployedBy(TreeIndex index, SourceObject app, Set<String> seen) {
        List<SourceObject> out = new java.util.ArrayList<>();
        if (!seen.add(app.file() + ":" + app.line())) {
            return out;
        }
        out.add(app);
        for (ArgoApplications.Source source : ArgoApplications.sources(app)) {
            if (!source.isPath()) {
                continue;
            }
            for (String file : index.filesUnder(source.path())) {
                for (SourceObject o : index.inFile(file)) {
                    if (ArgoApplications.is(o)) {
                        out.addAll(deployedBy(index, o, seen));
                    } else {
                        out.add(o);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Argo CD orders the Applications of one app of apps by sync wave alone, so what uses Rook's CRDs
     * must come in a later wave than what installs the operator, and claims on Ceph storage later than
     * the Ceph cluster. Siblings are the Applications of one directory.
     */
    private static void syncWaves(TreeIndex index, Findings out) {
        Set<String> cephClasses = cephStorageClasses(index);
        Map<String, List<SourceObject>> siblings = new java.util.TreeMap<>();
        for (SourceObject app : index.ofKind("argoproj.io", "Application")) {
            String file = app.file();
            siblings.computeIfAbsent(file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "", d -> new java.util.ArrayList<>())
                    .add(app);
        }
        for (List<SourceObject> apps : siblings.values()) {
            Map<SourceObject, List<SourceObject>> deployed = new java.util.LinkedHashMap<>();
            apps.forEach(app -> deployed.put(app, deployedBy(index, app, new HashSet<>())));
            for (SourceObject provider : apps) {
                List<SourceObject> provides = deployed.get(provider);
                boolean operator = provides.stream().anyMatch(o -> isOperator(index, o) || argoChart(o, ChartKnowledge.ROOK_OPERATOR));
                boolean cluster = provides.stream().anyMatch(o -> definesCephCluster(index, o) || argoChart(o, ChartKnowledge.ROOK_CLUSTER));
                for (SourceObject user : apps) {
                    if (user == provider || wave(user) > wave(provider)) {
                        continue;
                    }
                    List<SourceObject> uses = deployed.get(user);
                    String what = operator && uses.stream().anyMatch(o -> usesRookCrds(index, o) || argoChart(o, ChartKnowledge.ROOK_CLUSTER))
                            ? "creates Ceph resources, but " + provider.name() + " installs the Rook operator"
                            : cluster && uses.stream().anyMatch(o -> claimedClasses(o).stream().anyMatch(cephClasses::contains))
                            ? "claims Ceph storage, but " + provider.name() + " creates the Ceph cluster" : null;
                    if (what != null) {
                        out.at(user, "/metadata", "Application " + user.name() + " (sync wave " + wave(user) + ") " + what
                                + " in wave " + wave(provider) + ", so Argo CD does not wait for it",
                                "give " + user.name() + " " + SYNC_WAVE + ": \"" + (wave(provider) + 1) + "\" or higher, and"
                                        + " restore Argo CD's Application health check in argocd-cm so that waves wait");
                    }
                }
            }
        }
    }

    /**
     * The operator and cluster charts of one cluster at different releases. The version is read
     * where it is written: a HelmRelease's chart.spec, the OCIRepository (tag or semver) or
     * HelmChart its chartRef names, an Application's targetRevision, a helmCharts entry; a tag's
     * leading 'v' is not part of the release. '*' (or no version) is the latest release, which
     * differs from a pinned one; other ranges cannot be compared and are left alone.
     */
    private static void chartVersions(TreeIndex index, Findings out) {
        List<ChartKnowledge.Install> installs = ChartKnowledge.installs(index);
        for (ChartKnowledge.Install cluster : installs) {
            if (!cluster.chart().equals(ChartKnowledge.ROOK_CLUSTER) || release(cluster).isEmpty()) {
                continue;
            }
            for (ChartKnowledge.Install operator : installs) {
                if (operator.chart().equals(ChartKnowledge.ROOK_OPERATOR) && !release(operator).isEmpty()
                        && !release(operator).equals(release(cluster))
                        && !(release(operator).equals(LATEST) && release(cluster).equals(LATEST))) {
                    out.at(cluster.versionSource(), cluster.versionPointer(), "rook-ceph-cluster " + cluster.version()
                            + " but the operator chart rook-ceph is " + operator.version() + " (" + operator.versionSource().file()
                            + ":" + operator.versionSource().line() + ")", "upgrade both charts to the same version together");
                }
            }
        }
    }

    private static final String LATEST = "*";

    /** An exact release X.Y.Z (without a tag's 'v'), {@link #LATEST} for '*' or none, or "" for another range. */
    private static String release(ChartKnowledge.Install install) {
        String v = install.version().strip().replaceFirst("^v", "");
        if (v.isEmpty() || v.equals(LATEST)) {
            return LATEST;
        }
        return v.matches("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?") ? v : "";
    }

    private static boolean isOperator(TreeIndex index, SourceObject o) {
        return o.kind().equals("HelmRelease") && ChartKnowledge.chart(index, o).equals(ChartKnowledge.ROOK_OPERATOR)
                || o.kind().equals("Deployment") && o.name().equals("rook-ceph-operator");
    }

    private static boolean usesRookCrds(TreeIndex index, SourceObject o) {
        return o.group().equals("ceph.rook.io") || o.kind().equals("HelmRelease")
                && ChartKnowledge.chart(index, o).equals(ChartKnowledge.ROOK_CLUSTER);
    }

    private static void ordering(TreeIndex index, Findings out) {
        Map<String, SourceObject> fluxById = new java.util.HashMap<>();
        index.ofKind(TreeIndex.FLUX_KUSTOMIZE_GROUP, "Kustomization").forEach(k -> fluxById.putIfAbsent(TreeIndex.fluxId(k), k));
        for (Map.Entry<String, Map<String, Set<String>>> cluster : index.applyGraph().entrySet()) {
            String operatorKs = null;
            for (Map.Entry<String, Set<String>> ks : cluster.getValue().entrySet()) {
                for (String file : ks.getValue()) {
                    if (TreeIndex.isFluxApplier(ks.getKey()) && index.inFile(file).stream().anyMatch(o -> isOperator(index, o))) {
                        operatorKs = ks.getKey();
                    }
                }
            }
            if (operatorKs == null) {
                continue; // Rook is installed outside this tree, or not by Flux
            }
            for (Map.Entry<String, Set<String>> ks : cluster.getValue().entrySet()) {
                if (!TreeIndex.isFluxApplier(ks.getKey())) {
                    continue;
                }
                for (String file : ks.getValue()) {
                    for (SourceObject o : index.inFile(file)) {
                        if (!usesRookCrds(index, o) || releaseWaitsFor(index, o, r -> isOperator(index, r))) {
                            continue; // helm-controller waits for the releases a HelmRelease dependsOn, whichever Kustomization applies them
                        }
                        if (ks.getKey().equals(operatorKs)) {
                            out.at(o, "", o.id() + " is applied by Flux Kustomization " + ks.getKey()
                                    + ", the same one that installs the Rook operator, so its CRDs may not exist yet",
                                    "move it to a Kustomization with dependsOn " + operatorKs);
                        } else if (!dependsOn(fluxById, ks.getKey(), operatorKs)) {
                            out.at(o, "", o.id() + " is applied by Flux Kustomization " + ks.getKey()
                                    + ", which does not depend on " + operatorKs + " (the Rook operator)",
                                    "add dependsOn: [{name: " + operatorKs.substring(operatorKs.indexOf('/') + 1) + "}] to "
                                            + ks.getKey() + ", with wait: true on " + operatorKs);
                        }
                    }
                }
            }
        }
    }

    static boolean definesCephCluster(TreeIndex index, SourceObject o) {
        return o.kind().equals("CephCluster") && o.group().equals("ceph.rook.io") || o.kind().equals("HelmRelease")
                && ChartKnowledge.chart(index, o).equals(ChartKnowledge.ROOK_CLUSTER);
    }

    /** Storage class names served by Ceph: Ceph CSI provisioners in the tree, and those Rook's cluster chart creates. */
    static Set<String> cephStorageClasses(TreeIndex index) {
        Set<String> classes = new HashSet<>();
        index.ofKind("storage.k8s.io", "StorageClass").stream()
                .filter(sc -> sc.node().path("provisioner").asText("").endsWith(".ceph.com")
                        || sc.node().path("provisioner").asText("").endsWith(".ceph.rook.io/bucket"))
                .forEach(sc -> classes.add(sc.name()));
        classes.addAll(ChartKnowledge.storageClassesCreated(index));
        return classes;
    }

    static List<String> claimedClasses(SourceObject o) {
        List<String> names = new java.util.ArrayList<>();
        switch (o.kind()) {
            case "PersistentVolumeClaim", "ObjectBucketClaim" -> names.add(o.spec().path("storageClassName").asText(""));
            case "StatefulSet" -> o.spec().path("volumeClaimTemplates")
                    .forEach(t -> names.add(t.path("spec").path("storageClassName").asText("")));
            default -> { }
        }
        return names;
    }

    /** Whether a HelmRelease depends, directly or through other releases, on a release that {@code target} accepts. */
    static boolean releaseWaitsFor(TreeIndex index, SourceObject release, java.util.function.Predicate<SourceObject> target) {
        Deque<SourceObject> pending = new ArrayDeque<>(List.of(release));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty() && pending.peek().kind().equals("HelmRelease")) {
            SourceObject r = pending.pop();
            for (var dep : r.spec().path("dependsOn")) {
                String ns = dep.path("namespace").asText(r.namespace());
                var found = index.find("helm.toolkit.fluxcd.io", "HelmRelease", ns, dep.path("name").asText());
                if (found.isPresent() && target.test(found.get())) {
                    return true;
                }
                if (found.isPresent() && seen.add(ns + "/" + found.get().name())) {
                    pending.push(found.get());
                }
            }
        }
        return false;
    }

    /** Whether Flux Kustomization {@code from} transitively depends on {@code target}. */
    static boolean dependsOn(Map<String, SourceObject> fluxById, String from, String target) {
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            SourceObject k = fluxById.get(pending.pop());
            if (k == null) {
                continue;
            }
            for (var dep : k.spec().path("dependsOn")) {
                String id = dep.path("namespace").asText(k.namespace().isEmpty() ? "flux-system" : k.namespace()) + "/"
                        + dep.path("name").asText();
                if (id.equals(target)) {
                    return true;
                }
                if (seen.add(id)) {
                    pending.push(id);
                }
            }
        }
        return false;
    }
}
