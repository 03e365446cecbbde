package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.apps.Application;
import io.koor.gitops.model.apps.Workload;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NetworkPolicies of application namespaces: all traffic denied, then exactly what is needed
 * (NetworkPolicies add up: kubernetes.io docs, concepts/services-networking/network-policies). A typed
 * application's own pods reach each other; all reach the cluster DNS; what a route exposes takes
 * connections from the ingress controller's namespace; bucket users reach the object store's gateways;
 * and the applications it names are reached (and accept it). Policies
 * match the pods' own ports (a Service's traffic arrives translated to them), which for Rook's RGW is
 * its container port, not the Service's.
 */
final class NetworkPolicies {
    /** CoreDNS as kubeadm deploys it: Deployment coredns in kube-system, pods labelled k8s-app=kube-dns. */
    private static final Map<String, Object> CLUSTER_DNS = map(
            "namespaceSelector", namespace("kube-system"),
            "podSelector", map("matchLabels", map("k8s-app", "kube-dns")));
    /** Where the API server listens: kubeadm's bindPort on each control-plane node's private address. */
    static final int API_SERVER_PORT = 6443;
    /** The port RGW listens on inside its pod, whatever the Service's (Rook pkg/operator/ceph/object/config.go at v1.20.6). */
    static final int RGW_POD_PORT = 8080;
    static final int RGW_POD_TLS_PORT = 443;

    private NetworkPolicies() {
    }

    static List<HasMetadata> of(Cluster cluster, Application app, List<Application> callers) {
        List<HasMetadata> out = new ArrayList<>(baseline(app.namespace().value(), ApplicationRenderer.appLabels(app)));
        for (Workload w : app.workloads()) {
            Set<String> routed = new TreeSet<>();
            app.routes().stream().filter(r -> r.workload().equals(w.name())).forEach(r -> routed.add(r.port()));
            if (!routed.isEmpty()) {
                out.add(fromIngress(app.namespace().value(), w.name() + "-from-ingress", pods(app, w),
                        w.ports().stream().filter(p -> routed.contains(p.name())).map(Workload.Port::number).toList(),
                        ApplicationRenderer.appLabels(app), PlatformRenderer.ingressNamespace(cluster)));
            }
            if (!w.buckets().isEmpty()) {
                List<Map<String, Object>> to = new ArrayList<>();
                Set<String> stores = new TreeSet<>();
                for (var claim : w.buckets()) {
                    ObjectStore store = cluster.rook().storeHolding(app.namespace(), claim).orElseThrow();
                    if (stores.add(store.name().value())) {
                        to.add(toGateways(cluster, store));
                    }
                }
                out.add(policy(app, w.name() + "-to-object-store", pods(app, w), List.of("Egress"), null, to));
            }
        }
        boolean mariadbJob = false;
        for (Workload w : app.workloads()) {
            for (var name : w.databases()) {
                var mariadb = MariaDbClients.named(cluster, name);
                if (mariadb.isPresent()) {
                    var db = mariadb.get();
                    mariadbJob = true;
                    out.add(policy(app, w.name() + "-to-mariadb-" + db.name(), pods(app, w), List.of("Egress"), null,
                            List.of(map("to", List.of(map("namespaceSelector", namespace(db.namespace().value()),
                                            "podSelector", map("matchLabels", map("app.kubernetes.io/name", "mariadb",
                                                    "app.kubernetes.io/instance", db.name().value())))),
                                    "ports", List.of(port("TCP", MariaDbRenderer.MARIADB_PORT))))));
                    continue;
                }
                var db = ApplicationRenderer.postgres(cluster, name);
                out.add(policy(app, w.name() + "-to-postgres-" + db.name(), pods(app, w), List.of("Egress"), null,
                        List.of(map("to", List.of(map("namespaceSelector", namespace(db.namespace().value()),
                                        "podSelector", map("matchLabels", map("cnpg.io/cluster", db.name().value())))),
                                "ports", List.of(port("TCP", PostgresRenderer.POSTGRES_PORT))))));
            }
        }
        if (mariadbJob) {
            // the Job making the MariaDB users' passwords writes its Secret through the API server
            out.add(policy(app, MariaDbClients.JOB_COMPONENT + "-to-api-server", map("matchLabels", map(
                    "app.kubernetes.io/component", MariaDbClients.JOB_COMPONENT)), List.of("Egress"), null,
                    List.of(toApiServer(cluster))));
        }
        for (var other : app.talksTo()) {
            Application target = cluster.apps().applications().stream().filter(a -> a.name().equals(other))
                    .findFirst().orElseThrow();
            out.add(policy(app, "to-" + target.name(), map(), List.of("Egress"), null, List.of(map(
                    "to", List.of(map("namespaceSelector", namespace(target.namespace().value()))),
                    "ports", servedPorts(target)))));
        }
        for (Application caller : callers) {
            out.add(policy(app, "from-" + caller.name(), map(), List.of("Ingress"), List.of(map(
                    "from", List.of(map("namespaceSelector", namespace(caller.namespace().value()))),
                    "ports", servedPorts(app))), null));
        }
        return out;
    }

