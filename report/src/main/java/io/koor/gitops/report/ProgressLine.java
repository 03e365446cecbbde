package io.koor.gitops.report;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code report: 12,000/50,000 files}, at most once a second and once more at the end, for
 * directories of {@value #QUIET_BELOW} files or more; smaller ones are read too fast to need it.
 */
public final class ProgressLine implements ReportListener {
    static final int QUIET_BELOW = 1000;
    private static final long INTERVAL_NANOS = 1_000_000_000L;
    private final Consumer<String> out;
    private final LongSupplier nanoTime;
    private long last;
    private boolean started;

    public ProgressLine(Consumer<String> out) {
        this(out, System::nanoTime);
    }

    ProgressLine(Consumer<String> out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void filesRead(int done, int total) {
        if (total < QUIET_BELOW) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!started) { // the first second counts from the first file, not from when the walk began
            started = true;
            last = now;
        }
        if (done == total || now - last >= INTERVAL_NANOS) {
            last = now;
            out.accept(String.format(Locale.ROOT, "report: %,d/%,d files", done, total));
        }
    }
}
