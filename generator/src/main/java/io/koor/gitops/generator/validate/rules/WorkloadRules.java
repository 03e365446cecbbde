package io.koor.gitops.generator.validate.rules;

import static io.koor.gitops.generator.schema.Severity.ERROR;
import static io.koor.gitops.generator.schema.Severity.WARNING;

import com.fasterxml.jackson.databind.JsonNode;
import io.koor.gitops.generator.validate.SourceObject;
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
                new Rule("image-tag-floating", WARNING,
                        "A container image without a tag, or on a moving tag such as latest or master (also in Helm values).",
                        WorkloadRules::floatingImages),
                new Rule("pvc-storageclass-missing", ERROR,
                        "A claim naming a StorageClass that neither the tree nor a chart in it defines.",
                        WorkloadRules::claimClasses),
                new Rule("resources-missing", WARNING, "A container without resource requests: the scheduler cannot place it well.",
                        WorkloadRules::resourceRequests));
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
            if (image.isObject() && image.has("repository")) {
                String tag = image.path("tag").asText("");
                String digest = image.path("digest").asText("");
                if (digest.isEmpty() && (tag.isEmpty() ? false : FLOATING_TAGS.contains(tag.toLowerCase(java.util.Locale.ROOT)))) {
                    onFloating.accept(pointer + "/image/tag", image.path("repository").asText() + ":" + tag);
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
        index.ofKind("helm.toolkit.fluxcd.io", "HelmRelease")
                .forEach(r -> classes.addAll(ChartKnowledge.storageClassesCreatedBy(r)));
        for (SourceObject pvc : index.ofKind("", "PersistentVolumeClaim")) {
            check(out, classes, pvc, "/spec/storageClassName", pvc.spec().path("storageClassName"));
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
        if (name.isTextual() && !name.asText().isEmpty() && !classes.contains(name.asText())) {
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
