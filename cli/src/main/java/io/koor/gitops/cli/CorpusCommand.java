package io.koor.gitops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./gitops corpus OUT --manifests N --per-file K [--error-rate R] [--seed S]}: writes a
 * deterministic corpus of realistic manifests for the benchmark (Deployments with probes and
 * resources, StatefulSets with claim templates, Services, ConfigMaps, PVCs, Secrets, Ingresses,
 * NetworkPolicies, Namespaces), with a fraction seeded with exactly one schema error each, listed in
 * {@code OUT/expected-errors.txt} as {@code file Kind/namespace/name} of each broken object.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true, description = "Write a deterministic benchmark corpus"
        + " of realistic manifests with seeded schema errors, or check a JSON report against it (--check).")
final class CorpusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "OUT", description = "a new (or empty) directory")
    Path dir;

    @Option(names = "--manifests", paramLabel = "N", defaultValue = "1000", description = "how many (default ${DEFAULT-VALUE})")
    int manifests;

    @Option(names = "--per-file", paramLabel = "K", defaultValue = "1", description = "manifests per file (default ${DEFAULT-VALUE})")
    int perFile;

    @Option(names = "--error-rate", paramLabel = "R", defaultValue = "0.02", description = "share seeded with one error"
            + " (default ${DEFAULT-VALUE})")
    double errorRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--check", paramLabel = "REPORT", description = "compare this JSON report of OUT with its seeded errors")
    Path check;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (check != null) {
            return check(dir, check, out, spec.commandLine().getErr());
        }
        if (manifests < 1 || perFile < 1 || errorRate < 0 || errorRate > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--manifests and --per-file must be at least 1, --error-rate between 0 and 1");
        }
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not empty; give a new directory");
                }
            }
        }
        Files.createDirectories(dir);
        int seeded = write(dir, manifests, perFile, errorRate, new Random(seed));
        out.println("wrote " + manifests + " manifests (" + perFile + " per file, " + seeded + " with one error) to " + dir);
        out.flush();
        return 0;
    }

    /** Compares a JSON report with the seeded errors: every one found, and nothing else. */
    static int check(Path dir, Path report, PrintWriter out, PrintWriter err) throws IOException {
        Set<String> expected = new TreeSet<>(Files.readAllLines(dir.resolve("expected-errors.txt")));
        Set<String> found = new TreeSet<>();
        for (var v : new ObjectMapper().readTree(report.toFile()).path("violations")) {
            found.add(v.path("file").asText() + " " + v.path("resource").asText());
        }
        Set<String> missed = new TreeSet<>(expected);
        missed.removeAll(found);
        Set<String> extra = new TreeSet<>(found);
        extra.removeAll(expected);
        if (missed.isEmpty() && extra.isEmpty()) {
            out.println("all " + expected.size() + " seeded errors found, nothing else");
            out.flush();
            return 0;
        }
        err.println("missed " + missed.size() + ": " + missed + "; unexpected " + extra.size() + ": " + extra);
        return CliFailures.FINDINGS;
    }

    static int write(Path dir, int manifests, int perFile, double errorRate, Random random) throws IOException {
        int errors = (int) Math.round(manifests * errorRate);
        // Which manifests get an error: a deterministic, evenly spread choice.
        boolean[] broken = new boolean[manifests];
        for (int e = 0; e < errors; e++) {
            broken[(int) ((long) e * manifests / errors + random.nextInt(Math.max(1, manifests / errors)))
                    % manifests] = true;
        }
        List<String> expected = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        int fileIndex = 0;
        for (int i = 0; i < manifests; i++) {
            String doc = manifest(i, random, broken[i]);
            if (file.length() > 0) {
                file.append("---\n");
            }
            String name = String.format("ns-%03d/m-%05d.yaml", fileIndex / 100, fileIndex);
            if (broken[i]) {
                expected.add(name + " " + id(doc));
            }
            file.append(doc);
            if ((i + 1) % perFile == 0 || i == manifests - 1) {
                Path path = dir.resolve(name);
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.toString(), StandardCharsets.UTF_8);
                file.setLength(0);
                fileIndex++;
            }
        }
        expected.sort(null);
        Files.write(dir.resolve("expected-errors.txt"), expected, StandardCharsets.UTF_8);
        // The corpus is one team's slice of a running cluster: its team namespaces and an nginx ingress
        // controller exist already, as the reconcile check is told (otherwise every object is a finding).
        Files.createDirectories(dir.resolve(".gitops"));
        StringBuilder teams = new StringBuilder();
        for (int t = 0; t < 40; t++) {
            teams.append(t == 0 ? "" : ", ").append("team-").append(t);
        }
        Files.writeString(dir.resolve(".gitops/external-apis.yaml"), "namespaces: [" + teams + "]\ningressClasses: [nginx]\n",
                StandardCharsets.UTF_8);
        return errors;
    }

    /** {@code Kind/namespace/name} of a generated document, the way findings name objects. */
    private static String id(String doc) {
        String kind = doc.replaceFirst("(?s).*?\nkind: (\\S+)\n.*", "$1");
        String name = doc.replaceFirst("(?s).*?\n  name: (\\S+)\n.*", "$1");
        String ns = doc.contains("\n  namespace: ") ? doc.replaceFirst("(?s).*?\n  namespace: (\\S+)\n.*", "$1") + "/" : "";
        return kind + "/" + ns + name;
    }

    /**
     * Every 10 manifests form one application in one namespace, wired the way a real one is: the
     * Services select the group's Deployment, the Ingress routes to its Service, and a default-deny
     * NetworkPolicy guards the namespace, so the only findings are the seeded ones.
     */
    private static String manifest(int i, Random r, boolean broken) {
        String ns = "team-" + ((i / 10) % 40);
        String name = "app-" + i;
        String app = "app-" + (i - i % 10);
        return switch (i % 10) {
            case 0, 1 -> deployment(ns, name, r, broken);
            case 2 -> statefulSet(ns, name, r, broken);
            case 3, 4 -> service(ns, name, app, broken);
            case 5 -> i % 20 == 5 ? namespace(name, broken) : configMap(ns, name, r, broken);
            case 6 -> pvc(ns, name, r, broken);
            case 7 -> secret(ns, name, broken);
            case 8 -> ingress(ns, name, "app-" + (i - 5), broken);
            default -> networkPolicy(ns, name, broken);
        };
    }

    private static String podSpecHead(String name) {
        return "    spec:\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 10001\n"
                + "      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n"
                + "          whenUnsatisfiable: ScheduleAnyway\n          labelSelector:\n            matchLabels:\n"
                + "              app.kubernetes.io/name: " + name + "\n";
    }

    private static String container(String name, Random r, boolean broken, String indent) {
        int port = 8000 + r.nextInt(1000);
        return (indent + "- name: " + name + "\n"
                + indent + "  image: registry.example.com/" + name + ":1." + r.nextInt(20) + "." + r.nextInt(10) + "\n"
                + indent + "  ports:\n"
                + indent + "    - name: http\n"
                + indent + "      containerPort: " + (broken ? "\"http\"" : String.valueOf(port)) + "\n"
                + indent + "  readinessProbe:\n"
                + indent + "    httpGet:\n"
                + indent + "      path: /ready\n"
                + indent + "      port: http\n"
                + indent + "    periodSeconds: 10\n"
                + indent + "  livenessProbe:\n"
                + indent + "    httpGet:\n"
                + indent + "      path: /healthz\n"
                + indent + "      port: http\n"
                + indent + "  resources:\n"
                + indent + "    requests:\n"
                + indent + "      cpu: " + (50 + r.nextInt(200)) + "m\n"
                + indent + "      memory: " + (64 + r.nextInt(256)) + "Mi\n"
                + indent + "    limits:\n"
                + indent + "      memory: 512Mi\n"
                + indent + "  securityContext:\n"
                + indent + "    runAsNonRoot: true\n"
                + indent + "    allowPrivilegeEscalation: false\n");
    }

    private static String deployment(String ns, String name, Random r, boolean broken) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + "  labels:\n    app.kubernetes.io/name: " + name + "\nspec:\n  replicas: " + (2 + r.nextInt(3)) + "\n"
                + "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n"
                + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
                + podSpecHead(name) + "      containers:\n" + container(name, r, broken, "        ");
    }

    private static String statefulSet(String ns, String name, Random r, boolean broken) {
        return "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + "spec:\n  serviceName: " + name + "\n  replicas: 3\n"
                + "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n"
                + "  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: " + name + "\n"
                + podSpecHead(name) + "      containers:\n" + container(name, r, false, "        ")
                + "  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n"
                + "        accessModes:\n          - ReadWriteOnce\n        resources:\n          requests:\n"
                + "            storage: " + (broken ? "[10Gi]" : (1 + r.nextInt(50)) + "Gi") + "\n";
    }

    private static String service(String ns, String name, String app, boolean broken) {
        return "apiVersion: v1\nkind: Service\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\nspec:\n"
                + "  selector:\n    app.kubernetes.io/name: " + app + "\n  ports:\n    - name: http\n"
                + "      port: " + (broken ? "eighty" : "80") + "\n      targetPort: http\n";
    }

    private static String configMap(String ns, String name, Random r, boolean broken) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + (broken ? "date:\n" : "data:\n") + "  LOG_LEVEL: info\n  WORKERS: \"" + (1 + r.nextInt(8)) + "\"\n";
    }

    private static String pvc(String ns, String name, Random r, boolean broken) {
        return "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + "spec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: "
                + (1 + r.nextInt(100)) + "Gi\n" + (broken ? "  volumeMode: 7\n" : "");
    }

    private static String secret(String ns, String name, boolean broken) {
        // encrypted (SOPS-style) values: a realistic secret in Git, and no plaintext-secret finding
        return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\ntype: Opaque\n"
                + "stringData:\n  password: ENC[AES256_GCM,data:" + Integer.toHexString(name.hashCode()) + ",type:str]\n"
                + (broken ? "immutable: \"yes\"\n" : "");
    }

    private static String ingress(String ns, String name, String service, boolean broken) {
        return "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: " + name + "\n  namespace: " + ns + "\n"
                + "spec:\n  ingressClassName: nginx\n  rules:\n    - host: " + name + ".example.com\n      http:\n"
                + "        paths:\n          - path: /\n            pathType: Prefix\n"
                + "            backend:\n              service:\n                name: " + service + "\n"
                + "                port:\n                  number: " + (broken ? "eighty" : "80") + "\n";
    }

    private static String networkPolicy(String ns, String name, boolean broken) {
        return "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: " + name + "\n  namespace: " + ns
                + "\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n" + (broken ? "  ingres: []\n" : "  ingress: []\n");
    }

    private static String namespace(String name, boolean broken) {
        return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n"
                + (broken ? "  labels: team-a\n" : "  labels:\n    team: a\n");
    }
}
