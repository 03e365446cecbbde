package io.koor.gitops.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads every {@code *.json} file under a directory (hidden files and directories aside) as a
 * benchmark result, in parallel; the outcome does not depend on the order files are read in.
 */
public final class ResultDirectory {
    private ResultDirectory() {
    }

    public static ResultSet read(Path dir, ReportListener listener) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "is not a directory of benchmark results");
        }
        List<Path> json = new ArrayList<>();
        int others = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(p -> !hidden(dir, p)).filter(Files::isRegularFile).sorted()::iterator) {
                if (p.getFileName().toString().endsWith(".json")) {
                    json.add(p);
                } else {
                    others++;
                }
            }
        }
        ResultParser parser = new ResultParser();
        Object[] outcome = new Object[json.size()];
        AtomicInteger done = new AtomicInteger();
        int total = json.size();
        try {
            IntStream.range(0, total).parallel().forEach(i -> {
                Path p = json.get(i);
                String name = relative(dir, p);
                try {
                    outcome[i] = parser.parse(name, Files.readAllBytes(p));
                } catch (ResultParser.BadResultException e) {
                    outcome[i] = new BadFile(name, e.line, e.column, e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + p + ": " + e.getMessage(), e);
                }
                listener.filesRead(done.incrementAndGet(), total);
            });
        } catch (UncheckedIOException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        List<BenchmarkResult> results = new ArrayList<>();
        List<BadFile> bad = new ArrayList<>();
        for (Object o : outcome) {
            if (o instanceof BenchmarkResult r) {
                results.add(r);
            } else {
                bad.add((BadFile) o);
            }
        }
        results.sort(BenchmarkResult.ORDER);
        bad.sort(BadFile.ORDER);
        return new ResultSet(results, bad, others);
    }

    private static boolean hidden(Path dir, Path p) {
        for (Path part : dir.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }
}
