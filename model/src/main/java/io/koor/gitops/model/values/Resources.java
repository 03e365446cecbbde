package io.koor.gitops.model.values;

import io.koor.gitops.model.ModelException;

/**
 * Requests and memory limit of one daemon. CPU limits are left out on purpose: Ceph daemons
 * throttled by CFS quotas stall I/O, so Rook's own examples set none.
 */
public record Resources(int cpuMillis, int memoryRequestMiB, int memoryLimitMiB) {
    public Resources {
        if (cpuMillis < 1 || memoryRequestMiB < 1 || memoryLimitMiB < memoryRequestMiB) {
            throw ModelException.of("", "cpu=" + cpuMillis + "m memory=" + memoryRequestMiB + "Mi/" + memoryLimitMiB
                    + "Mi: requests must be positive and the memory limit at least the request");
        }
    }

    public static Resources of(int cpuMillis, int memoryRequestMiB, int memoryLimitMiB) {
        return new Resources(cpuMillis, memoryRequestMiB, memoryLimitMiB);
    }

    public String cpu() {
        return cpuMillis % 1000 == 0 ? String.valueOf(cpuMillis / 1000) : cpuMillis + "m";
    }

    public String memoryRequest() {
        return quantity(memoryRequestMiB);
    }

    public String memoryLimit() {
        return quantity(memoryLimitMiB);
    }

    private static String quantity(int mib) {
        return mib % 1024 == 0 ? (mib / 1024) + "Gi" : mib + "Mi";
    }
}