    /** What every application namespace has: all denied, then its own pods to each other, and DNS. */
    static List<HasMetadata> baseline(String ns, Map<String, String> labels) {
        return List.of(
                policy(ns, labels, "default-deny", map(), List.of("Ingress", "Egress"), null, null),
                policy(ns, labels, "allow-within-application", map(), List.of("Ingress", "Egress"),
                        List.of(map("from", List.of(map("podSelector", map())))),
                        List.of(map("to", List.of(map("podSelector", map()))))),
                policy(ns, labels, "allow-dns", map(), List.of("Egress"), null, List.of(toDns())));
    }

    /**
     * A namespace no typed application owns (bucket claims for operators' workloads): nothing in or
     * out but DNS lookups, which every client needs; components running there add their own allows.
     * The names start with the namespace: one component (the bucket claims) makes several namespaces,
     * and its directory holds one file per kind and name.
     */
    static List<HasMetadata> denyAllButDns(String namespace) {
        HasMetadata deny = Resources.custom("networking.k8s.io/v1", "NetworkPolicy", namespace + "-default-deny", namespace, map(
                "podSelector", map(),
                "policyTypes", List.of("Ingress", "Egress")));
        HasMetadata dns = Resources.custom("networking.k8s.io/v1", "NetworkPolicy", namespace + "-allow-dns", namespace, map(
                "podSelector", map(),
                "policyTypes", List.of("Egress"),
                "egress", List.of(toDns())));
        return List.of(deny, dns);
    }

