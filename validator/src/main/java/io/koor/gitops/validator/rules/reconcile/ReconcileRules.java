package io.koor.gitops.validator.rules.reconcile;

import static io.koor.gitops.validator.finding.Severity.ERROR;
import static io.koor.gitops.validator.finding.Severity.NOTE;
import static io.koor.gitops.validator.finding.Severity.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.load.SourceObject;
import io.koor.gitops.validator.rules.ArgoApplications;
import io.koor.gitops.validator.rules.Findings;
import io.koor.gitops.validator.rules.Rule;
import io.koor.gitops.validator.rules.TreeIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The reconcile check: each cluster's tree applied, in its order, to an empty cluster. Every object
 * needs its API served (by Kubernetes, a CRD or a chart of an earlier step, or from outside Git as
 * declared) and its namespace created first; storage and snapshot classes need a CSI driver that
 * something installs, Ingresses and Gateways a controller for their class.
 */
public final class ReconcileRules {
    /** Where a tree declares what its clusters get from outside Git. */
    public static final String EXTERNAL_FILE = ExternalApis.FILE;
    private static final String DECLARE = "or, if the cluster gets it from outside Git, declare it in " + ExternalApis.FILE;

    private ReconcileRules() {
    }

    public static List<Rule> all() {
        return List.of(
                rule("api-not-served", ERROR, "An object whose API group and kind neither Kubernetes, nor a CRD or chart the cluster gets, nor a declaration of what it gets from outside Git serves.",
                        "install the API first (CRDs, or a chart from the validator's table) in a step this one depends on, " + DECLARE,
                        ReconcileRules::apisServed),
                rule("api-served-later", ERROR, "An object whose API comes only in a later step than the object itself, which therefore never applies.",
                        "move the CRD or chart to a step the object's step depends on (dependsOn, an earlier sync wave)",
                        ReconcileRules::apisServedLater),
                rule("apply-order-unspecified", WARNING, "An object needing an API or namespace from a step the tree does not order before its own: it applies only if that step happens to win the race.",
                        "make the object's step depend on the provider's (Flux dependsOn with wait: true, an earlier sync wave)",
                        ReconcileRules::unordered),
                rule("reconcile-provider-unknown", NOTE, "A chart the reconcile check's table does not know: the APIs, CSI drivers and classes it brings are not counted.",
                        "if objects of the tree need what it brings, declare that in " + ExternalApis.FILE, ReconcileRules::unknownCharts),
                rule("csi-driver-missing", ERROR, "A StorageClass or VolumeSnapshotClass whose provisioner or driver nothing in the cluster installs.",
                        "install the CSI driver (Rook's operator chart brings <operator namespace>.rbd.csi.ceph.com and .cephfs.csi.ceph.com), fix the name, " + DECLARE,
                        ReconcileRules::csiDrivers),
                rule("rook-csi-drivers-missing", ERROR, "A Rook operator chart of v1.20 or later in a cluster whose tree installs no ceph-csi-drivers chart and no csi.ceph.io Driver: from v1.20 the operator makes no CSI driver, so an empty cluster never provisions a volume, and an upgraded one's drivers fail for want of the service accounts that chart brings.",
                        "install the ceph-csi-drivers chart from https://ceph.github.io/ceph-csi-operator at the version of rook-ceph's ceph-csi-operator subchart, with Rook's deploy/charts/ceph-csi-drivers/values.yaml, after the operator",
                        ReconcileRules::rookCsiDrivers),
                rule("csi-snapshots-disabled", ERROR, "A VolumeSnapshotClass whose ceph-csi driver runs no snapshotter (snapshotPolicy none, the ceph-csi-drivers chart's default for RBD): its VolumeSnapshots, and the backups made of them, never become ready.",
                        "set drivers.<rbd|cephfs>.snapshotPolicy: volumeSnapshot in the ceph-csi-drivers chart's values (or spec.snapshotPolicy of the Driver), or drop the class",
                        ReconcileRules::csiSnapshots),
                rule("ingress-class-missing", ERROR, "An Ingress or Gateway whose class no controller in the cluster serves.",
                        "install an ingress or Gateway API controller (a chart from the validator's table, or an IngressClass / GatewayClass), fix the class, " + DECLARE,
                        ReconcileRules::classes),
                rule("namespace-missing", ERROR, "A namespaced object (or a chart's target namespace) whose Namespace nothing creates.",
                        "add the Namespace to the object's step or an earlier one (or HelmRelease install.createNamespace, Argo CD CreateNamespace=true), " + DECLARE,
                        (view, out) -> namespaces(view, out, false)),
                rule("namespace-created-later", ERROR, "A namespaced object whose Namespace is created only in a later step.",
                        "create the Namespace in the object's step or in one it depends on",
                        (view, out) -> namespaces(view, out, true)),
                rule("external-apis-invalid", ERROR, "A declaration of what clusters get from outside Git (" + ExternalApis.FILE + " or the " + ExternalApis.ANNOTATION + " annotation) that cannot be read.",
                        "fix the entry as the message says; the format is in the README's reconcile section", ReconcileRules::declarations));
    }

