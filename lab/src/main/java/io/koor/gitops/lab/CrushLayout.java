package io.koor.gitops.lab;

import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What CRUSH places data on: hosts, each with its OSDs and their device classes, and the pools
 * whose copies or chunks must be placed apart.
 */
public record CrushLayout(List<Host> hosts, List<Pool> pools) {
    private static final Pattern CLASS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** A storage host; one device class per OSD, in the order Ceph numbers them. */
    public record Host(String name, List<String> osdClasses) {
        public Host {
            Objects.requireNonNull(name, "name");
            osdClasses = List.copyOf(osdClasses);
            if (osdClasses.isEmpty()) {
                throw new IllegalArgumentException(name + " has no OSDs; CRUSH only sees hosts with OSDs");
            }
            osdClasses.forEach(c -> {
                if (!CLASS.matcher(c).matches()) {
                    throw new IllegalArgumentException(name + ": '" + c + "' is not a CRUSH device class");
                }
            });
        }

        /** A host of {@code osds} OSDs of one class. */
        public static Host of(String name, int osds, String deviceClass) {
            return new Host(name, java.util.Collections.nCopies(osds, deviceClass));
        }

        long osds(String deviceClass) {
            return deviceClass == null ? osdClasses.size() : osdClasses.stream().filter(deviceClass::equals).count();
        }
    }

    public record Pool(String name, PoolSpec spec) {
        public Pool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(spec, "spec");
        }
    }

    public CrushLayout {
        hosts = List.copyOf(hosts);
        pools = List.copyOf(pools);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a CRUSH layout needs at least one host");
        }
    }

    /**
     * The failure domains a pool can choose from: hosts with an OSD of its device class (any class
     * when it names none), or those OSDs themselves.
     */
    public int domains(PoolSpec spec) {
        String deviceClass = spec.deviceClass().orElse(null);
        return spec.failureDomain() == FailureDomain.HOST
                ? (int) hosts.stream().filter(h -> h.osds(deviceClass) > 0).count()
                : (int) hosts.stream().mapToLong(h -> h.osds(deviceClass)).sum();
    }

    /** For reports: {@code host0[hdd,hdd] host1[ssd]}. */
    public String describeHosts() {
        return hosts.stream().map(h -> h.name() + "[" + String.join(",", h.osdClasses()) + "]")
                .collect(Collectors.joining(" "));
    }
}
