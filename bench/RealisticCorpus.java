import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic corpus of application manifests shaped like real GitOps trees, for measuring
 * ./gitops validate against kubeconform (bench/peer). Independent of ./gitops corpus on purpose:
 * it is written from the shapes of public application charts (Deployments and StatefulSets with
 * several containers, init containers, all three probes, env from ConfigMaps/Secrets/the downward
 * API, affinities, topology spread, security contexts, tolerations) so that neither tool was tuned
 * on it.
 *
 * <p>Run with the single-file source launcher:
 * {@code java bench/RealisticCorpus.java OUT --manifests 10000 --expected OUT.expected.tsv}
 * [--seed 7] [--error-rate 0.01]. OUT must not exist or be empty. One manifest is one YAML
 * document; about 4.7 KB each on average. Each app lives in apps/TEAM/APP/, either one file per
 * object or all in one file; every 40th app instead goes into a rendered bundle of many apps
 * (hundreds of documents in one file), as Helm-rendered trees have.
 *
 * <p>A share of the manifests (--error-rate) carries exactly one schema error each; the expected
 * file lists them, tab-separated: file (relative to OUT), kind, namespace, name, JSON pointer,
 * what is wrong. Nothing else in the corpus breaks the Kubernetes v1.32 strict schemas.
 */
public final class RealisticCorpus {

  private final Random random;
  private final double errorRate;
  private final List<String> expected = new ArrayList<>();
  private int manifests;

  private RealisticCorpus(long seed, double errorRate) {
    this.random = new Random(seed);
    this.errorRate = errorRate;
  }