    private static Rule rule(String id, Severity severity, String doc, String hint, BiConsumer<TreeIndex, Findings> check) {
        return new Rule(new RuleDescriptor(id, severity, RuleDescriptor.Scope.TREE, doc, hint), check, true);
    }

    /** What became of one need of one object. */
    private enum Outcome { MET, UNORDERED, LATER, MISSING }

    private record Verdict(Outcome outcome, String why) {
    }

    /** The best any provider offers the user's step. */
    private static Verdict judge(ClusterSupply s, List<ClusterSupply.Provider> providers, String userStep) {
        Verdict best = new Verdict(Outcome.MISSING, "");
        for (ClusterSupply.Provider p : providers) {
            Verdict v = judge(s, p, userStep);
            if (v.outcome().ordinal() < best.outcome().ordinal()) {
                best = v;
            }
        }
        return best;
    }

    private static Verdict judge(ClusterSupply s, ClusterSupply.Provider p, String userStep) {
        ApplyOrder.Relation relation = s.order.relation(p.step(), userStep);
        String where = p.label() + " in " + step(p.step());
        boolean release = p.via() == ClusterSupply.Via.RELEASE;
        return switch (relation) {
            case SAME -> !release ? new Verdict(Outcome.MET, "")
                    : p.step().equals(TreeIndex.ENTRY) && s.entryOrderUnknown() ? new Verdict(Outcome.UNORDERED, where
                            + ", which Kustomizations of other sources (ExternalArtifacts, say) apply: the check cannot see their order")
                    : s.view.hasAppliers() ? new Verdict(Outcome.LATER, where + ", the same step: the chart is installed only after"
                            + " the step's objects applied, and they fail first")
                    : new Verdict(Outcome.UNORDERED, where + ", in the same files, installed after they are applied");
            case READY_BEFORE -> !release || s.order.waitsForCharts(p.step()) ? new Verdict(Outcome.MET, "")
                    : new Verdict(Outcome.UNORDERED, where + ", which is Ready once applied: it has no wait: true (or"
                            + " healthChecks on its HelmReleases), so the chart may not be installed yet");
            case APPLIED_BEFORE -> !release ? new Verdict(Outcome.MET, "")
                    : new Verdict(Outcome.UNORDERED, where + ", applied earlier but not waited for");
            case AFTER -> new Verdict(Outcome.LATER, where + ", which comes after this object's step");
            case UNORDERED -> new Verdict(Outcome.UNORDERED, where + ", which the tree does not order before "
                    + step(userStep));
        };
    }

    /** A provider that may not bring the need at all (a remote resource nobody read): coming later is a warning. */
    private static Verdict guessed(Verdict v) {
        return v.outcome() == Outcome.LATER ? new Verdict(Outcome.UNORDERED, v.why() + " (if it brings it at all: a guess)") : v;
    }

    private static String step(String step) {
        if (step.equals(TreeIndex.ENTRY)) {
            return "the cluster's entry files";
        }
        return step.startsWith(TreeIndex.ARGO_APPLIER) ? step : "Kustomization " + step;
    }

    /** What a failed object takes down with it. */
    private static String consequence(ClusterSupply s, String step) {
        if (step.equals(TreeIndex.ENTRY) || !s.view.hasAppliers()) {
            return "";
        }
        return s.order.isArgo(step) ? "; the sync of " + step + " fails"
                : "; Flux's apply of Kustomization " + step + " fails as a whole, so none of its objects apply";
    }

    private static String inCluster(ClusterSupply s) {
        return s.order.cluster().isEmpty() ? "" : " (cluster " + s.order.cluster() + ")";
    }

