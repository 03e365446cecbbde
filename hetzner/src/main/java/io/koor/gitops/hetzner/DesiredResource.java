package io.koor.gitops.hetzner;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One resource the cluster needs: its kind, unique name, the labels that make it this cluster's,
 * and the attributes its creation needs (server type, size, the server a volume belongs to...).
 */
public record DesiredResource(ResourceKind kind, String name, SortedMap<String, String> labels,
                              Map<String, String> attributes) {
    public DesiredResource {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }
}