  public static void main(String[] args) throws IOException {
    Path out = null;
    Path expectedFile = null;
    int target = 1000;
    long seed = 7;
    double rate = 0.01;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--manifests" -> target = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--error-rate" -> rate = Double.parseDouble(args[++i]);
        case "--expected" -> expectedFile = Path.of(args[++i]);
        default -> {
          if (args[i].startsWith("-") || out != null) {
            usage("unknown argument " + args[i]);
          }
          out = Path.of(args[i]);
        }
      }
    }
    if (out == null || expectedFile == null) {
      usage("OUT and --expected FILE are required");
    }
    if (Files.isDirectory(out) && Files.list(out).findAny().isPresent()) {
      usage(out + " is not empty");
    }
    RealisticCorpus corpus = new RealisticCorpus(seed, rate);
    long bytes = corpus.write(out, target);
    Files.write(expectedFile, corpus.expected, StandardCharsets.UTF_8);
    System.out.printf("%d manifests, %.1f MB, %d seeded errors -> %s (expected: %s)%n",
        corpus.manifests, bytes / 1e6, corpus.expected.size(), out, expectedFile);
  }

  private static void usage(String problem) {
    System.err.println("RealisticCorpus: " + problem);
    System.err.println("usage: java RealisticCorpus.java OUT --manifests N --expected FILE"
        + " [--seed S] [--error-rate R]");
    System.exit(2);
  }

  /** One YAML document and what it is, so a seeded error can be listed with its file. */
  private record Doc(String kind, String namespace, String name, String yaml, String fault) {}

  private long write(Path out, int target) throws IOException {
    long bytes = 0;
    int app = 0;
    List<Doc> bundle = new ArrayList<>();
    boolean inBundle = false;
    int bundles = 0;
    while (manifests < target) {
      String team = "team-" + (app / 12);
      String name = APP_NAMES[app % APP_NAMES.length] + "-" + app;
      List<Doc> docs = app(team, name, app % 12 == 0, target - manifests);
      manifests += docs.size();
      Path dir = out.resolve("apps").resolve(team).resolve(name);
      if (inBundle || app % 40 == 39) {
        // Rendered bundles (helm template output committed to Git): many apps, one file.
        inBundle = true;
        bundle.addAll(docs);
        if (bundle.size() >= 150) {
          bytes += writeFile(out, out.resolve("rendered").resolve("bundle-" + bundles++ + ".yaml"), bundle);
          bundle.clear();
          inBundle = false;
        }
      } else if (random.nextInt(10) < 4) {
        bytes += writeFile(out, dir.resolve("all.yaml"), docs);
      } else {
        for (Doc doc : docs) {
          bytes += writeFile(out, dir.resolve(doc.kind.toLowerCase() + "-" + doc.name + ".yaml"),
              List.of(doc));
        }
      }
      app++;
    }
    if (!bundle.isEmpty()) {
      bytes += writeFile(out, out.resolve("rendered").resolve("bundle-" + bundles + ".yaml"), bundle);
    }
    return bytes;
  }

  private long writeFile(Path root, Path file, List<Doc> docs) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder text = new StringBuilder();
    for (Doc doc : docs) {
      text.append("---\n").append(doc.yaml);
      if (doc.fault != null) {
        expected.add(String.join("\t", root.relativize(file).toString(), doc.kind, doc.namespace,
            doc.name, doc.fault));
      }
    }
    byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
    Files.write(file, content);
    return content.length;
  }

  private static final String[] APP_NAMES = {"checkout", "catalog", "payments", "search",
      "gateway", "orders", "billing", "inventory", "notifications", "auth", "reports", "media",
      "ledger", "pricing", "profile", "shipping"};

  /** One application: its workloads and what surrounds them, at most {@code room} documents. */
  private List<Doc> app(String team, String app, boolean firstOfTeam, int room) {
    List<Doc> docs = new ArrayList<>();
    if (firstOfTeam) {
      docs.add(networkPolicy(team, app, "default-deny", null));
    }
    docs.add(serviceAccount(team, app));
    docs.add(configMap(team, app));
    if (random.nextBoolean()) {
      docs.add(role(team, app));
      docs.add(roleBinding(team, app));
    }
    int workloads = 1 + random.nextInt(3);
    for (int w = 0; w < workloads; w++) {
      String component = w == 0 ? "api" : w == 1 ? "worker" : "db";
      String name = app + "-" + component;
      boolean stateful = component.equals("db");
      docs.add(stateful ? workload(team, app, name, "StatefulSet") : workload(team, app, name, "Deployment"));
      if (!component.equals("worker")) {
        docs.add(service(team, app, name, stateful));
      }
      docs.add(pdb(team, app, name));
      if (!stateful && random.nextInt(10) < 6) {
        docs.add(hpa(team, app, name));
      }
      if (component.equals("api") && random.nextInt(10) < 7) {
        docs.add(ingress(team, app, name));
        docs.add(networkPolicy(team, app, name + "-from-ingress", name));
      }
    }
    return docs.size() <= room ? docs : docs.subList(0, room);
  }

  // --- the kinds ---

  private Doc serviceAccount(String ns, String app) {
    Y y = header("v1", "ServiceAccount", ns, app, app, "serviceaccount");
    String fault = null;
    if (seed()) {
      y.line(0, "automountServiceAccountToken: \"false\"");
      fault = "/automountServiceAccountToken\tstring where a boolean belongs";
    } else {
      y.line(0, "automountServiceAccountToken: false");
    }
    return new Doc("ServiceAccount", ns, app, y.text(), fault);
  }

  private Doc configMap(String ns, String app) {
    String name = app + "-config";
    Y y = header("v1", "ConfigMap", ns, name, app, "config");
    y.line(0, "data:");
    String fault = null;
    if (seed()) {
      y.line(1, "MAX_RETRIES: 5");
      fault = "/data/MAX_RETRIES\tinteger where a string belongs";
    }
    y.line(1, "LOG_LEVEL: info");
    y.line(1, "FEATURE_FLAGS: \"new-checkout,fast-search\"");
    y.line(1, "application.yaml: |");
    int sections = 30 + random.nextInt(50);
    for (int s = 0; s < sections; s++) {
      y.line(2, "section" + s + ":");
      y.line(3, "enabled: " + random.nextBoolean());
      y.line(3, "endpoint: https://" + app + "-" + s + ".internal.example.com:" + (8000 + s) + "/v1");
      y.line(3, "timeoutMillis: " + (100 * (1 + random.nextInt(50))));
      y.line(3, "retries: " + random.nextInt(6));
      y.line(3, "description: \"Settings for the " + app + " integration number " + s + "\"");
    }
    y.line(1, "logback.xml: |");
    y.line(2, "<configuration>");
    y.line(3, "<appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">");
    y.line(4, "<encoder class=\"net.logstash.logback.encoder.LogstashEncoder\"/>");
    y.line(3, "</appender>");
    y.line(3, "<root level=\"INFO\"><appender-ref ref=\"STDOUT\"/></root>");
    y.line(2, "</configuration>");
    return new Doc("ConfigMap", ns, name, y.text(), fault);
  }

  private Doc role(String ns, String app) {
    String name = app + "-reader";
    Y y = header("rbac.authorization.k8s.io/v1", "Role", ns, name, app, "rbac");
    y.line(0, "rules:");
    String fault = null;
    y.line(1, "- apiGroups: [\"\"]");
    y.line(2, "resources: [configmaps, endpoints, pods]");
    if (seed()) {
      y.line(2, "verbs: get");
      fault = "/rules/0/verbs\tstring where a list belongs";
    } else {
      y.line(2, "verbs: [get, list, watch]");
    }
    y.line(1, "- apiGroups: [coordination.k8s.io]");
    y.line(2, "resources: [leases]");
    y.line(2, "verbs: [get, create, update]");
    return new Doc("Role", ns, name, y.text(), fault);
  }

  private Doc roleBinding(String ns, String app) {
    String name = app + "-reader";
    Y y = header("rbac.authorization.k8s.io/v1", "RoleBinding", ns, name, app, "rbac");
    String fault = null;
    if (seed()) {
      fault = "/roleRef\trequired roleRef missing";
    } else {
      y.line(0, "roleRef:");
      y.line(1, "apiGroup: rbac.authorization.k8s.io");
      y.line(1, "kind: Role");
      y.line(1, "name: " + name);
    }
    y.line(0, "subjects:");
    y.line(1, "- kind: ServiceAccount");
    y.line(2, "name: " + app);
    y.line(2, "namespace: " + ns);
    return new Doc("RoleBinding", ns, name, y.text(), fault);
  }

  private Doc service(String ns, String app, String name, boolean headless) {
    Y y = header("v1", "Service", ns, name, app, "service");
    y.line(0, "spec:");
    y.line(1, "type: ClusterIP");
    if (headless) {
      y.line(1, "clusterIP: None");
    }
    y.line(1, "selector:");
    y.line(2, "app.kubernetes.io/name: " + name);
    y.line(2, "app.kubernetes.io/instance: " + app);
    y.line(1, "ports:");
    String fault = null;
    y.line(2, "- name: http");
    if (seed()) {
      y.line(3, "port: \"80\"");
      fault = "/spec/ports/0/port\tstring where an integer belongs";
    } else {
      y.line(3, "port: 80");
    }
    y.line(3, "targetPort: http");
    y.line(3, "protocol: TCP");
    y.line(2, "- name: metrics");
    y.line(3, "port: 9090");
    y.line(3, "targetPort: metrics");
    return new Doc("Service", ns, name, y.text(), fault);
  }

  /** The namespace's default deny (podSelector {}), or one workload's ingress from the controller. */
  private Doc networkPolicy(String ns, String app, String name, String workload) {
    Y y = header("networking.k8s.io/v1", "NetworkPolicy", ns, name, app, "network");
    y.line(0, "spec:");
    if (workload == null) {
      y.line(1, "podSelector: {}");
      y.line(1, "policyTypes: [Ingress, Egress]");
      y.line(1, "egress:");
      y.line(2, "- to:");
      y.line(4, "- namespaceSelector:");
      y.line(6, "matchLabels:");
      y.line(7, "kubernetes.io/metadata.name: kube-system");
      y.line(3, "ports:");
      y.line(4, "- protocol: UDP");
      y.line(5, "port: 53");
      return new Doc("NetworkPolicy", ns, name, y.text(), null);
    }
    y.line(1, "podSelector:");
    y.line(2, "matchLabels:");
    y.line(3, "app.kubernetes.io/name: " + workload);
    y.line(1, "policyTypes: [Ingress]");
    y.line(1, "ingress:");
    y.line(2, "- from:");
    y.line(4, "- namespaceSelector:");
    y.line(6, "matchLabels:");
    y.line(7, "kubernetes.io/metadata.name: ingress-nginx");
    y.line(3, "ports:");
    y.line(4, "- protocol: TCP");
    y.line(5, "port: http");
    return new Doc("NetworkPolicy", ns, name, y.text(), null);
  }

  private Doc pdb(String ns, String app, String name) {
    Y y = header("policy/v1", "PodDisruptionBudget", ns, name, app, "availability");
    y.line(0, "spec:");
    String fault = null;
    if (seed()) {
      y.line(1, "minAvailible: 1");
      fault = "/spec/minAvailible\tunknown field (strict)";
    } else {
      y.line(1, "minAvailable: 1");
    }
    y.line(1, "selector:");
    y.line(2, "matchLabels:");
    y.line(3, "app.kubernetes.io/name: " + name);
    return new Doc("PodDisruptionBudget", ns, name, y.text(), fault);
  }

  private Doc hpa(String ns, String app, String name) {
    Y y = header("autoscaling/v2", "HorizontalPodAutoscaler", ns, name, app, "autoscaling");
    y.line(0, "spec:");
    y.line(1, "scaleTargetRef:");
    y.line(2, "apiVersion: apps/v1");
    y.line(2, "kind: Deployment");
    y.line(2, "name: " + name);
    String fault = null;
    if (seed()) {
      y.line(1, "minReplicas: \"2\"");
      fault = "/spec/minReplicas\tstring where an integer belongs";
    } else {
      y.line(1, "minReplicas: 2");
    }
    y.line(1, "maxReplicas: " + (4 + random.nextInt(20)));
    y.line(1, "metrics:");
    y.line(2, "- type: Resource");
    y.line(3, "resource:");
    y.line(4, "name: cpu");
    y.line(4, "target:");
    y.line(5, "type: Utilization");
    y.line(5, "averageUtilization: " + (50 + random.nextInt(30)));
    y.line(2, "- type: Resource");
    y.line(3, "resource:");
    y.line(4, "name: memory");
    y.line(4, "target:");
    y.line(5, "type: AverageValue");
    y.line(5, "averageValue: 800Mi");
    y.line(1, "behavior:");
    y.line(2, "scaleDown:");
    y.line(3, "stabilizationWindowSeconds: 300");
    y.line(3, "policies:");
    y.line(4, "- type: Percent");
    y.line(5, "value: 50");
    y.line(5, "periodSeconds: 60");
    return new Doc("HorizontalPodAutoscaler", ns, name, y.text(), fault);
  }

  private Doc ingress(String ns, String app, String name) {
    Y y = header("networking.k8s.io/v1", "Ingress", ns, name, app, "ingress");
    // header() closed metadata with labels; ingress annotations are the common nginx ones.
    y.line(0, "spec:");
    y.line(1, "ingressClassName: nginx");
    y.line(1, "tls:");
    y.line(2, "- hosts: [" + app + ".example.com]");
    y.line(3, "secretName: " + app + "-tls");
    y.line(1, "rules:");
    y.line(2, "- host: " + app + ".example.com");
    y.line(3, "http:");
    y.line(4, "paths:");
    String fault = null;
    for (String path : new String[] {"/api", "/healthz"}) {
      y.line(5, "- path: " + path);
      if (path.equals("/api") && seed()) {
        fault = "/spec/rules/0/http/paths/0/pathType\trequired pathType missing";
      } else {
        y.line(6, "pathType: Prefix");
      }
      y.line(6, "backend:");
      y.line(7, "service:");
      y.line(8, "name: " + name);
      y.line(8, "port:");
      y.line(9, "name: http");
    }
    return new Doc("Ingress", ns, name, y.text(), fault);
  }

  /** A Deployment or StatefulSet as application charts render them. */
  private Doc workload(String ns, String app, String name, String kind) {
    Y y = new Y();
    y.line(0, "apiVersion: apps/v1");
    y.line(0, "kind: " + kind);
    y.line(0, "metadata:");
    y.line(1, "name: " + name);
    y.line(1, "namespace: " + ns);
    labels(y, 1, app, name, "workload");
    y.line(1, "annotations:");
    y.line(2, "reloader.stakater.com/auto: \"true\"");
    y.line(2, "deployment.kubernetes.io/revision: \"" + (1 + random.nextInt(40)) + "\"");
    y.line(2, "meta.helm.sh/release-name: " + app);
    y.line(2, "meta.helm.sh/release-namespace: " + ns);
    y.line(0, "spec:");
    // Every fault of a workload is placed once, in the place it names.
    String fault = seed() ? WORKLOAD_FAULTS[random.nextInt(WORKLOAD_FAULTS.length)] : null;
    y.line(1, "replicas: " + (fault == FAULT_REPLICAS ? "\"3\"" : String.valueOf(2 + random.nextInt(4))));
    y.line(1, "revisionHistoryLimit: 5");
    if (kind.equals("StatefulSet")) {
      y.line(1, "serviceName: " + name);
      y.line(1, "podManagementPolicy: Parallel");
      y.line(1, "updateStrategy:");
      y.line(2, "type: RollingUpdate");
    } else {
      y.line(1, "strategy:");
      y.line(2, "type: RollingUpdate");
      y.line(2, "rollingUpdate:");
      y.line(3, "maxSurge: 25%");
      y.line(3, "maxUnavailable: 0");
    }
    y.line(1, "selector:");
    y.line(2, "matchLabels:");
    y.line(3, "app.kubernetes.io/name: " + name);
    y.line(3, "app.kubernetes.io/instance: " + app);
    y.line(1, "template:");
    y.line(2, "metadata:");
    labels(y, 3, app, name, "workload");
    y.line(3, "annotations:");
    y.line(4, "prometheus.io/scrape: \"true\"");
    y.line(4, "prometheus.io/port: \"9090\"");
    y.line(4, "checksum/config: " + hex(64));
    y.line(2, "spec:");
    y.line(3, "serviceAccountName: " + app);
    y.line(3, "terminationGracePeriodSeconds: 45");
    y.line(3, "priorityClassName: business-critical");
    y.line(3, "securityContext:");
    y.line(4, "runAsNonRoot: true");
    y.line(4, "runAsUser: 10001");
    y.line(4, "runAsGroup: 10001");
    y.line(4, "fsGroup: 10001");
    y.line(4, "seccompProfile:");
    y.line(5, "type: RuntimeDefault");
    affinity(y, 3, name);
    y.line(3, "topologySpreadConstraints:");
    for (String key : new String[] {"topology.kubernetes.io/zone", "kubernetes.io/hostname"}) {
      y.line(4, "- maxSkew: 1");
      y.line(5, "topologyKey: " + key);
      y.line(5, "whenUnsatisfiable: " + (key.contains("zone") ? "ScheduleAnyway" : "DoNotSchedule"));
      y.line(5, "labelSelector:");
      y.line(6, "matchLabels:");
      y.line(7, "app.kubernetes.io/name: " + name);
    }
    y.line(3, "tolerations:");
    y.line(4, "- key: dedicated");
    y.line(5, "operator: Equal");
    y.line(5, "value: " + ns);
    y.line(5, "effect: NoSchedule");
    y.line(4, "- key: node.kubernetes.io/not-ready");
    y.line(5, "operator: Exists");
    y.line(5, "effect: NoExecute");
    y.line(5, "tolerationSeconds: 120");
    y.line(3, "initContainers:");
    container(y, 4, app, name, "migrate", 0, true, null);
    if (random.nextBoolean()) {
      container(y, 4, app, name, "wait-for-deps", 0, true, null);
    }
    y.line(3, "containers:");
    int containers = 2 + random.nextInt(3);
    String[] roles = {"app", "envoy", "log-shipper", "metrics-exporter"};
    for (int c = 0; c < containers; c++) {
      container(y, 4, app, name, roles[c], 8080 + 100 * c, false, c == containers - 1 ? fault : null);
    }
    y.line(3, "volumes:");
    y.line(4, "- name: config");
    y.line(5, "configMap:");
    y.line(6, "name: " + app + "-config");
    y.line(4, "- name: tmp");
    y.line(5, "emptyDir:");
    y.line(6, "sizeLimit: 256Mi");
    y.line(4, "- name: tls");
    y.line(5, "secret:");
    y.line(6, "secretName: " + app + "-tls");
    y.line(6, "defaultMode: 0440");
    if (kind.equals("StatefulSet")) {
      y.line(1, "volumeClaimTemplates:");
      y.line(2, "- metadata:");
      y.line(4, "name: data");
      y.line(3, "spec:");
      y.line(4, "accessModes: [ReadWriteOnce]");
      y.line(4, "resources:");
      y.line(5, "requests:");
      y.line(6, "storage: " + (10 * (1 + random.nextInt(20))) + "Gi");
    }
    String where = fault == null ? null : fault.replace("CONTAINER",
        String.valueOf(containers - 1));
    return new Doc(kind, ns, name, y.text(), where);
  }

  private static final String FAULT_REPLICAS = "/spec/replicas\tstring where an integer belongs";
  private static final String FAULT_PORT =
      "/spec/template/spec/containers/CONTAINER/ports/0/containerPort\tstring where an integer belongs";
  private static final String FAULT_PULL_POLICY =
      "/spec/template/spec/containers/CONTAINER/imagePullpolicy\tunknown field (strict)";
  private static final String FAULT_NAME =
      "/spec/template/spec/containers/CONTAINER/name\trequired container name missing";
  private static final String FAULT_PROBE =
      "/spec/template/spec/containers/CONTAINER/readinessProbe/periodSeconds\tstring where an integer belongs";
  private static final String[] WORKLOAD_FAULTS =
      {FAULT_REPLICAS, FAULT_PORT, FAULT_PULL_POLICY, FAULT_NAME, FAULT_PROBE};

  private void affinity(Y y, int at, String name) {
    y.line(at, "affinity:");
    y.line(at + 1, "nodeAffinity:");
    y.line(at + 2, "requiredDuringSchedulingIgnoredDuringExecution:");
    y.line(at + 3, "nodeSelectorTerms:");
    y.line(at + 4, "- matchExpressions:");
    y.line(at + 6, "- key: kubernetes.io/arch");
    y.line(at + 7, "operator: In");
    y.line(at + 7, "values: [amd64, arm64]");
    y.line(at + 6, "- key: node-role.kubernetes.io/worker");
    y.line(at + 7, "operator: Exists");
    y.line(at + 2, "preferredDuringSchedulingIgnoredDuringExecution:");
    y.line(at + 3, "- weight: 50");
    y.line(at + 4, "preference:");
    y.line(at + 5, "matchExpressions:");
    y.line(at + 6, "- key: node.kubernetes.io/instance-type");
    y.line(at + 7, "operator: In");
    y.line(at + 7, "values: [cpx41, cpx51, ccx33]");
    y.line(at + 1, "podAntiAffinity:");
    y.line(at + 2, "preferredDuringSchedulingIgnoredDuringExecution:");
    y.line(at + 3, "- weight: 100");
    y.line(at + 4, "podAffinityTerm:");
    y.line(at + 5, "topologyKey: kubernetes.io/hostname");
    y.line(at + 5, "labelSelector:");
    y.line(at + 6, "matchExpressions:");
    y.line(at + 7, "- key: app.kubernetes.io/name");
    y.line(at + 8, "operator: In");
    y.line(at + 8, "values: [" + name + "]");
  }

  private void container(Y y, int at, String app, String workload, String role, int port,
      boolean init, String fault) {
    if (fault == FAULT_NAME) {
      y.line(at, "- image: registry.example.com/" + app + "/" + role + ":" + version());
    } else {
      y.line(at, "- name: " + role);
      y.line(at + 1, "image: registry.example.com/" + app + "/" + role + ":" + version());
    }
    int in = at + 1;
    y.line(in, fault == FAULT_PULL_POLICY ? "imagePullpolicy: IfNotPresent" : "imagePullPolicy: IfNotPresent");
    if (init) {
      y.line(in, "command: [/bin/sh, -c]");
      y.line(in, "args: [\"/opt/" + role + ".sh --timeout=120s --target=" + workload + "\"]");
    } else {
      y.line(in, "args:");
      y.line(in + 1, "- --config=/etc/" + app + "/application.yaml");
      y.line(in + 1, "- --log-format=json");
      y.line(in + 1, "- --listen=:" + port);
      y.line(in, "ports:");
      y.line(in + 1, "- name: " + (role.equals("app") ? "http" : role.substring(0, Math.min(role.length(), 10))));
      y.line(in + 2, "containerPort: " + (fault == FAULT_PORT ? "\"" + port + "\"" : String.valueOf(port)));
      y.line(in + 2, "protocol: TCP");
      if (role.equals("app")) {
        y.line(in + 1, "- name: metrics");
        y.line(in + 2, "containerPort: 9090");
      }
    }
    y.line(in, "env:");
    env(y, in + 1, "APP_NAME", "value: " + app);
    env(y, in + 1, "POD_NAME", "valueFrom:", "fieldRef:", "fieldPath: metadata.name");
    env(y, in + 1, "POD_NAMESPACE", "valueFrom:", "fieldRef:", "fieldPath: metadata.namespace");
    env(y, in + 1, "NODE_NAME", "valueFrom:", "fieldRef:", "fieldPath: spec.nodeName");
    env(y, in + 1, "MEMORY_LIMIT", "valueFrom:", "resourceFieldRef:", "resource: limits.memory");
    env(y, in + 1, "LOG_LEVEL", "valueFrom:", "configMapKeyRef:", "name: " + app + "-config", "key: LOG_LEVEL");
    env(y, in + 1, "DATABASE_PASSWORD", "valueFrom:", "secretKeyRef:", "name: " + app + "-db",
        "key: password", "optional: false");
    int extra = random.nextInt(10);
    for (int e = 0; e < extra; e++) {
      env(y, in + 1, "UPSTREAM_" + e + "_URL", "value: http://" + app + "-" + e + "." + "svc.cluster.local:8080");
    }
    y.line(in, "envFrom:");
    y.line(in + 1, "- configMapRef:");
    y.line(in + 3, "name: " + app + "-config");
    y.line(in, "resources:");
    y.line(in + 1, "requests:");
    y.line(in + 2, "cpu: " + (50 * (1 + random.nextInt(10))) + "m");
    y.line(in + 2, "memory: " + (64 * (1 + random.nextInt(16))) + "Mi");
    y.line(in + 1, "limits:");
    y.line(in + 2, "memory: " + (64 * (17 + random.nextInt(16))) + "Mi");
    if (!init) {
      y.line(in, "startupProbe:");
      y.line(in + 1, "httpGet:");
      y.line(in + 2, "path: /healthz/startup");
      y.line(in + 2, "port: " + port);
      y.line(in + 1, "failureThreshold: 30");
      y.line(in + 1, "periodSeconds: 5");
      y.line(in, "readinessProbe:");
      y.line(in + 1, "httpGet:");
      y.line(in + 2, "path: /healthz/ready");
      y.line(in + 2, "port: " + port);
      y.line(in + 2, "httpHeaders:");
      y.line(in + 3, "- name: X-Probe");
      y.line(in + 4, "value: readiness");
      y.line(in + 1, "periodSeconds: " + (fault == FAULT_PROBE ? "\"10\"" : "10"));
      y.line(in + 1, "timeoutSeconds: 2");
      y.line(in, "livenessProbe:");
      if (random.nextBoolean()) {
        y.line(in + 1, "tcpSocket:");
        y.line(in + 2, "port: " + port);
      } else {
        y.line(in + 1, "exec:");
        y.line(in + 2, "command: [/bin/health, --live]");
      }
      y.line(in + 1, "initialDelaySeconds: 15");
      y.line(in + 1, "periodSeconds: 20");
      y.line(in, "lifecycle:");
      y.line(in + 1, "preStop:");
      y.line(in + 2, "exec:");
      y.line(in + 3, "command: [/bin/sh, -c, sleep 10]");
    }
    y.line(in, "securityContext:");
    y.line(in + 1, "allowPrivilegeEscalation: false");
    y.line(in + 1, "readOnlyRootFilesystem: true");
    y.line(in + 1, "runAsNonRoot: true");
    y.line(in + 1, "capabilities:");
    y.line(in + 2, "drop: [ALL]");
    y.line(in, "volumeMounts:");
    y.line(in + 1, "- name: config");
    y.line(in + 2, "mountPath: /etc/" + app);
    y.line(in + 2, "readOnly: true");
    y.line(in + 1, "- name: tmp");
    y.line(in + 2, "mountPath: /tmp");
    if (!init) {
      y.line(in + 1, "- name: tls");
      y.line(in + 2, "mountPath: /etc/tls");
      y.line(in + 2, "readOnly: true");
    }
  }

  private static void env(Y y, int at, String name, String... value) {
    y.line(at, "- name: " + name);
    for (int i = 0; i < value.length; i++) {
      y.line(at + 1 + Math.min(i, 2), value[i]);
    }
  }

  private Y header(String apiVersion, String kind, String ns, String name, String app, String component) {
    Y y = new Y();
    y.line(0, "apiVersion: " + apiVersion);
    y.line(0, "kind: " + kind);
    y.line(0, "metadata:");
    y.line(1, "name: " + name);
    y.line(1, "namespace: " + ns);
    labels(y, 1, app, name, component);
    if (kind.equals("Ingress")) {
      y.line(1, "annotations:");
      y.line(2, "cert-manager.io/cluster-issuer: letsencrypt");
      y.line(2, "nginx.ingress.kubernetes.io/proxy-body-size: 16m");
      y.line(2, "nginx.ingress.kubernetes.io/ssl-redirect: \"true\"");
    }
    return y;
  }

  private void labels(Y y, int at, String app, String name, String component) {
    y.line(at, "labels:");
    y.line(at + 1, "app.kubernetes.io/name: " + name);
    y.line(at + 1, "app.kubernetes.io/instance: " + app);
    y.line(at + 1, "app.kubernetes.io/component: " + component);
    y.line(at + 1, "app.kubernetes.io/part-of: " + app);
    y.line(at + 1, "app.kubernetes.io/managed-by: Helm");
    y.line(at + 1, "app.kubernetes.io/version: \"" + version() + "\"");
    y.line(at + 1, "helm.sh/chart: " + app + "-" + version());
  }

  private boolean seed() {
    return random.nextDouble() < errorRate;
  }

  private String version() {
    return (1 + random.nextInt(3)) + "." + random.nextInt(20) + "." + random.nextInt(10);
  }

  private String hex(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(Character.forDigit(random.nextInt(16), 16));
    }
    return s.toString();
  }

  /** YAML text by lines, two spaces an indentation level. */
  private static final class Y {
    private final StringBuilder text = new StringBuilder(4096);

    void line(int level, String content) {
      text.append("  ".repeat(level)).append(content).append('\n');
    }

    String text() {
      return text.toString();
    }
  }
}
