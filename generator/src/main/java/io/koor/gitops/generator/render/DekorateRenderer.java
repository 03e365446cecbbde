package io.koor.gitops.generator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ModelException;
import io.koor.gitops.model.Problems;
import io.koor.gitops.model.apps.AppImage;
import io.koor.gitops.model.apps.DekorateApplication;
import io.koor.gitops.model.cluster.Cluster;
import io.koor.gitops.model.values.Resources;
import io.koor.gitops.validator.load.YamlDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Dekorate application's manifests placed in the apps layer with the tree's policies: into its own
 * namespace, labelled, its pods as a non-root UID with no privileges, the runtime's seccomp profile and a
 * read-only root filesystem (an emptyDir at {@code /tmp}), resources added where given, replicas spread,
 * and the namespace's default-deny NetworkPolicies. What cannot be fixed without the author (a floating
 * image, root, host access, a Secret, no resources) is reported with the file, line and fix, all at once.
 */
public final class DekorateRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> POD_SPECS = Map.of("Deployment", "/spec/template", "StatefulSet",
            "/spec/template", "Job", "/spec/template", "CronJob", "/spec/jobTemplate/spec/template");
    /** What an application's own manifests may hold; cluster-scoped kinds and Secrets are not theirs to ship. */
    private static final Set<String> PLACED = Set.of("Deployment", "StatefulSet", "Job", "CronJob", "Service",
            "ConfigMap", "Ingress", "ServiceAccount", "PersistentVolumeClaim", "Role", "RoleBinding");

    private DekorateRenderer() {
    }

    public static String component(DekorateApplication app) {
        return "dekorate-" + app.name();
    }

    /** Whether the manifest holds an Ingress (its component then needs the ingress controller). */
    public static boolean hasIngress(DekorateApplication app) {
        return documents(app).stream().anyMatch(d -> d.node().path("kind").asText().equals("Ingress"));
    }

    public static Component render(Cluster cluster, DekorateApplication app, Set<String> needs, boolean ownNamespace) {
        String at = "apps.dekorate[" + app.name() + "]";
        String ns = app.namespace().value();
        Set<String> classes = new TreeSet<>();
        cluster.rook().blockPools().forEach(p -> p.storageClass().ifPresent(c -> classes.add(c.value())));
        cluster.rook().filesystems().forEach(f -> f.storageClass().ifPresent(c -> classes.add(c.value())));
        Problems problems = new Problems();
        List<HasMetadata> out = new ArrayList<>();
        if (ownNamespace) {
            out.add(Namespaces.of(cluster, ns, PodSecurity.RESTRICTED)); // the policies below make its pods restricted
        }
        boolean ingress = false;
        Set<Integer> ports = new TreeSet<>();
        for (YamlDocuments.Document doc : documents(app)) {
            if (!(doc.node() instanceof ObjectNode object) || object.isEmpty()) {
                continue;
            }
            // the lines are looked up in the tree as parsed; the object is changed below
            Where where = new Where(app.source(), new YamlDocuments.Document(doc.line(), object.deepCopy(), doc.lines()),
                    object.path("kind").asText("?") + " "
                    + object.path("metadata").path("name").asText("?"), problems, at);
            String kind = object.path("kind").asText();
            if (!PLACED.contains(kind)) {
                where.problem("/kind", kind.equals("Secret") ? "a Secret in Git is plain text; create it outside Git (or"
                        + " SOPS-encrypted) and remove it from the Dekorate configuration"
                        : "is not something an application places (it has " + String.join(", ", new TreeSet<>(PLACED))
                                + "); install it with the platform, not the application");
                continue;
            }
            ObjectNode metadata = object.with("metadata");
            metadata.put("namespace", ns);
            label(metadata.with("labels"), app);
            if (POD_SPECS.containsKey(kind)) {
                ObjectNode template = (ObjectNode) object.at(POD_SPECS.get(kind));
                label(template.with("metadata").with("labels"), app);
                harden(app, template.with("spec"), POD_SPECS.get(kind) + "/spec", where, ports);
                JsonNode spec = object.path("spec");
                JsonNode podSpec = template.path("spec");
                if (spec.path("replicas").asInt(1) > 1 && !podSpec.has("topologySpreadConstraints")
                        && !podSpec.path("affinity").has("podAntiAffinity")) {
                    ((ObjectNode) podSpec).set("topologySpreadConstraints", JSON.valueToTree(ApplicationRenderer.spread(
                            JSON.convertValue(spec.path("selector").path("matchLabels"), Map.class))));
                }
                int i = 0;
                for (JsonNode claim : spec.path("volumeClaimTemplates")) {
                    storageClass(claim.path("spec"), "/spec/volumeClaimTemplates/" + i++ + "/spec", classes, where);
                }
            }
            if (kind.equals("PersistentVolumeClaim")) {
                storageClass(object.path("spec"), "/spec", classes, where);
            }
            if (kind.equals("Ingress")) {
                ingress = true;
                if (!object.path("spec").has("ingressClassName")) {
                    object.with("spec").put("ingressClassName", PlatformRenderer.ingressClass(cluster));
                }
            }
            out.add(JSON.convertValue(object, GenericKubernetesResource.class));
        }
        problems.throwIfAny();
        Map<String, String> labels = ApplicationRenderer.appLabels(app.name().value());
        out.addAll(NetworkPolicies.baseline(ns, labels));
        if (ingress && !ports.isEmpty()) {
            out.add(NetworkPolicies.fromIngress(ns, "allow-from-ingress", Map.of(), List.copyOf(ports), labels,
                    PlatformRenderer.ingressNamespace(cluster)));
        }
        return Component.ofManifests(component(app), Layer.APPS, needs, false, out);
    }

    private static List<YamlDocuments.Document> documents(DekorateApplication app) {
        try {
            return YamlDocuments.read(app.manifest());
        } catch (YamlDocuments.YamlProblem e) {
            throw ModelException.of("apps.dekorate[" + app.name() + "]", app.source() + ":" + e.line() + ": "
                    + e.getMessage() + "; " + e.fix());
        }
    }

    private static void label(ObjectNode labels, DekorateApplication app) {
        labels.put("app.kubernetes.io/part-of", app.name().value());
        labels.put("app.kubernetes.io/managed-by", ApplicationRenderer.MANAGED_BY);
    }

    /** The pod's policies: what can be set is set, what contradicts them is reported. */
    private static void harden(DekorateApplication app, ObjectNode pod, String pointer, Where where, Set<Integer> ports) {
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                where.problem(pointer + "/" + host, host + ": true shares the node's namespaces; remove it");
            }
        }
        ObjectNode security = pod.with("securityContext");
        if (security.path("runAsUser").isInt() && security.path("runAsUser").asInt() == 0
                || security.path("runAsNonRoot").isBoolean() && !security.path("runAsNonRoot").asBoolean()) {
            where.problem(pointer + "/securityContext", "runs as root; run as the image's non-root USER");
        }
        if (security.path("seccompProfile").path("type").asText("RuntimeDefault").equals("Unconfined")) {
            where.problem(pointer + "/securityContext/seccompProfile", "an Unconfined seccomp profile; drop it");
        }
        security.put("runAsNonRoot", true);
        int uid = security.path("runAsUser").asInt(app.user());
        security.put("runAsUser", uid);
        if (!security.has("runAsGroup")) {
            security.put("runAsGroup", uid);
        }
        if (!security.has("fsGroup")) {
            security.put("fsGroup", uid);
        }
        security.set("seccompProfile", JSON.valueToTree(Map.of("type", "RuntimeDefault")));
        if (!pod.has("serviceAccountName") && !pod.has("automountServiceAccountToken")) {
            pod.put("automountServiceAccountToken", false);
        }
        int v = 0;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.has("hostPath")) {
                where.problem(pointer + "/volumes/" + v, "a hostPath volume reaches into the node; use a"
                        + " PersistentVolumeClaim or an emptyDir");
            }
            v++;
        }
        boolean tmpVolume = false;
        for (String list : List.of("initContainers", "containers")) {
            int i = 0;
            for (JsonNode c : pod.path(list)) {
                ObjectNode container = (ObjectNode) c;
                String cp = pointer + "/" + list + "/" + i++;
                image(container.path("image").asText(""), cp + "/image", where);
                ObjectNode cs = container.with("securityContext");
                if (cs.path("privileged").asBoolean(false)) {
                    where.problem(cp + "/securityContext/privileged", "a privileged container; remove privileged");
                }
                if (cs.path("capabilities").has("add")) {
                    where.problem(cp + "/securityContext/capabilities/add", "adds capabilities; Pod Security"
                            + " \"restricted\" allows none but NET_BIND_SERVICE, and ports above 1024 need none");
                }
                if (cs.path("runAsUser").isInt() && cs.path("runAsUser").asInt() == 0) {
                    where.problem(cp + "/securityContext/runAsUser", "runs as root; run as the image's non-root USER");
                }
                ApplicationRenderer.containerSecurity(true).forEach((k, value) -> cs.set(k, JSON.valueToTree(value)));
                resources(app, container, cp, where);
                for (JsonNode p : container.path("ports")) {
                    if (p.path("containerPort").isInt()) {
                        ports.add(p.path("containerPort").asInt());
                    }
                }
                boolean mountsTmp = false;
                for (JsonNode m : container.path("volumeMounts")) {
                    mountsTmp |= m.path("mountPath").asText().equals("/tmp");
                }
                if (!mountsTmp) {
                    container.withArray("volumeMounts").add(JSON.valueToTree(Map.of("name", "tmp", "mountPath", "/tmp")));
                    tmpVolume = true;
                }
            }
        }
        if (tmpVolume) {
            ArrayNode volumes = pod.withArray("volumes");
            volumes.add(JSON.valueToTree(Map.of("name", "tmp", "emptyDir", Map.of())));
        }
    }

    private static void image(String image, String pointer, Where where) {
        try {
            AppImage.parse(image);
            if (image.toUpperCase(java.util.Locale.ROOT).contains("SNAPSHOT")) {
                where.problem(pointer, "image '" + image + "' is a snapshot, which changes under the same tag;"
                        + " release the application and name that version (@KubernetesApplication(version = \"1.0.0\"))");
            }
        } catch (ModelException e) {
            where.problem(pointer, e.problems().get(0).message());
        }
    }

    /** Requests for cpu and memory and a memory limit: kept when given, added from the definition, else reported. */
    private static void resources(DekorateApplication app, ObjectNode container, String pointer, Where where) {
        ObjectNode resources = container.with("resources");
        boolean complete = resources.path("requests").has("cpu") && resources.path("requests").has("memory")
                && resources.path("limits").has("memory");
        if (complete) {
            return;
        }
        if (app.resources().isEmpty()) {
            where.problem(pointer + "/resources", "container " + container.path("name").asText("?") + " lacks "
                    + String.join(" and ", missing(resources)) + "; give them in the application, e.g."
                    + " @KubernetesApplication(requestResources = @ResourceRequirements(cpu = \"100m\", memory = \"128Mi\"),"
                    + " limitResources = @ResourceRequirements(memory = \"256Mi\")), or in the definition with"
                    + " DekorateApplication...resources(Resources.of(100, 128, 256))");
            return;
        }
        Resources r = app.resources().get();
        ObjectNode requests = resources.with("requests");
        if (!requests.has("cpu")) {
            requests.put("cpu", r.cpu());
        }
        if (!requests.has("memory")) {
            requests.put("memory", r.memoryRequest());
        }
        ObjectNode limits = resources.with("limits");
        if (!limits.has("memory")) {
            limits.put("memory", r.memoryLimit());
        }
    }

    private static List<String> missing(JsonNode resources) {
        List<String> missing = new ArrayList<>();
        if (!resources.path("requests").has("cpu")) {
            missing.add("requests.cpu");
        }
        if (!resources.path("requests").has("memory")) {
            missing.add("requests.memory");
        }
        if (!resources.path("limits").has("memory")) {
            missing.add("limits.memory");
        }
        return missing;
    }

    private static void storageClass(JsonNode claimSpec, String pointer, Set<String> classes, Where where) {
        String sc = claimSpec.path("storageClassName").asText("");
        if (!sc.isEmpty() && !classes.contains(sc)) {
            where.problem(pointer + "/storageClassName", "storageClassName '" + sc + "' is not a StorageClass of this"
                    + " cluster (it has " + (classes.isEmpty() ? "none" : String.join(", ", classes)) + ")");
        }
    }

    /** Reports a problem at a line of the manifest: {@code <source>:<line>: <object>: <message>}. */
    private record Where(String source, YamlDocuments.Document lines, String object, Problems problems,
                         String path) {
        void problem(String pointer, String message) {
            problems.require(false, path, source + ":" + lines.lineOf(pointer) + ": " + object + ": "
                    + message);
        }
    }
}