    /** What the objects come from: "cluster demo gets", or "the tree holds" when it names no cluster. */
    private static String gets(ClusterSupply s) {
        return s.order.cluster().isEmpty() ? "the tree holds" : "cluster " + s.order.cluster() + " gets";
    }

    // ---- APIs

    /** An API need of an object, when Kubernetes or the GitOps controller do not serve it themselves. */
    private static boolean needsApi(TreeIndex view, SourceObject o) {
        String group = o.group();
        if (o.kind().isEmpty() || o.kind().equals("List") || KubernetesApis.serves(group, o.kind(), view.kubernetesMinor())) {
            return false;
        }
        // the controllers applying the tree serve their own APIs: flux bootstrap / install (also source-watcher's
        // source.extensions.fluxcd.io and the Flux Operator's), Argo CD's install
        return !(group.endsWith(".toolkit.fluxcd.io") || group.endsWith(".extensions.fluxcd.io")
                || group.equals("fluxcd.controlplane.io") || group.equals("argoproj.io"));
    }

    private interface ApiReport {
        void report(ClusterSupply s, SourceObject o, String step, Verdict v, Findings out);
    }

    private static void eachApiNeed(TreeIndex view, Findings out, ApiReport report) {
        ClusterSupply s = ClusterSupply.of(view);
        for (SourceObject o : view.objects()) {
            if (!needsApi(view, o) || s.declared.servesApi(o.group(), o.kind()) || s.bootstrapApis.containsKey(o.group())) {
                continue;
            }
            String step = s.order.stepOf(o);
            Set<String> annotated = s.annotatedApis.getOrDefault(step, Set.of());
            if (annotated.contains(o.group()) || annotated.contains(o.group() + "/" + o.kind())) {
                continue;
            }
            List<ClusterSupply.Provider> providers = new ArrayList<>(s.apis.getOrDefault(o.group() + "/" + o.kind(), List.of()));
            providers.addAll(s.apis.getOrDefault(o.group(), List.of()));
            Verdict v = judge(s, providers, step);
            if (v.outcome() == Outcome.MISSING && s.bootstrapMayServe(o.group())) {
                continue; // as for an unknown chart of an earlier step: taken to serve it
            }
            if (v.outcome() == Outcome.MISSING) {
                v = judge(s, s.unknownProviders(o.group()), step);
                if (v.outcome() == Outcome.LATER) { // a guess that the chart serves the group: a warning, not an error
                    v = new Verdict(Outcome.UNORDERED, v.why() + " (if that chart serves it at all: the table does not"
                            + " know it, so this is a guess)");
                }
            }
            if (v.outcome() == Outcome.MISSING) {
                v = guessed(judge(s, s.remoteResources(o.group()), step));
            }
            if (v.outcome() != Outcome.MET) {
                report.report(s, o, step, v, out);
            }
        }
    }

    private static void apisServed(TreeIndex view, Findings out) {
        eachApiNeed(view, out, (s, o, step, v, found) -> {
            if (v.outcome() != Outcome.MISSING || s.plainManifests()) {
                return;
            }
            found.at(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is served neither by Kubernetes 1."
                    + view.kubernetesMinor() + ", nor by a CRD or chart " + gets(s)
                    + (ChartApis.tableKnows(o.group()) ? " (of the charts that serve " + o.group() + ", it installs none)" : "")
                    + consequence(s, step),
                    "install " + o.group() + " first, in a step this one depends on, " + DECLARE);
        });
    }

    private static void apisServedLater(TreeIndex view, Findings out) {
        eachApiNeed(view, out, (s, o, step, v, found) -> {
            if (v.outcome() == Outcome.LATER) {
                found.at(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is served only by " + v.why()
                        + consequence(s, step), "serve " + o.group() + " in a step that " + step(step)
                        + " depends on, and let that step wait for it");
            }
        });
    }

    private static void unordered(TreeIndex view, Findings out) {
        eachApiNeed(view, out, (s, o, step, v, found) -> {
            if (v.outcome() == Outcome.UNORDERED) {
                found.at(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is served by " + v.why(),
                        "let " + step(step) + " depend on the step that serves " + o.group() + " (Flux dependsOn with wait:"
                                + " true; an earlier sync wave of one parent Application)");
            }
        });
        eachNamespaceNeed(view, (s, need, v) -> {
            if (v.outcome() == Outcome.UNORDERED) {
                at(out, need, "namespace " + need.namespace() + " is created by " + v.why(),
                        "create the Namespace in " + step(need.step()) + " itself, or in a step it depends on");
            }
        });
    }