    /** Egress for the pods matching {@code podLabels} (all of the namespace's when empty) to the destinations given. */
    static HasMetadata egress(String name, String namespace, Map<String, Object> podLabels,
                              List<Map<String, Object>> rules) {
        return Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name, namespace, map(
                "podSelector", podLabels.isEmpty() ? map() : map("matchLabels", podLabels),
                "policyTypes", List.of("Egress"),
                "egress", rules));
    }

    /**
     * To the API server: the kubernetes Service's endpoints are the control-plane nodes' private
     * addresses on 6443, and Calico judges egress after the Service address is translated to them.
     * Cilium matches node addresses with an ipBlock only with policy-cidr-match-mode: nodes (Cilium docs,
     * network/kubernetes/policy: "As of v1.15, ipBlock can now optionally select node IPs").
     */
    static Map<String, Object> toApiServer(Cluster cluster) {
        return map("to", List.of(map("ipBlock", map("cidr", cluster.network().nodeCidr().toString()))),
                "ports", List.of(port("TCP", API_SERVER_PORT)));
    }

    /** To an object store's gateways in Rook's namespace, on the port they listen on (HTTPS when the store has TLS). */
    static Map<String, Object> toGateways(Cluster cluster, ObjectStore store) {
        int podPort = store.tlsSecret().isPresent() ? RGW_POD_TLS_PORT : RGW_POD_PORT;
        return map("to", List.of(map(
                        "namespaceSelector", namespace(cluster.rook().namespace().value()),
                        "podSelector", map("matchLabels", map("app", "rook-ceph-rgw", "rook_object_store",
                                store.name().value())))),
                "ports", List.of(port("TCP", podPort)));
    }

    /**
     * To any address on {@code ports}: public names (GitHub's API, the cluster's own pages as a reader reaches them
     * through DNS and the load balancer in front of Traefik's node ports; kube-proxy does not short-circuit the
     * balancer's address, so the packet leaves with it as destination and an ipBlock is what matches it).
     */
    static Map<String, Object> toAnyAddress(java.util.Collection<Integer> ports) {
        return map("to", List.of(map("ipBlock", map("cidr", "0.0.0.0/0")), map("ipBlock", map("cidr", "::/0"))),
                "ports", ports.stream().map(p -> (Object) port("TCP", p)).toList());
    }

    private static Map<String, Object> toDns() {
        return map("to", List.of(CLUSTER_DNS), "ports", List.of(port("UDP", 53), port("TCP", 53)));
    }

    /**
     * Connections from the namespace the tree runs its ingress controller in ({@link PlatformRenderer#ingressNamespace}),
     * or from any namespace when the cluster brings its own controller, to the pods' {@code ports}.
     */
    static HasMetadata fromIngress(String ns, String name, Map<String, Object> podSelector, List<Integer> ports,
                                   Map<String, String> labels, java.util.Optional<String> ingressNamespace) {
        Map<String, Object> from = ingressNamespace.<Map<String, Object>>map(n -> map("namespaceSelector", namespace(n)))
                .orElse(map("namespaceSelector", map()));
        return policy(ns, labels, name, podSelector, List.of("Ingress"), List.of(map(
                "from", List.of(from), "ports", ports.stream().map(p -> port("TCP", p)).toList())), null);
    }

    /** No connections at all into the selected pods (what a component without an Ingress gets). */
    static HasMetadata noIngress(String ns, String name, Map<String, Object> podSelector, Map<String, String> labels) {
        return policy(ns, labels, name, podSelector, List.of("Ingress"), null, null);
    }

    /** The ports the application's Services serve (other applications reach it only there). */
    private static List<Map<String, Object>> servedPorts(Application app) {
        Set<Integer> numbers = new TreeSet<>();
        app.workloads().forEach(w -> w.ports().forEach(p -> numbers.add(p.number())));
        return numbers.stream().map(n -> port("TCP", n)).toList();
    }

    private static Map<String, Object> pods(Application app, Workload w) {
        return map("matchLabels", new LinkedHashMap<>(ApplicationRenderer.selector(app, w)));
    }

    private static Map<String, Object> namespace(String name) {
        return map("matchLabels", map("kubernetes.io/metadata.name", name));
    }

    private static Map<String, Object> port(String protocol, int number) {
        return map("protocol", protocol, "port", number);
    }

    private static HasMetadata policy(Application app, String name, Map<String, Object> podSelector, List<String> types,
                                      List<Map<String, Object>> ingress, List<Map<String, Object>> egress) {
        return policy(app.namespace().value(), ApplicationRenderer.appLabels(app), name, podSelector, types, ingress,
                egress);
    }

    private static HasMetadata policy(String ns, Map<String, String> labels, String name, Map<String, Object> podSelector,
                                      List<String> types, List<Map<String, Object>> ingress,
                                      List<Map<String, Object>> egress) {
        HasMetadata policy = Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name, ns,
                map("podSelector", podSelector, "policyTypes", types, "ingress", ingress, "egress", egress));
        policy.getMetadata().setLabels(new java.util.TreeMap<>(labels));
        return policy;
    }
}
