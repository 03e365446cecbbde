package io.koor.gitops.report;

import java.util.List;

/**
 * What a directory held: the results in {@link BenchmarkResult#ORDER}, the files skipped (by path),
 * and how many files were not {@code *.json} and so not read.
 */
public record ResultSet(List<BenchmarkResult> results, List<BadFile> badFiles, int otherFiles) {
    public ResultSet {
        results = List.copyOf(results);
        badFiles = List.copyOf(badFiles);
    }

    public int filesRead() {
        return results.size() + badFiles.size();
    }
}
