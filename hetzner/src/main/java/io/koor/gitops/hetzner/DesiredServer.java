package io.koor.gitops.hetzner;

import java.util.List;
import java.util.SortedMap;

/**
 * A server the cluster needs on Hetzner Cloud, with the labels that mark it as this cluster's
 * (destroy touches nothing without them) and the raw volumes Ceph gets as OSD devices.
 */
public record DesiredServer(String name, String serverType, String image, String location,
                            SortedMap<String, String> labels, List<DesiredVolume> volumes) {
    public DesiredServer {
        labels = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels));
        volumes = List.copyOf(volumes);
    }

    /** An unformatted, not automounted volume: Ceph needs the raw block device. */
    public record DesiredVolume(String name, int sizeGb) {
    }
}
