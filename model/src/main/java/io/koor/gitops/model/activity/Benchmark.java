package io.koor.gitops.model.activity;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A load benchmark started on demand: a suspended CronJob that {@code kubectl create job --from=cronjob/<name>}
 * runs once. It writes a result file (gitops.koor.io/benchmark-result/v1) into the bucket of a claim in its
 * own namespace, and its summary to the Pushgateway when the definition has one.
 *
 * @param name        also the CronJob's name and the result's {@code benchmark}
 * @param namespace   where it runs: fio beside its volume, pgbench beside its database, rados in Rook's namespace
 * @param resultsClaim a bucket claim in {@code namespace} for the result files
 * @param storageClass fio's volume (a PVC of {@code volumeGi}); empty for the others
 * @param database    pgbench's database; empty for the others
 * @param pool        the pool rados bench writes to; empty for the others
 * @param parameters  the tool's settings, written into the result as they are; wrk's {@code url}, {@code threads}
 *                    and {@code connections} are required
 */
public record Benchmark(DnsLabel name, Tool tool, DnsLabel namespace, DnsLabel resultsClaim,
                        Optional<DnsLabel> storageClass, int volumeGi, Optional<DnsLabel> database, Optional<DnsLabel> pool,
                        int seconds, Map<String, String> parameters) {
    /** What a benchmark runs, and what it measures. */
    public enum Tool {
        /** fio on a file of a PVC: RBD with a block StorageClass, CephFS with a filesystem one. */
        FIO,
        /** pgbench's built-in TPC-B-like transaction against a CloudNativePG database. */
        PGBENCH,
        /** {@code rados bench} writing objects to a pool, with the toolbox's image and keys. */
        RADOS,
        /** wrk against a page (the CDN's), its numbers reported by wrk-report.lua. */
        WRK
    }

    public Benchmark {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(resultsClaim, "resultsClaim");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(pool, "pool");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Problems problems = new Problems();
        problems.require(seconds >= 5 && seconds <= 3600, "seconds", "seconds=" + seconds + ": run 5 to 3600 seconds");
        problems.require(tool != Tool.FIO || storageClass.isPresent() && volumeGi >= 1, "storageClass",
                "fio needs a StorageClass and a volume of at least 1 GiB");
        problems.require(tool != Tool.PGBENCH || database.isPresent(), "database", "pgbench needs a database");
        problems.require(tool != Tool.RADOS || pool.isPresent(), "pool", "rados bench needs a pool");
        if (tool == Tool.WRK) {
            problems.require(WebUrl.isHttp(parameters.get("url")), "parameters.url", "wrk needs the page it loads as"
                    + " parameter 'url', an http or https URL such as 'https://site.example.org/' (it has "
                    + parameters.get("url") + ")");
            for (String key : new String[] {"threads", "connections"}) {
                String value = parameters.getOrDefault(key, "");
                problems.require(value.matches("[1-9][0-9]{0,3}"), "parameters." + key, "wrk needs '" + key
                        + "' as a whole number from 1 to 9999 (it has '" + value + "')");
            }
        }
        problems.throwIfAny();
    }

    /**
     * fio random 4 KiB writes at queue depth 16 for 60 s on a 1 GiB file of a 2 GiB volume of {@code storageClass}:
     * named {@code fio-<target>-randwrite}, target {@code rbd} or {@code cephfs} as the class is.
     */
    public static Benchmark fio(String target, String namespace, String storageClass, String resultsClaim) {
        return new Benchmark(label("name", "fio-" + target + "-randwrite"), Tool.FIO, label("namespace", namespace),
                label("resultsClaim", resultsClaim), Optional.of(label("storageClass", storageClass)), 2,
                Optional.empty(), Optional.empty(), 60,
                Map.of("rw", "randwrite", "bs", "4k", "iodepth", "16", "size", "1g", "target", target));
    }

    /** pgbench, 4 clients for 60 s on a scale-10 data set (about 160 MB), in the database's namespace. */
    public static Benchmark pgbench(String database, String namespace, String resultsClaim) {
        return new Benchmark(label("name", "pgbench-" + database), Tool.PGBENCH, label("namespace", namespace),
                label("resultsClaim", resultsClaim), Optional.empty(), 0, Optional.of(label("database", database)),
                Optional.empty(), 60, Map.of("clients", "4", "scale", "10"));
    }

    /** rados bench: 16 concurrent 4 MiB writes for 30 s into {@code pool}, run in Rook's namespace. */
    public static Benchmark radosBench(String pool, String rookNamespace, String resultsClaim) {
        return new Benchmark(label("name", "rados-bench-" + pool), Tool.RADOS, label("namespace", rookNamespace),
                label("resultsClaim", resultsClaim), Optional.empty(), 0, Optional.empty(),
                Optional.of(label("pool", pool)), 30, Map.of("mode", "write", "blockSize", "4194304", "threads", "16"));
    }

    /**
     * wrk, 2 threads keeping 16 connections open for 30 s against {@code url} (the CDN's page, through the
     * ingress as a reader reaches it), named {@code wrk-<name>}.
     */
    public static Benchmark wrk(String name, String namespace, String url, String resultsClaim) {
        return new Benchmark(label("name", "wrk-" + name), Tool.WRK, label("namespace", namespace),
                label("resultsClaim", resultsClaim), Optional.empty(), 0, Optional.empty(), Optional.empty(), 30,
                Map.of("threads", "2", "connections", "16", "url", url));
    }

    /** The TCP port the benchmark's connections go to: wrk's page's; empty for the tools that talk to Ceph or PostgreSQL. */
    public Optional<Integer> webPort() {
        return tool == Tool.WRK ? WebUrl.port(parameters.get("url")) : Optional.empty();
    }

    /** The same benchmark with one of its tool's settings changed (e.g. rados bench's {@code blockSize}). */
    public Benchmark parameter(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(parameters);
        changed.put(key, value);
        return new Benchmark(name, tool, namespace, resultsClaim, storageClass, volumeGi, database, pool, seconds,
                changed);
    }

    /** The same benchmark for {@code runSeconds}. */
    public Benchmark seconds(int runSeconds) {
        return new Benchmark(name, tool, namespace, resultsClaim, storageClass, volumeGi, database, pool, runSeconds,
                parameters);
    }

    /** What the result file's {@code target} says it measured. */
    public String target() {
        return switch (tool) {
            case FIO -> parameters.getOrDefault("target", "rbd");
            case PGBENCH -> "postgresql";
            case RADOS -> "rados";
            case WRK -> "http";
        };
    }

    private static DnsLabel label(String path, String value) {
        return Problems.at(path, () -> DnsLabel.of(value));
    }
}
