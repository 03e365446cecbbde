package io.koor.gitops.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link BenchmarkReport#write} is asked: the directory of result files, the directory the
 * page and summary go to, and optionally two clusters to set against each other (empty: none).
 */
public record ReportOptions(Path results, Path out, List<String> compare) {
    public ReportOptions {
        compare = compare == null ? List.of() : List.copyOf(compare);
    }
}
