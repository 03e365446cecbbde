package io.koor.gitops.hetzner;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The labels that mark a Hetzner resource as one this tool made for one cluster. Destroy deletes
 * only what carries them; apply adopts an existing resource only if it carries them.
 */
public final class Labels {
    public static final String CLUSTER = "koor.io/cluster";
    public static final String ROLE = "koor.io/role";
    public static final String OWNER = "koor.io/owner";
    public static final String MANAGED_BY = "koor.io/managed-by";
    public static final String MANAGER = "demo-gitops";

    private Labels() {
    }

    public static SortedMap<String, String> of(String cluster, String owner, String role) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(CLUSTER, cluster);
        labels.put(MANAGED_BY, MANAGER);
        labels.put(OWNER, owner);
        if (role != null) {
            labels.put(ROLE, role);
        }
        return labels;
    }

    /** An unmodifiable copy, in the order the API gets them (sorted). */
    static SortedMap<String, String> copyOf(SortedMap<String, String> labels) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The label selector of everything a cluster's provisioning owns. */
    public static String selector(String cluster) {
        return MANAGED_BY + "=" + MANAGER + "," + CLUSTER + "=" + cluster;
    }

    public static boolean ownedBy(Map<String, String> labels, String cluster) {
        return MANAGER.equals(labels.get(MANAGED_BY)) && cluster.equals(labels.get(CLUSTER));
    }
}