    private static void unknownCharts(TreeIndex view, Findings out) {
        ClusterSupply s = ClusterSupply.of(view);
        Set<String> assumed = new TreeSet<>();
        for (SourceObject o : view.objects()) {
            if (needsApi(view, o) && !s.unknownProviders(o.group()).isEmpty()
                    && s.apis.getOrDefault(o.group(), List.of()).isEmpty()
                    && s.apis.getOrDefault(o.group() + "/" + o.kind(), List.of()).isEmpty()) {
                assumed.add(o.group());
            }
        }
        Set<String> drivers = new TreeSet<>();
        if (!s.plainManifests()) {
            unmetDrivers(s).forEach(need -> drivers.add(need.driver()));
        }
        for (ClusterSupply.InstalledChart chart : s.unknownCharts()) {
            out.at(chart.install().source(), chart.install().versionPointer().replaceFirst("/[^/]*$", ""),
                    "chart " + chart.install().chart() + " is not in the reconcile check's table: it is taken to serve only"
                            + " groups no known chart serves" + (assumed.isEmpty() ? "" : " (here " + String.join(", ", assumed) + ")")
                            + ", and the CSI drivers and ingress classes it may bring are not judged"
                            + (drivers.isEmpty() ? "" : " (the tree's classes need " + String.join(", ", drivers) + ")")
                            + inCluster(s),
                    "if objects of the tree need what it brings, declare those APIs, drivers or classes in " + ExternalApis.FILE);
        }
    }

    // ---- CSI drivers, ingress and Gateway classes: order does not matter (objects wait for their controller)

    /** A storage or snapshot class whose driver nothing known installs. */
    private record DriverNeed(SourceObject object, String pointer, String driver) {
    }

    private static List<DriverNeed> unmetDrivers(ClusterSupply s) {
        List<DriverNeed> needs = new ArrayList<>();
        for (SourceObject o : s.view.objects()) {
            String pointer = switch (o.group() + "/" + o.kind()) {
                case "storage.k8s.io/StorageClass" -> "/provisioner";
                case "snapshot.storage.k8s.io/VolumeSnapshotClass", "groupsnapshot.storage.k8s.io/VolumeGroupSnapshotClass" -> "/driver";
                default -> null;
            };
            if (pointer == null) {
                continue;
            }
            String driver = o.node().at(pointer).asText("");
            if (!driver.isEmpty() && !driver.equals("kubernetes.io/no-provisioner") && !s.csiDrivers.containsKey(driver)
                    && !s.declared.has("csiDrivers", driver)) {
                needs.add(new DriverNeed(o, pointer, driver));
            }
        }
        return needs;
    }

    private static void csiDrivers(TreeIndex view, Findings out) {
        ClusterSupply s = ClusterSupply.of(view);
        if (s.plainManifests() || !s.unknownCharts().isEmpty()) {
            return; // no cluster to bring up; or a chart the table does not know may bring the driver (its note says so)
        }
        for (DriverNeed need : unmetDrivers(s)) {
            SourceObject o = need.object();
            String pointer = need.pointer();
            String driver = need.driver();
            out.at(o, pointer, o.kind() + " " + o.name() + " needs " + (pointer.equals("/driver") ? "the CSI driver " : "the provisioner ")
                    + driver + ", which nothing" + inCluster(s) + " installs" + known(s.csiDrivers.keySet()),
                    "install the driver, fix the name, " + DECLARE);
        }
    }

    private static void rookCsiDrivers(TreeIndex view, Findings out) {
        ClusterSupply s = ClusterSupply.of(view);
        boolean driversMade = s.charts.stream().anyMatch(c -> c.install().chart().equals("ceph-csi-drivers"))
                || !view.ofKind("csi.ceph.io", "Driver").isEmpty();
        if (driversMade) {
            return;
        }
        for (ClusterSupply.InstalledChart chart : s.charts) {
            if (chart.install().chart().equals("rook-ceph") && ChartApis.rookNeedsDriversChart(chart.chart())) {
                out.at(chart.install().versionSource(), chart.install().versionPointer(), "Rook " + chart.chart().version()
                                + " (" + chart.install().source().id() + ") makes no CSI driver itself, and nothing" + inCluster(s)
                                + " installs the ceph-csi-drivers chart or a csi.ceph.io Driver: on an empty cluster no"
                                + " PersistentVolumeClaim on its StorageClasses is ever provisioned, and on an upgraded one the drivers v1.19 made"
                                + " fail for want of that chart's service accounts (Rook's v1.20 upgrade guide)",
                        "install the ceph-csi-drivers chart (https://ceph.github.io/ceph-csi-operator, the version of the"
                                + " rook-ceph chart's ceph-csi-operator subchart, 1.0.4 for v1.20.6) with Rook's"
                                + " deploy/charts/ceph-csi-drivers/values.yaml, depending on the operator");
            }
        }
    }

