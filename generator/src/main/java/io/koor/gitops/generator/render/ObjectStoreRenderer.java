package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.koor.gitops.model.ceph.ObjectStore;
import io.koor.gitops.model.ceph.RookCeph;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A CephObjectStore with its gateways on the storage nodes, the bucket StorageClass, its users;
 * and, separately because applications own them, the ObjectBucketClaims with their namespaces.
 */
final class ObjectStoreRenderer {
    private ObjectStoreRenderer() {
    }

    static List<HasMetadata> render(Cluster cluster, ObjectStore store) {
        RookCeph rook = cluster.rook();
        String ns = rook.namespace().value();
        Map<String, Object> gateway = map("port", store.port());
        store.tlsSecret().ifPresent(secret -> {
            gateway.put("securePort", 443);
            gateway.put("sslCertificateRef", secret.value());
        });
        gateway.put("instances", store.gateways());
        gateway.put("priorityClassName", "system-cluster-critical");
        gateway.put("placement", Placement.storageNodes(cluster));
        gateway.put("resources", ResourcesRenderer.of(store.gatewayResources()));
        List<HasMetadata> out = new ArrayList<>();
        out.add(Resources.custom("ceph.rook.io/v1", "CephObjectStore", store.name().value(), ns, map(
                "metadataPool", PoolRenderer.spec(store.metadataPool()),
                "dataPool", PoolRenderer.spec(store.dataPool()),
                "preservePoolsOnDelete", true,
                "gateway", gateway)));
        store.bucketStorageClass().ifPresent(name -> out.add(new StorageClassBuilder()
                .withNewMetadata().withName(name.value()).endMetadata()
                .withProvisioner(ns + ".ceph.rook.io/bucket")
                .withReclaimPolicy("Delete")
                .addToParameters("objectStoreName", store.name().value())
                .addToParameters("objectStoreNamespace", ns)
                .build()));
        for (ObjectStore.ObjectUser user : store.users()) {
            out.add(Resources.custom("ceph.rook.io/v1", "CephObjectStoreUser", user.name().value(), ns, map(
                    "store", store.name().value(),
                    "displayName", user.displayName())));
        }
        return out;
    }

    /**
     * The claims of every store, and the namespaces they are made in, each denying all traffic but DNS
     * unless a database or a typed application lives there (their components bring their own); components
     * running in them add the allows their pods need. Each names its bucket
     * ({@code bucketName}); Rook then creates a Secret (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and a
     * ConfigMap (BUCKET_HOST, BUCKET_NAME, BUCKET_PORT) named after the claim in its namespace
     * (rook.io docs, Storage-Configuration/Object-Storage-RGW/ceph-object-bucket-claim).
     */
    /**
     * The store's gateway Service inside the cluster, {@code rook-ceph-rgw-<store>.<rook namespace>.svc}
     * with its port: {@code host:port}. Rook serves plain HTTP on the store's port and, with a TLS
     * secret, HTTPS on 443 (CephObjectStore gateway.port / securePort).
     */
    static String gatewayAddress(Cluster cluster, ObjectStore store, boolean secure) {
        return "rook-ceph-rgw-" + store.name() + "." + cluster.rook().namespace() + ".svc:" + (secure ? 443 : store.port());
    }

    /** The gateway's URL as S3 clients take it: HTTPS when the store has a TLS secret, plain HTTP otherwise. */
    static String gatewayUrl(Cluster cluster, ObjectStore store) {
        boolean tls = store.tlsSecret().isPresent();
        return (tls ? "https" : "http") + "://" + gatewayAddress(cluster, store, tls);
    }

    static List<HasMetadata> bucketClaims(Cluster cluster) {
        RookCeph rook = cluster.rook();
        List<HasMetadata> out = new ArrayList<>();
        TreeSet<String> namespaces = new TreeSet<>();
        for (ObjectStore store : rook.objectStores()) {
            for (ObjectStore.BucketClaim claim : store.buckets()) {
                namespaces.add(claim.namespace().value());
                out.add(Resources.custom("objectbucket.io/v1alpha1", "ObjectBucketClaim", claim.name().value(),
                        claim.namespace().value(), map(
                                "bucketName", claim.name().value(),
                                "storageClassName", store.bucketStorageClass().orElseThrow().value())));
            }
        }
        // Rook's own namespace comes with the operator (a claim there: the toolbox-keyed benchmarks' results)
        namespaces.remove(rook.namespace().value());
        // and the monitoring namespace with the stack (a claim there: Loki's), which runs no default-deny
        if (cluster.monitoring().enabled()) {
            namespaces.remove(io.koor.gitops.model.monitoring.Monitoring.NAMESPACE);
        }
        // A database's component brings the policies its operator needs, a typed or Dekorate application's its own.
        Set<String> governed = java.util.stream.Stream.of(
                cluster.apps().databases().stream().map(db -> db.namespace().value()),
                cluster.apps().mariadbs().stream().map(db -> db.namespace().value()),
                cluster.apps().applications().stream().map(app -> app.namespace().value()),
                cluster.apps().dekorate().stream().map(app -> app.namespace().value()))
                .flatMap(s -> s).collect(Collectors.toSet());
        List<HasMetadata> policies = new ArrayList<>();
        namespaces.stream().filter(ns -> !governed.contains(ns))
                .forEach(ns -> policies.addAll(NetworkPolicies.denyAllButDns(ns)));
        namespaces.forEach(ns -> out.add(0, Namespaces.of(cluster, ns, Namespaces.application(cluster, ns))));
        out.addAll(policies);
        return out;
    }
}
