package io.koor.gitops.validator.rules;

import static io.koor.gitops.validator.finding.Severity.ERROR;
import static io.koor.gitops.validator.finding.Severity.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.validator.load.FluxVariables;
import io.koor.gitops.validator.load.SourceObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Rules about the workloads: images, storage claims, resources. */
final class WorkloadRules {
    private static final Map<String, String> POD_TEMPLATES = Map.of(
            "Deployment", "/spec/template/spec", "StatefulSet", "/spec/template/spec", "DaemonSet", "/spec/template/spec",
            "ReplicaSet", "/spec/template/spec", "Job", "/spec/template/spec",
            "CronJob", "/spec/jobTemplate/spec/template/spec", "Pod", "/spec");
    private static final Map<String, com.fasterxml.jackson.core.JsonPointer> POINTERS = POD_TEMPLATES.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                    e -> com.fasterxml.jackson.core.JsonPointer.compile(e.getValue())));
    private static final Set<String> FLOATING_TAGS = Set.of("latest", "master", "main", "dev", "develop", "nightly",
            "edge", "stable", "head");
    private static final Pattern DIGEST = Pattern.compile(".*@sha256:[a-f0-9]{64}$");

    private WorkloadRules() {
    }

    static List<Rule> all() {
        return List.of(
                Rule.object("image-tag-floating", WARNING, "A container image without a tag, or on a moving tag such as latest or master (also in Helm values).", "pin the image to a release tag or a digest",
                        WorkloadRules::floatingImages),
                Rule.tree("pvc-storageclass-missing", ERROR, "A claim (PVC, claim template, ObjectBucketClaim) naming a StorageClass that neither the tree, a chart in it, nor " + io.koor.gitops.validator.rules.reconcile.ReconcileRules.EXTERNAL_FILE + " defines.", "name a StorageClass the cluster has, define it, or declare it under storageClasses",
                        WorkloadRules::claimClasses),
                Rule.object("resources-missing", WARNING, "A container without resource requests: the scheduler cannot place it well.", "set resources.requests for cpu and memory",
                        WorkloadRules::resourceRequests),
                Rule.object("kubernetes-api-removed", ERROR, "An API version the target Kubernetes release no longer serves.", "move to the API version the release serves",
                        WorkloadRules::removedApis),
                Rule.object("workload-runs-as-root", WARNING, "A pod that does not require running as a non-root user.", "set securityContext.runAsNonRoot: true (and a non-zero runAsUser)",
                        WorkloadRules::nonRoot),
                Rule.object("replicas-without-spread", WARNING, "Several replicas with no topology spread or anti-affinity: one node failure can take them all.", "add topologySpreadConstraints or pod anti-affinity on kubernetes.io/hostname",
                        WorkloadRules::spread),
                Rule.tree("networkpolicy-default-deny-missing", WARNING, "An application namespace running workloads without a default-deny NetworkPolicy.", "add a NetworkPolicy with podSelector: {} and no ingress rules to the namespace",
                        WorkloadRules::defaultDeny),
                Rule.object("namespace-pod-security-missing", WARNING, "A Namespace without a Pod Security admission enforce label (or with a level Kubernetes does not know), so it takes the cluster default, privileged unless configured.", "label it pod-security.kubernetes.io/enforce: restricted (baseline or privileged only where its workloads need it), with enforce-version",
                        WorkloadRules::podSecurity),
                Rule.tree("service-selects-nothing", WARNING, "A Service whose selector matches no pod template in its namespace.", "make the selector match the pod template labels", WorkloadRules::serviceSelectors),
                Rule.tree("ingress-backend-missing", WARNING, "An Ingress routing to a Service its namespace does not define.", "define the Service, or fix the backend name",
                        WorkloadRules::ingressBackends),
                Rule.tree("secret-missing", WARNING, "A Secret a pod needs that is not defined in the tree (it may come from outside Git, or an"
                                + " operator installed in the namespace).", "define the Secret in the tree, or declare where it comes from with a suppression",
                        WorkloadRules::secretReferences));
    }

    /** Kubernetes API versions and the minor release that stopped serving them. */
    private static final Map<String, Integer> REMOVED_APIS = Map.ofEntries(
            Map.entry("extensions/v1beta1", 22), Map.entry("apps/v1beta1", 16), Map.entry("apps/v1beta2", 16),
            Map.entry("networking.k8s.io/v1beta1", 22), Map.entry("rbac.authorization.k8s.io/v1beta1", 22),
            Map.entry("admissionregistration.k8s.io/v1beta1", 22), Map.entry("apiextensions.k8s.io/v1beta1", 22),
            Map.entry("scheduling.k8s.io/v1beta1", 22), Map.entry("coordination.k8s.io/v1beta1", 22),
            Map.entry("certificates.k8s.io/v1beta1", 22), Map.entry("policy/v1beta1", 25),
            Map.entry("batch/v1beta1", 25), Map.entry("autoscaling/v2beta1", 25), Map.entry("autoscaling/v2beta2", 26),
            Map.entry("discovery.k8s.io/v1beta1", 25), Map.entry("flowcontrol.apiserver.k8s.io/v1beta1", 26),
            Map.entry("flowcontrol.apiserver.k8s.io/v1beta2", 29), Map.entry("flowcontrol.apiserver.k8s.io/v1beta3", 32));

    /**
     * Versions whose removal took only these kinds: the same group version serves newer kinds again
     * (Kubernetes deprecated API migration guide, v1.22; admissionregistration.k8s.io/v1beta1
     * ValidatingAdmissionPolicy from 1.28 and MutatingAdmissionPolicy from 1.34, networking.k8s.io/v1beta1
     * IPAddress and ServiceCIDR from 1.31, certificates.k8s.io/v1beta1 ClusterTrustBundle and
     * coordination.k8s.io/v1beta1 LeaseCandidate from 1.33). Whether the newer ones are served is the
     * reconcile check's question (api-not-served).
     */
    private static final Map<String, Set<String>> REMOVED_KINDS_ONLY = Map.of(
            "admissionregistration.k8s.io/v1beta1", Set.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
            "networking.k8s.io/v1beta1", Set.of("Ingress", "IngressClass"),
            "certificates.k8s.io/v1beta1", Set.of("CertificateSigningRequest"),
            "coordination.k8s.io/v1beta1", Set.of("Lease"));

    private static void removedApis(TreeIndex index, Findings out) {
        for (SourceObject o : index.objects()) {
            Integer removedIn = REMOVED_APIS.get(o.apiVersion());
            Set<String> only = REMOVED_KINDS_ONLY.get(o.apiVersion());
            if (only != null && !only.contains(o.kind())) {
                removedIn = null;
            }
            boolean storageBeta = o.apiVersion().equals("storage.k8s.io/v1beta1")
                    && !o.kind().equals("VolumeAttributesClass"); // the beta VolumeAttributesClass is still served
            if (storageBeta) {
                removedIn = o.kind().equals("CSIStorageCapacity") ? 27 : 22;
            }
            if (removedIn != null && index.kubernetesMinor() >= removedIn) {
                out.at(o, "/apiVersion", o.apiVersion() + " " + o.kind() + " is not served since Kubernetes 1." + removedIn,
                        "move to the GA API version (kubectl convert, or the Kubernetes deprecation guide)");
            }
        }
    }

    private static JsonNode podSpec(SourceObject o) {
        return o.node().at(POINTERS.get(o.kind()));
    }

    private static void nonRoot(TreeIndex index, Findings out) {
        for (SourceObject o : index.objects()) {
            if (!POD_TEMPLATES.containsKey(o.kind()) || o.kind().equals("ReplicaSet")) {
                continue;
            }
            JsonNode spec = podSpec(o);
            boolean pod = spec.path("securityContext").path("runAsNonRoot").asBoolean(false);
            boolean everyContainer = spec.path("containers").size() > 0;
            for (JsonNode c : spec.path("containers")) {
                everyContainer &= c.path("securityContext").path("runAsNonRoot").asBoolean(false);
            }
            if (!pod && !everyContainer) {
                out.at(o, POD_TEMPLATES.get(o.kind()) + "/securityContext", o.id() + " may run as root",
                        "set securityContext.runAsNonRoot: true (and runAsUser) on the pod");
            }
        }
    }

    private static void spread(TreeIndex index, Findings out) {
        for (SourceObject o : index.objects()) {
            if (!o.kind().equals("Deployment") && !o.kind().equals("StatefulSet")) {
                continue;
            }
            JsonNode spec = podSpec(o);
            boolean spread = spec.path("topologySpreadConstraints").size() > 0
                    || spec.path("affinity").path("podAntiAffinity").isObject();
            if (o.spec().path("replicas").asInt(1) >= 2 && !spread) {
                out.at(o, "/spec/replicas", o.spec().path("replicas").asInt() + " replicas may all land on one node",
                        "add a topologySpreadConstraint on kubernetes.io/hostname, or a podAntiAffinity");
            }
        }
    }

    /**
     * Namespaces whose pods a chart creates (a Flux HelmRelease, or an Argo CD Application with a
     * Helm source): selectors and references there cannot be checked from the tree.
     */
    private static Set<String> chartNamespaces(TreeIndex index) {
        Set<String> namespaces = new HashSet<>();
        index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease").forEach(r -> namespaces.add(ChartKnowledge.targetNamespace(r)));
        ChartKnowledge.installs(index).forEach(i -> namespaces.add(i.namespace()));
        index.ofKind("argoproj.io", "Application").stream().filter(a -> a.spec().path("source").has("chart"))
                .forEach(a -> namespaces.add(a.spec().path("destination").path("namespace").asText("")));
        return namespaces;
    }

    private static void defaultDeny(TreeIndex index, Findings out) {
        Set<String> denied = new HashSet<>();
        for (SourceObject np : index.ofKind("networking.k8s.io", "NetworkPolicy")) {
            boolean all = np.spec().path("podSelector").isObject() && np.spec().path("podSelector").isEmpty();
            boolean ingress = false;
            for (JsonNode t : np.spec().path("policyTypes")) {
                ingress |= t.asText().equals("Ingress");
            }
            if (all && ingress && np.spec().path("ingress").isEmpty()) {
                denied.add(np.namespace());
            }
        }
        // Namespaces a chart installs into (operators such as Rook) need their own traffic rules, not a blanket deny.
        Set<String> reported = new HashSet<>(chartNamespaces(index));
        for (SourceObject o : index.objects()) {
            if (POD_TEMPLATES.containsKey(o.kind()) && !o.namespace().isEmpty() && !denied.contains(o.namespace())
                    && reported.add(o.namespace())) {
                out.at(o, "/metadata/namespace", "namespace " + o.namespace() + " has no default-deny NetworkPolicy",
                        "add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress], then allow what is needed");
            }
        }
    }

    /** The levels and the label of Pod Security admission (kubernetes.io/docs/concepts/security/pod-security-admission). */
    private static final Set<String> POD_SECURITY_LEVELS = Set.of("privileged", "baseline", "restricted");
    private static final String ENFORCE = "pod-security.kubernetes.io/enforce";

    private static void podSecurity(TreeIndex index, Findings out) {
        for (SourceObject ns : index.ofKind("", "Namespace")) {
            JsonNode level = ns.node().path("metadata").path("labels").path(ENFORCE);
            if (level.isMissingNode() || level.isNull()) {
                out.at(ns, "/metadata/labels", "Namespace " + ns.name() + " has no " + ENFORCE + " label: its pods are"
                        + " admitted at the cluster's default level (privileged, unless the API server is configured otherwise)",
                        "add " + ENFORCE + ": restricted and " + ENFORCE + "-version: v1.<minor>, or the level the"
                                + " namespace's workloads document they need");
            } else if (!POD_SECURITY_LEVELS.contains(level.asText())) {
                out.at(ns, "/metadata/labels/" + ENFORCE.replace("/", "~1"), "Namespace " + ns.name() + ": '"
                        + level.asText() + "' is not a Pod Security level", "use privileged, baseline or restricted");
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static void serviceSelectors(TreeIndex index, Findings out) {
        Set<String> charts = chartNamespaces(index);
        Map<String, List<JsonNode>> podLabels = new java.util.HashMap<>(); // per namespace, computed once
        for (SourceObject svc : index.ofKind("", "Service")) {
            JsonNode selector = svc.spec().path("selector");
            if (selector.isMissingNode() || selector.isEmpty() || charts.contains(svc.namespace())) {
                continue; // no selector: endpoints are managed by hand or by another controller
            }
            List<JsonNode> labels = podLabels.computeIfAbsent(svc.namespace(), ns -> index.inNamespace(ns).stream()
                    .filter(o -> POD_TEMPLATES.containsKey(o.kind()))
                    .map(o -> o.kind().equals("Pod") ? o.node().path("metadata").path("labels")
                            : o.node().at(POINTERS.get(o.kind()).head()).path("metadata").path("labels"))
                    .toList());
            if (labels.stream().noneMatch(l -> selects(selector, l))) {
                out.at(svc, "/spec/selector", "selects " + selector + " but no pod template in " + svc.namespace() + " has"
                        + " those labels", "fix the selector or the pod template's labels");
            }
        }
    }

    private static void ingressBackends(TreeIndex index, Findings out) {
        Set<String> charts = chartNamespaces(index);
        for (SourceObject ingress : index.ofKind("networking.k8s.io", "Ingress")) {
            if (charts.contains(ingress.namespace())) {
                continue;
            }
            List<String> services = new java.util.ArrayList<>();
            if (ingress.spec().path("defaultBackend").path("service").path("name").isTextual()) {
                services.add(ingress.spec().path("defaultBackend").path("service").path("name").asText());
            }
            for (JsonNode rule : ingress.spec().path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode name = path.path("backend").path("service").path("name");
                    if (name.isTextual()) {
                        services.add(name.asText());
                    }
                }
            }
            for (String name : services) {
                if (index.find("", "Service", ingress.namespace(), name).isEmpty()) {
                    out.at(ingress, "/spec", "routes to Service " + ingress.namespace() + "/" + name + ", which the tree"
                            + " does not define", "add the Service, or fix the backend name");
                }
            }
        }
    }

    /**
     * Secrets operators create for objects of the tree, as namespace/name: Rook's for an ObjectBucketClaim
     * (named after the claim, with the bucket's keys: rook.io ceph-object-bucket-claim docs) and
     * CloudNativePG's {@code <cluster>-app} for a Cluster bootstrapped without a secret of its own
     * (pkg/specs/secrets.go; docs applications.md); and those an object of the tree declares it creates in the
     * cluster with the annotation {@value TreeAnnotations#CREATES_SECRETS} (a Job that makes credentials), as a comma-separated
     * list of namespace/name.
     */
    private static Set<String> operatorSecrets(TreeIndex index) {
        Set<String> made = new HashSet<>();
        for (SourceObject o : index.objects()) {
            JsonNode declared = o.node().path("metadata").path("annotations").path(TreeAnnotations.CREATES_SECRETS);
            if (declared.isTextual()) {
                for (String ref : declared.asText().split(",")) {
                    String trimmed = ref.strip();
                    made.add(trimmed.contains("/") ? trimmed : o.namespace() + "/" + trimmed);
                }
            }
        }
        index.ofKind("objectbucket.io", "ObjectBucketClaim").forEach(c -> made.add(c.namespace() + "/" + c.name()));
        for (SourceObject db : index.ofKind("postgresql.cnpg.io", "Cluster")) {
            if (db.spec().path("bootstrap").path("initdb").path("secret").isMissingNode()) {
                made.add(db.namespace() + "/" + db.name() + "-app");
            }
        }
        return made;
    }

    private static void secretReferences(TreeIndex index, Findings out) {
        Set<String> charts = chartNamespaces(index); // operators installed there create their own Secrets
        Set<String> made = operatorSecrets(index);
        for (SourceObject o : index.objects()) {
            if (!POD_TEMPLATES.containsKey(o.kind()) || charts.contains(o.namespace())) {
                continue;
            }
            JsonNode spec = podSpec(o);
            Set<String> needed = new java.util.TreeSet<>();
            for (JsonNode v : spec.path("volumes")) {
                if (v.has("secret") && !v.path("secret").path("optional").asBoolean(false)) {
                    needed.add(v.path("secret").path("secretName").asText());
                }
            }
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : spec.path(list)) {
                    for (JsonNode from : c.path("envFrom")) {
                        if (from.has("secretRef") && !from.path("secretRef").path("optional").asBoolean(false)) {
                            needed.add(from.path("secretRef").path("name").asText());
                        }
                    }
                    for (JsonNode env : c.path("env")) {
                        JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                        if (ref.isObject() && !ref.path("optional").asBoolean(false)) {
                            needed.add(ref.path("name").asText());
                        }
                    }
                }
            }
            for (String name : needed) {
                if (!name.isEmpty() && index.find("", "Secret", o.namespace(), name).isEmpty()
                        && !made.contains(o.namespace() + "/" + name)) {
                    out.at(o, POD_TEMPLATES.get(o.kind()), "needs Secret " + o.namespace() + "/" + name
                            + ", which is not in the tree", "create it in Git encrypted (SOPS), or make sure something"
                            + " outside Git creates it before this applies");
                }
            }
        }
    }

    private static void forEachContainer(TreeIndex index, ContainerVisitor visitor) {
        for (SourceObject o : index.objects()) {
            String podSpec = POD_TEMPLATES.get(o.kind());
            if (podSpec == null) {
                continue;
            }
            JsonNode spec = o.node().at(POINTERS.get(o.kind()));
            for (String list : List.of("initContainers", "containers")) {
                int i = 0;
                for (JsonNode c : spec.path(list)) {
                    visitor.visit(o, podSpec + "/" + list + "/" + i, c);
                    i++;
                }
            }
        }
    }

    @FunctionalInterface
    private interface ContainerVisitor {
        void visit(SourceObject owner, String pointer, JsonNode container);
    }

    static boolean floats(String image) {
        if (DIGEST.matcher(image).matches()) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return true; // no tag means latest
        }
        return FLOATING_TAGS.contains(image.substring(colon + 1).toLowerCase(java.util.Locale.ROOT));
    }

    private static void floatingImages(TreeIndex index, Findings out) {
        forEachContainer(index, (owner, pointer, c) -> {
            String image = c.path("image").asText("");
            if (!image.isEmpty() && floats(image)) {
                out.at(owner, pointer + "/image", "image " + image + " floats", "pin a release tag or a digest");
            }
        });
        for (SourceObject release : index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease")) {
            for (ChartKnowledge.Values values : ChartKnowledge.values(index, release)) {
                scanValues(values.values(), values.pointer(), (pointer, image) -> out.at(values.source(), pointer,
                        "image " + image + " in the values of HelmRelease " + release.id() + " floats",
                        "pin a release tag or a digest in the chart values"));
            }
        }
    }

    /** Finds {@code image: {repository, tag}} and {@code image: "repo:tag"} anywhere in Helm values. */
    private static void scanValues(JsonNode node, String pointer, java.util.function.BiConsumer<String, String> onFloating) {
        if (node.isObject()) {
            JsonNode image = node.path("image");
            // an override of the tag alone (the chart's default repository) floats as much as a full image
            if (image.isObject() && (image.has("repository") || image.has("tag"))) {
                String tag = image.path("tag").asText("");
                String digest = image.path("digest").asText("");
                if (digest.isEmpty() && (tag.isEmpty() ? false : FLOATING_TAGS.contains(tag.toLowerCase(java.util.Locale.ROOT)))) {
                    onFloating.accept(pointer + "/image/tag", image.path("repository").asText("(the chart's image)") + ":" + tag);
                }
            } else if (image.isTextual() && image.asText().contains("/") && floats(image.asText())) {
                onFloating.accept(pointer + "/image", image.asText());
            }
            node.fields().forEachRemaining(e -> scanValues(e.getValue(), pointer + "/" + e.getKey(), onFloating));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanValues(node.get(i), pointer + "/" + i, onFloating);
            }
        }
    }

    private static void claimClasses(TreeIndex index, Findings out) {
        Set<String> classes = new HashSet<>();
        index.ofKind("storage.k8s.io", "StorageClass").forEach(sc -> classes.add(sc.name()));
        classes.addAll(ChartKnowledge.storageClassesCreated(index));
        classes.addAll(io.koor.gitops.validator.rules.reconcile.ReconcileRules.externalStorageClasses(index));
        // a claim binds to a PersistentVolume of the class it names, no StorageClass object needed (static provisioning)
        index.ofKind("", "PersistentVolume").forEach(pv -> classes.add(pv.spec().path("storageClassName").asText("")));
        for (SourceObject pvc : index.ofKind("", "PersistentVolumeClaim")) {
            if (pvc.spec().path("volumeName").asText("").isEmpty()) { // a claim bound to a named PV needs no class
                check(out, classes, pvc, "/spec/storageClassName", pvc.spec().path("storageClassName"));
            }
        }
        // a bucket claim names the StorageClass of its bucket provisioner (Rook's ceph.rook.io/bucket)
        for (SourceObject obc : index.ofKind("objectbucket.io", "ObjectBucketClaim")) {
            check(out, classes, obc, "/spec/storageClassName", obc.spec().path("storageClassName"));
        }
        for (SourceObject sts : index.ofKind("apps", "StatefulSet")) {
            int i = 0;
            for (JsonNode template : sts.spec().path("volumeClaimTemplates")) {
                check(out, classes, sts, "/spec/volumeClaimTemplates/" + i + "/spec/storageClassName",
                        template.path("spec").path("storageClassName"));
                i++;
            }
        }
    }

    private static void check(Findings out, Set<String> classes, SourceObject owner, String pointer, JsonNode name) {
        // No class (the cluster default) and "" (no dynamic provisioning) are both valid choices.
        if (name.isTextual() && !name.asText().isEmpty() && !classes.contains(name.asText())
                && !FluxVariables.holdsOne(name.asText())) {
            out.at(owner, pointer, "StorageClass " + name.asText() + " is not defined in the tree",
                    "define it, or use one of: " + String.join(", ", new java.util.TreeSet<>(classes)));
        }
    }

    private static void resourceRequests(TreeIndex index, Findings out) {
        forEachContainer(index, (owner, pointer, c) -> {
            if (!c.path("resources").path("requests").isObject() || c.path("resources").path("requests").isEmpty()) {
                out.at(owner, pointer + "/resources", "container " + c.path("name").asText("?") + " has no resource requests",
                        "set requests for cpu and memory");
            }
        });
    }
}
