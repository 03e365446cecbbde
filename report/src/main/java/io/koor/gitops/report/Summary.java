package io.koor.gitops.report;

/** What a run measured; every field may be null (a tool that does not report it, or a failed run). */
public record Summary(Double throughputBytesPerSecond, Double opsPerSecond, Latency latencyMs, Long errors) {
    public Summary {
        latencyMs = latencyMs == null ? Latency.NONE : latencyMs;
    }
}
