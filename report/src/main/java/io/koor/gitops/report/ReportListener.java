package io.koor.gitops.report;

/** What the report tells its front end while it works; the library itself never prints. */
@FunctionalInterface
public interface ReportListener {
    ReportListener SILENT = (done, total) -> { };

    /** {@code done} of {@code total} result files read; may be called from several threads. */
    void filesRead(int done, int total);
}