    private static void csiSnapshots(TreeIndex view, Findings out) {
        ClusterSupply s = ClusterSupply.of(view);
        Map<String, String> withoutSnapshots = new LinkedHashMap<>();
        for (ClusterSupply.InstalledChart chart : s.charts) {
            if (chart.install().chart().equals("ceph-csi-drivers")) {
                ChartApis.driversWithoutSnapshots(chart.chart()).forEach(d -> withoutSnapshots.put(d,
                        "the ceph-csi-drivers chart (" + chart.install().source().id() + ") gives it snapshotPolicy none"));
            }
        }
        for (SourceObject driver : view.ofKind("csi.ceph.io", "Driver")) {
            if (driver.spec().path("snapshotPolicy").asText("").equals("none")) {
                withoutSnapshots.put(driver.name(), "its Driver (" + driver.id() + ") says snapshotPolicy: none");
            }
        }
        if (withoutSnapshots.isEmpty()) {
            return;
        }
        for (SourceObject o : view.objects()) {
            if (o.group().equals("snapshot.storage.k8s.io") && o.kind().equals("VolumeSnapshotClass")) {
                String why = withoutSnapshots.get(o.node().path("driver").asText(""));
                if (why != null) {
                    out.at(o, "/driver", "VolumeSnapshotClass " + o.name() + " uses " + o.node().path("driver").asText()
                                    + ", which runs no csi-snapshotter: " + why + inCluster(s)
                                    + "; its VolumeSnapshots never become ready",
                            "set snapshotPolicy: volumeSnapshot for that driver (drivers.<kind>.snapshotPolicy of the chart)");
                }
            }
        }
    }

    private static String known(Set<String> names) {
        return names.isEmpty() ? "" : " (the cluster has " + String.join(", ", new TreeSet<>(names)) + ")";
    }

    private static void classes(TreeIndex view, Findings out) {
        ClusterSupply s = ClusterSupply.of(view);
        if (s.plainManifests() || !s.unknownCharts().isEmpty()) {
            return; // as for CSI drivers
        }
        for (SourceObject ingress : view.ofKind("networking.k8s.io", "Ingress")) {
            JsonNode byField = ingress.spec().path("ingressClassName");
            String byAnnotation = ingress.annotation("kubernetes.io/ingress.class");
            String name = byField.isTextual() ? byField.asText() : byAnnotation;
            String pointer = byField.isTextual() ? "/spec/ingressClassName" : "/metadata/annotations";
            if (name == null) {
                if (s.defaultIngressClasses.isEmpty() && !s.declared.lists().containsKey("ingressClasses")) {
                    out.at(ingress, "/spec", "Ingress " + ingress.name() + " names no class and the cluster" + inCluster(s)
                            + " has no default IngressClass, so no controller serves it" + known(s.ingressClasses.keySet()),
                            "set spec.ingressClassName to a class an installed controller serves, " + DECLARE);
                }
            } else if (!s.ingressClasses.containsKey(name) && !s.declared.has("ingressClasses", name)) {
                out.at(ingress, pointer, "Ingress " + ingress.name() + " asks for class " + name + ", which no controller"
                        + inCluster(s) + " serves" + known(s.ingressClasses.keySet()),
                        "install an ingress controller for it, use a class the cluster has, " + DECLARE);
            }
        }
        for (SourceObject gateway : view.ofKind("gateway.networking.k8s.io", "Gateway")) {
            String name = gateway.spec().path("gatewayClassName").asText("");
            if (!name.isEmpty() && !s.gatewayClasses.containsKey(name) && !s.declared.has("gatewayClasses", name)) {
                out.at(gateway, "/spec/gatewayClassName", "Gateway " + gateway.name() + " asks for GatewayClass " + name
                        + ", which neither the tree nor a chart" + inCluster(s) + " defines" + known(s.gatewayClasses.keySet()),
                        "define the GatewayClass for the installed Gateway API controller, fix the name, " + DECLARE);
            }
        }
    }

