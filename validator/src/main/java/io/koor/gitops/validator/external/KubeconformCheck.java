package io.koor.gitops.validator.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.koor.gitops.validator.finding.RuleDescriptor;
import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.LoadedTree;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * kubeconform, when installed, on every YAML file of the tree, its {@code -output json} findings
 * turned into the same violations. Absent, it is reported as skipped, or as an error when required.
 */
public final class KubeconformCheck implements ExternalCheck {
    public static final RuleDescriptor KUBECONFORM = new RuleDescriptor("kubeconform", Severity.ERROR, RuleDescriptor.Scope.TOOL,
            "kubeconform reports the object invalid (or could not run when it is required).",
            "fix the object as kubeconform says; install kubeconform when it is required");
    private final List<String> schemaLocations;
    private final String kubernetesVersion;
    private final boolean required;

    public KubeconformCheck(List<String> schemaLocations, String kubernetesVersion, boolean required) {
        this.schemaLocations = List.copyOf(schemaLocations);
        this.kubernetesVersion = kubernetesVersion;
        this.required = required;
    }

    @Override
    public String name() {
        return "kubeconform";
    }

    @Override
    public Outcome run(LoadedTree tree) {
        if (ProcessRunner.which("kubeconform").isEmpty()) {
            String message = "skipped: kubeconform not found on PATH";
            if (required) {
                return new Outcome(List.of(KUBECONFORM.violation("(tree)", "", 0, "", message,
                        "install kubeconform, or drop the flag that requires it")), List.of());
            }
            return new Outcome(List.of(), List.of(message));
        }
        List<String> command = new ArrayList<>(List.of("kubeconform", "-output", "json", "-strict",
                "-kubernetes-version", kubernetesVersion));
        schemaLocations.forEach(l -> command.addAll(List.of("-schema-location", l)));
        List<String> files = filesToCheck(tree);
        command.addAll(files);
        int encrypted = tree.yamlFiles().size() - files.size();
        List<String> notes = encrypted == 0 ? List.of() : List.of("kubeconform: " + encrypted
                + " SOPS-encrypted file(s) not given to it (it cannot skip /sops); the schema check judged them without it");
        try {
            ProcessRunner.Result result = ProcessRunner.run(command, tree.root(), Duration.ofMinutes(5));
            return new Outcome(parse(result.stdout()), notes);
        } catch (IOException e) {
            return new Outcome(List.of(KUBECONFORM.violation("(tree)", "", 0, "",
                    "kubeconform could not run: " + e.getMessage(), "check the kubeconform installation")), List.of());
        }
    }

    /**
     * The files kubeconform is given: all but the SOPS-encrypted ones. It cannot skip a JSON path
     * (Flux's own validation skips /sops), and their top-level sops key and encrypted values are no
     * fields of their kinds.
     */
    static List<String> filesToCheck(LoadedTree tree) {
        java.util.Set<String> encrypted = new java.util.HashSet<>();
        tree.objects().stream().filter(o -> o.node().has("sops")).forEach(o -> encrypted.add(o.file()));
        return tree.yamlFiles().stream().filter(f -> !encrypted.contains(f)).toList();
    }

    /** Reads kubeconform's JSON report: invalid and error resources become violations. */
    static List<Violation> parse(String json) throws IOException {
        List<Violation> out = new ArrayList<>();
        JsonNode report = new ObjectMapper().readTree(json.isBlank() ? "{}" : json);
        for (JsonNode r : report.path("resources")) {
            String status = r.path("status").asText();
            if (!status.equals("statusInvalid") && !status.equals("statusError")) {
                continue;
            }
            String resource = r.path("kind").asText("?") + "/" + r.path("name").asText("?");
            JsonNode errors = r.path("validationErrors");
            if (errors.isArray() && !errors.isEmpty()) {
                for (JsonNode e : errors) {
                    out.add(KUBECONFORM.violation(resource, r.path("filename").asText(), 0,
                            e.path("path").asText(""), e.path("msg").asText(), "reported by kubeconform"));
                }
            } else {
                out.add(KUBECONFORM.violation(resource, r.path("filename").asText(), 0, "",
                        r.path("msg").asText(), "reported by kubeconform"));
            }
        }
        return out;
    }
}
