package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.generator.apps.KubeApiScript;
import io.koor.gitops.model.presets.Versions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Job that makes Secrets in the cluster so none is in Git (the Data Control Center's session, the databases'
 * credentials): one of the generator's scripts in a ConfigMap, run once in curl's image under a service account
 * with the Role and RoleBinding its callers give it. Both the ConfigMap and the Job are named by their content: a new
 * script, image or setting is a new Job (a Job's template cannot change), and the reconciler prunes the old one.
 */
final class SecretJob {
    private static final int UID = 65532;

    private SecretJob() {
    }

    /**
     * The script's ConfigMap and the Job running it as {@code account}.
     *
     * @param identity what else names the Job besides the script and image (its settings)
     * @param makes    the Secrets it makes, {@code namespace/name}, declared for the validator's secret-missing rule
     */
    static List<HasMetadata> of(String ns, String account, String container, String file, String script,
                                List<Object> env, String identity, List<String> makes, Map<String, String> labels) {
        // the scripts source the shared API calls from beside them
        String library = KubeApiScript.text();
        String code = script + library;
        String scripts = account + "-" + ContentHash.of(code);
        HasMetadata configMap = new ConfigMapBuilder().withNewMetadata().withName(scripts).withNamespace(ns).endMetadata()
                .withData(new TreeMap<>(Map.of(file, script, KubeApiScript.FILE, library))).build();
        HasMetadata job = Resources.custom("batch/v1", "Job",
                account + "-" + ContentHash.of(code + Versions.CURL_IMAGE + identity), ns, map(
                        // kustomize-controller reports a Job that used up its tries as failed, and it is not run again
                        "backoffLimit", 6,
                        "template", map(
                                "metadata", map("labels", labels),
                                "spec", map(
                                        "restartPolicy", "Never",
                                        "serviceAccountName", account,
                                        "securityContext", SecurityContexts.pod(UID),
                                        "containers", List.of(map(
                                                "name", container,
                                                "image", Versions.CURL_IMAGE,
                                                "command", List.of("sh", "/scripts/" + file),
                                                "env", env,
                                                "resources", map("requests", map("cpu", "10m", "memory", "16Mi"),
                                                        "limits", map("memory", "64Mi")),
                                                "securityContext", SecurityContexts.container(),
                                                "volumeMounts", List.of(
                                                        map("name", "scripts", "mountPath", "/scripts", "readOnly", true),
                                                        map("name", "tmp", "mountPath", "/tmp")))),
                                        "volumes", List.of(map("name", "scripts", "configMap", map("name", scripts)),
                                                map("name", "tmp", "emptyDir", map()))))));
        job.getMetadata().setAnnotations(new TreeMap<>(Map.of(
                io.koor.gitops.validator.rules.TreeAnnotations.CREATES_SECRETS, String.join(", ", makes))));
        return List.of(configMap, job);
    }

    static HasMetadata serviceAccount(String name, String ns) {
        return Resources.customWithoutSpec("v1", "ServiceAccount", name, ns, Map.of());
    }

    /** A Role on Secrets: {@code verbs} on those {@code names}, or on any when there are none (create cannot be narrowed). */
    static HasMetadata role(String name, String ns, List<Object> rules) {
        return Resources.customWithoutSpec("rbac.authorization.k8s.io/v1", "Role", name, ns, map("rules", rules));
    }

    static Map<String, Object> onSecrets(List<String> verbs, List<String> names) {
        return map("apiGroups", List.of(""), "resources", List.of("secrets"), "verbs", verbs,
                "resourceNames", names.isEmpty() ? null : names);
    }

    /** Binds the Role {@code name} of {@code ns} to the service account {@code account} of {@code accountNs}. */
    static HasMetadata binding(String name, String ns, String account, String accountNs) {
        return Resources.customWithoutSpec("rbac.authorization.k8s.io/v1", "RoleBinding", name, ns, map(
                "roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
                "subjects", List.of(map("kind", "ServiceAccount", "name", account, "namespace", accountNs))));
    }
}