    // ---- namespaces

    /** @param chart whether the namespace is a chart's target, which the installer needs (not the step's apply) */
    private record NamespaceNeed(SourceObject object, String pointer, String namespace, String step, boolean chart) {
    }

    private static String consequence(ClusterSupply s, NamespaceNeed need) {
        if (need.chart() && need.object().kind().equals("HelmRelease")) {
            return "; helm-controller cannot install the chart";
        }
        return consequence(s, need.step());
    }

    private interface NamespaceReport {
        void report(ClusterSupply s, NamespaceNeed need, Verdict v);
    }

    private static void eachNamespaceNeed(TreeIndex view, NamespaceReport report) {
        ClusterSupply s = ClusterSupply.of(view);
        List<NamespaceNeed> needs = new ArrayList<>();
        for (SourceObject o : view.objects()) {
            if (!o.namespace().isEmpty() && !o.kind().equals("Namespace") && !s.clusterScoped(o)) {
                needs.add(new NamespaceNeed(o, "/metadata/namespace", o.namespace(), s.order.stepOf(o), false));
            }
        }
        for (ClusterSupply.InstalledChart chart : s.charts) {
            SourceObject source = chart.install().source();
            String ns = chart.install().namespace();
            boolean createdByInstaller = source.kind().equals("HelmRelease")
                    ? source.spec().path("install").path("createNamespace").asBoolean(false)
                    : ArgoApplications.is(source) && ClusterSupply.createsNamespace(source);
            if (!ns.isEmpty() && !createdByInstaller && !ns.equals(source.namespace())) {
                String pointer = source.kind().equals("HelmRelease") ? "/spec/targetNamespace"
                        : ArgoApplications.is(source) ? "/spec/destination/namespace" : "";
                needs.add(new NamespaceNeed(source, pointer, ns, chart.step(), true));
            }
        }
        for (NamespaceNeed need : needs) {
            if (s.assumedNamespaces.contains(need.namespace())) {
                continue;
            }
            Verdict v = judge(s, s.namespaces.getOrDefault(need.namespace(), List.of()), need.step());
            if (v.outcome() == Outcome.MISSING) {
                v = guessed(judge(s, s.remoteResources("namespace " + need.namespace()), need.step()));
            }
            if (v.outcome() != Outcome.MET) {
                report.report(s, need, v);
            }
        }
    }

    /** A kustomize helmCharts entry has no object of its own: its finding names the kustomization file. */
    private static void at(Findings out, NamespaceNeed need, String message, String hint) {
        SourceObject o = need.object();
        if (need.pointer().isEmpty()) {
            out.atFile(o.file(), o.line(), "helmCharts of " + o.file(), message, hint);
        } else {
            out.at(o, need.pointer(), message, hint);
        }
    }

    private static void namespaces(TreeIndex view, Findings out, boolean later) {
        eachNamespaceNeed(view, (s, need, v) -> {
            if (!later && v.outcome() == Outcome.MISSING && !s.plainManifests()) {
                at(out, need, "namespace " + need.namespace() + " is created by nothing " + gets(s)
                        + consequence(s, need), "add a Namespace " + need.namespace() + " to "
                        + step(need.step()) + " or a step it depends on, " + DECLARE);
            } else if (later && v.outcome() == Outcome.LATER) {
                at(out, need, "namespace " + need.namespace() + " is created only by " + v.why()
                        + consequence(s, need), "create the Namespace in " + step(need.step()) + " or a step it depends on");
            }
        });
    }

    // ---- declarations

    private static void declarations(TreeIndex view, Findings out) {
        for (ExternalApis.Problem p : ClusterSupply.of(view).problems) {
            out.atFile(p.file(), p.line(), p.resource(), p.message(), "fix the entry; " + ExternalApis.FILE
                    + " holds lists apis, csiDrivers, ingressClasses, gatewayClasses, storageClasses, namespaces (and clusters.NAME)");
        }
    }

    /** StorageClasses a cluster declares it gets from outside Git, for the claim rules. */
    public static Set<String> externalStorageClasses(TreeIndex view) {
        return ClusterSupply.of(view).declared.lists().getOrDefault("storageClasses", Set.of());
    }
}
