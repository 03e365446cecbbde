package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.cluster.Cluster;
import java.util.List;
import java.util.Map;

/**
 * The namespace-level NetworkPolicies of an application namespace: nothing in or out
 * ({@code default-deny}), but DNS; and the allows a component adds for its own pods. NetworkPolicies
 * add up (kubernetes.io docs, concepts/services-networking/network-policies), so each allow opens
 * exactly what its pods need and nothing for the rest of the namespace.
 */
final class NetworkPolicies {
    /** CoreDNS as kubeadm deploys it: label k8s-app: kube-dns in kube-system (kubeadm's dns addon manifest). */
    private static final Map<String, Object> CLUSTER_DNS = map(
            "namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name", "kube-system")),
            "podSelector", map("matchLabels", map("k8s-app", "kube-dns")));
    /** Where the API server listens: kubeadm's bindPort on each control-plane node's private address. */
    static final int API_SERVER_PORT = 6443;
    /** The port RGW listens on inside its pod, whatever the Service's (Rook pkg/operator/ceph/object/config.go at v1.20.6). */
    static final int RGW_POD_PORT = 8080;

    private NetworkPolicies() {
    }

    /**
     * Denies all ingress and egress in the namespace, and allows DNS lookups, which every client needs.
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
                "egress", List.of(map("to", List.of(CLUSTER_DNS), "ports", List.of(port("UDP", 53), port("TCP", 53))))));
        return List.of(deny, dns);
    }

    /** Egress for the pods matching {@code podLabels} to the destinations given. */
    static HasMetadata egress(String name, String namespace, Map<String, Object> podLabels,
                              List<Map<String, Object>> rules) {
        return Resources.custom("networking.k8s.io/v1", "NetworkPolicy", name, namespace, map(
                "podSelector", map("matchLabels", podLabels),
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
        int podPort = store.tlsSecret().isPresent() ? 443 : RGW_POD_PORT;
        return map("to", List.of(map(
                        "namespaceSelector", map("matchLabels", map("kubernetes.io/metadata.name",
                                cluster.rook().namespace().value())),
                        "podSelector", map("matchLabels", map("app", "rook-ceph-rgw", "rook_object_store",
                                store.name().value())))),
                "ports", List.of(port("TCP", podPort)));
    }

    private static Map<String, Object> port(String protocol, int port) {
        return map("protocol", protocol, "port", port);
    }
}
