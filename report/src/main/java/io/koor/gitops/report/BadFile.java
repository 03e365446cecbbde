package io.koor.gitops.report;

import java.util.Comparator;

/**
 * A file that was skipped, and why. {@code line} and {@code column} are 1-based and known for JSON
 * syntax errors; 0 when the file is JSON but not a benchmark result (the message then names the field).
 */
public record BadFile(String file, int line, int column, String message) {
    static final Comparator<BadFile> ORDER = Comparator.comparing(BadFile::file);

    /** {@code results/a.json:3:14: ...} or {@code results/a.json: ...}, the way compilers name places. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
    }
}
