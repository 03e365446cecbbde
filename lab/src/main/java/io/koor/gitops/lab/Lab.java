package io.koor.gitops.lab;

import io.koor.gitops.generator.render.BarmanCloud;
import io.koor.gitops.model.ceph.FailureDomain;
import io.koor.gitops.model.ceph.PoolSpec;
import io.koor.gitops.model.ceph.Protection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real Ceph on this machine, shaped like a cluster's definition: plain processes (no systemd, no
 * containers) under one directory, on 127.0.0.1 only. {@link #up} starts mon, mgr, the OSDs, then
 * creates what Rook would create from the same model, starts a PostgreSQL 15 (archiving WAL as the
 * definition's first database does), and waits for every PG to settle;
 * {@link #status} reads health, pools and PG states; {@link #down} stops every daemon by the PID it
 * recorded and removes the directory. The front ends ({@code ./gitops lab}, the lab goals) only
 * map their options onto this class.
 */
public final class Lab {
    /** How long {@code up} waits for every PG to be active+clean before it reports the states as they are. */
    public static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(10);
    /** Ceph programs run at once during start-up: enough to overlap their waits, few enough for 2 cores. */
    private static final int PARALLEL = 4;
    private static final List<String> DAEMONS = List.of("ceph-mon", "ceph-mgr", "ceph-osd", "radosgw", "ceph-mds",
            "monmaptool", "ceph", "radosgw-admin");

    /** Where the lab lives, and whether OSDs use BlueStore on sparse files instead of memory. */
    public record Options(Path directory, boolean bluestore, Duration settle) {
        public Options {
            directory = directory.toAbsolutePath().normalize();
        }

        public static Options in(Path directory) {
            return new Options(directory, false, SETTLE);
        }

        public Options bluestore(boolean on) {
            return new Options(directory, on, settle);
        }
    }

    /** The default lab directory of a cluster: under the system's temporary directory. */
    public static Path defaultDirectory(String cluster) {
        return Path.of(System.getProperty("java.io.tmpdir"), "gitops-lab", cluster);
    }

    private final Consumer<String> events;

    /** @param events progress lines for the user (the core never prints) */
    public Lab(Consumer<String> events) {
        this.events = events;
    }

    /** The Ceph programs the lab needs that are not on PATH (Debian: ./setup-machine installs them). */
    public static List<String> missingPrograms() {
        return DAEMONS.stream().filter(p -> Command.which(p).isEmpty()).toList();
    }

    /**
     * Starts the lab, or fails with what is wrong; a failure halfway stops what had started and
     * removes the directory. Returns once every PG is active+clean or {@code settle} has passed.
     */
    public LabStatus up(LabShape shape, Options options) {
        List<String> missing = missingPrograms();
        if (!missing.isEmpty()) {
            throw new LabException("the lab needs " + String.join(", ", missing) + " on PATH; on Debian run"
                    + " ./setup-machine as root (it installs ceph-mon ceph-mgr ceph-osd ceph-mds radosgw ceph-common)");
        }
        Path dir = options.directory();
        LabProcesses processes = new LabProcesses(dir);
        if (!processes.running().isEmpty()) {
            throw new LabException("a lab is already running in " + dir + " (" + processes.running().size()
                    + " daemons); see ./gitops lab status, or stop it with ./gitops lab down");
        }
        if (Files.exists(dir)) {
            events.accept("removing what a stopped lab left in " + dir);
            delete(dir);
        }
        Thread cleanup = new Thread(() -> stopAndRemove(dir), "lab-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup); // an interrupted up leaves nothing running either
        try {
            LabStatus status = start(shape, options, processes);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            return status;
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            events.accept("lab up failed; stopping what it started");
            stopAndRemove(dir);
            throw e;
        }
    }

    /** Health, pools and PG states of the lab in {@code dir}. */
    public LabStatus status(Path dir) {
        if (new LabProcesses(dir.toAbsolutePath()).running().isEmpty()) {
            throw new LabException("no lab is running in " + dir.toAbsolutePath() + "; start one with ./gitops lab up");
        }
        return LabStatus.read(new CephCli(dir.toAbsolutePath()));
    }

    /** Stops every daemon the lab in {@code dir} recorded and removes its data; says what it stopped. */
    public List<String> down(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            events.accept("no lab in " + absolute);
            return List.of();
        }
        List<String> stopped = stopAndRemove(absolute);
        events.accept("stopped " + stopped.size() + " daemons" + (stopped.isEmpty() ? "" : " (" + String.join(" ", stopped)
                + ")") + " and removed " + absolute);
        return stopped;
    }

    private List<String> stopAndRemove(Path dir) {
        List<String> stopped = new LabProcesses(dir).stopAll(STOP).stream()
                .map(d -> d.name() + "=" + d.pid()).toList();
        if (Files.exists(dir)) {
            delete(dir);
        }
        return stopped;
    }

    private LabStatus start(LabShape shape, Options options, LabProcesses processes) {
        long started = System.nanoTime();
        Consumer<String> events = line -> this.events.accept(String.format(java.util.Locale.ROOT, "[%5.1f s] %s",
                (System.nanoTime() - started) / 1e9, line));
        Path dir = options.directory();
        shape.notes().forEach(n -> events.accept("note: " + n));
        mkdirs(dir.resolve("log"), dir.resolve("run"));
        String fsid = UUID.randomUUID().toString();
        int monPort = freePort();
        Map<String, Integer> gateways = new LinkedHashMap<>();
        shape.objectStores().forEach(s -> gateways.put(s.name(), freePort()));
        List<String> osdHosts = new ArrayList<>();
        shape.hosts().forEach(h -> {
            for (int d = 0; d < shape.osdsPerHost(); d++) {
                osdHosts.add(h);
            }
        });
        write(dir.resolve("ceph.conf"), CephConf.text(dir, fsid, monPort, options.bluestore(), osdHosts, gateways));
        write(dir.resolve("keyring"), keyring(shape, osdHosts.size()).keyring());
        CephCli ceph = new CephCli(dir);

        events.accept("starting mon.a on 127.0.0.1:" + monPort);
        Command.run(List.of("monmaptool", "--create", "--fsid", fsid, "--addv", "a", "[v2:127.0.0.1:" + monPort + "]",
                dir.resolve("monmap").toString()), dir, Duration.ofSeconds(30)).orFail();
        mkdirs(dir.resolve("mon.a"));
        ceph.run("ceph-mon", "--mkfs", "-i", "a", "--monmap", dir.resolve("monmap").toString());
        daemon(ceph, processes, "mon.a", "ceph-mon", "-i", "a");

        mkdirs(dir.resolve("mgr.x"));
        daemon(ceph, processes, "mgr.x", "ceph-mgr", "-i", "x");
        events.accept("starting " + osdHosts.size() + " OSDs (" + (options.bluestore() ? "BlueStore on sparse files"
                : "memstore") + ", classes " + String.join(",", shape.driveClasses()) + " per host) on "
                + shape.hosts().size() + " CRUSH hosts");
        // the whole CRUSH tree before any OSD runs (ids, hosts, equal weights, the class), so that the
        // pools' rules can be made while the OSDs start: the two waits overlap
        List<String> topology = new ArrayList<>();
        List<String> uuids = new ArrayList<>();
        double weight = (options.bluestore() ? CephConf.BLUESTORE_BYTES : CephConf.MEMSTORE_BYTES) / (double) (1L << 40);
        List<String> osdNames = new ArrayList<>();
        for (int id = 0; id < osdHosts.size(); id++) {
            uuids.add(UUID.randomUUID().toString());
            topology.add("osd new " + uuids.get(id) + " " + id);
            topology.add(String.format(java.util.Locale.ROOT, "osd crush add osd.%d %.5f root=default host=%s", id, weight,
                    osdHosts.get(id)));
            osdNames.add("osd." + id);
        }
        // each OSD's class as its drive slot declares: any class Ceph gave it removed first, for
        // set-device-class refuses to change a bound class (Ceph docs, crush-map "Device classes")
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (int id = 0; id < osdNames.size(); id++) {
            byClass.computeIfAbsent(osdClass(shape, id), c -> new ArrayList<>()).add(osdNames.get(id));
        }
        topology.add("osd crush rm-device-class " + String.join(" ", osdNames));
        byClass.forEach((deviceClass, osds) -> topology.add("osd crush set-device-class " + deviceClass + " "
                + String.join(" ", osds)));
        ceph.batch(topology);
        events.accept("creating " + shape.pools().size() + " pools as Rook would, while the OSDs start");
        // a few ceph processes at once, each with its share of the pools: a mon command waits for its
        // map commit, and the mon folds concurrent changes into one commit
        List<List<String>> pools = poolCommands(shape, options.bluestore());
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            if (i < PARALLEL) {
                shares.add(new ArrayList<>());
            }
            shares.get(i % PARALLEL).addAll(pools.get(i));
        }
        int tasks = shares.size() + osdHosts.size();
        parallel(tasks, PARALLEL * 2, task -> {
            if (task < shares.size()) {
                ceph.batch(shares.get(task));
                return;
            }
            int id = task - shares.size();
            Path data = dir.resolve("osd." + id);
            mkdirs(data);
            ceph.run("ceph-osd", "-i", String.valueOf(id), "--mkfs", "--osd-uuid", uuids.get(id));
            // read back by the OSD at start (osd class update on start): Ceph's own place for a drive's class
            write(data.resolve("crush_device_class"), osdClass(shape, id) + "\n");
            daemon(ceph, processes, "osd." + id, "ceph-osd", "-i", String.valueOf(id));
        });
        waitForOsds(ceph, osdHosts.size());
        events.accept("every OSD is up and every pool made");
        ceph.batch(filesystemCommands(shape));
        for (LabShape.FilesystemShape fs : shape.filesystems()) {
            for (int i = 0; i < fs.mdsDaemons(); i++) {
                String id = fs.name() + "-" + (char) ('a' + i);
                mkdirs(dir.resolve("mds." + id));
                daemon(ceph, processes, "mds." + id, "ceph-mds", "-i", id);
            }
        }
        Map<String, LabConnection.ObjectStoreEndpoint> stores = new LinkedHashMap<>();
        for (LabShape.StoreShape store : shape.objectStores()) {
            events.accept("starting RGW for object store " + store.name() + " on 127.0.0.1:" + gateways.get(store.name()));
            stores.put(store.name(), objectStore(ceph, processes, store, gateways.get(store.name())));
        }
        LabConnection.Postgres postgres = LabPostgres.unavailable().map(reason -> {
            events.accept("note: no PostgreSQL: " + reason);
            return (LabConnection.Postgres) null;
        }).orElseGet(() -> postgres(shape, dir, stores, processes, events));
        events.accept("waiting for every PG to be active+clean");
        LabConnection connection = new LabConnection(shape.cluster(), dir, ceph.conf(), dir.resolve("keyring"),
                rbdPool(shape), stores, postgres);
        connection.write();
        LabStatus status = settle(ceph, options.settle(), events);
        events.accept("lab " + shape.cluster() + " up: " + status.summary());
        return status;
    }

    /**
     * The lab's PostgreSQL 15, as the definition's first database: when that one is backed up, it
     * archives its WAL with the same barman-cloud command CloudNativePG runs for it, into the claimed
     * bucket on the lab's RGW, the bucket owner's keys in its environment.
     */
    private static LabConnection.Postgres postgres(LabShape shape, Path dir, Map<String, LabConnection.ObjectStoreEndpoint> stores,
                                                   LabProcesses processes, Consumer<String> events) {
        Path home = dir.resolve("postgresql");
        Path data = home.resolve("data");
        int port = freePort();
        String password = CephKeys.s3Key(24);
        LabPostgres.initdb(data, password);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        shape.databases().stream().findFirst().ifPresent(db -> db.barman().ifPresent(barman -> {
            String store = db.objectStore().orElseThrow();
            LabConnection.Bucket bucket = stores.get(store).buckets().get(barman.secretName());
            BarmanCloud lab = barman.at(stores.get(store).endpoint().toString());
            settings.put("archive_mode", "on");
            settings.put("archive_command", LabPostgres.shell(lab.walArchive("%p")));
            environment.putAll(BarmanCloud.environment(bucket.credentials().accessKey(), bucket.credentials().secretKey()));
            events.accept("PostgreSQL archives WAL as database " + db.name() + " does: " + lab.destinationPath()
                    + lab.serverName() + "/ on the lab's RGW");
        }));
        long pid = LabPostgres.start("postgres", data, port, settings, environment, processes);
        events.accept("PostgreSQL 15 on 127.0.0.1:" + port + " (PID " + pid + ")");
        return new LabConnection.Postgres(data, "127.0.0.1", port, home.resolve("run"), LabPostgres.USER, password);
    }

    /** OSD ids run host by host, drive slot by drive slot (osd.0 is the first host's first drive). */
    static String osdClass(LabShape shape, int id) {
        return shape.driveClasses().get(id % shape.osdsPerHost());
    }

    private static CephKeys keyring(LabShape shape, int osds) {
        CephKeys keys = CephKeys.create()
                .add("mon.", "mon", "allow *")
                .add("client.admin", "mon", "allow *", "osd", "allow *", "mds", "allow *", "mgr", "allow *")
                .add("mgr.x", "mon", "allow profile mgr", "osd", "allow *", "mds", "allow *");
        for (int id = 0; id < osds; id++) {
            keys.add("osd." + id, "mon", "allow profile osd", "mgr", "allow profile osd", "osd", "allow *");
        }
        for (LabShape.FilesystemShape fs : shape.filesystems()) {
            for (int i = 0; i < fs.mdsDaemons(); i++) {
                keys.add("mds." + fs.name() + "-" + (char) ('a' + i), "mon", "allow profile mds", "mgr", "allow profile mds",
                        "osd", "allow rwx", "mds", "allow");
            }
        }
        for (LabShape.StoreShape store : shape.objectStores()) {
            keys.add("client.rgw." + store.name(), "mon", "allow rw", "mgr", "allow rw", "osd", "allow rwx");
        }
        return keys;
    }

    /**
     * The mon commands Rook's operator issues for the pools (its pool.go), one list per pool: a CRUSH
     * rule per replicated pool (root default, the failure domain, the device class), an
     * erasure-code profile per erasure-coded pool, then size and the application.
     */
    static List<List<String>> poolCommands(LabShape shape, boolean bluestore) {
        List<List<String>> groups = new ArrayList<>();
        for (LabShape.Pool pool : shape.pools()) {
            List<String> commands = new ArrayList<>();
            PoolSpec spec = pool.spec();
            String domain = spec.failureDomain() == FailureDomain.HOST ? "host" : "osd";
            String deviceClass = spec.deviceClass().orElse("");
            if (spec.protection() instanceof Protection.Replicated replicated) {
                commands.add("osd crush rule create-replicated " + pool.name() + " default " + domain
                        + (deviceClass.isEmpty() ? "" : " " + deviceClass));
                commands.add("osd pool create " + pool.name() + " " + CephConf.PG_NUM + " " + CephConf.PG_NUM
                        + " replicated " + pool.name() + " --size " + replicated.size());
            } else {
                Protection.ErasureCoded ec = (Protection.ErasureCoded) spec.protection();
                String profile = pool.name() + "_ecprofile";
                commands.add("osd erasure-code-profile set " + profile + " k=" + ec.dataChunks() + " m=" + ec.codingChunks()
                        + " crush-failure-domain=" + domain + (deviceClass.isEmpty() ? "" : " crush-device-class=" + deviceClass));
                commands.add("osd pool create " + pool.name() + " " + CephConf.PG_NUM + " " + CephConf.PG_NUM
                        + " erasure " + profile);
                if (bluestore && !pool.application().equals("rgw")) {
                    // RBD and CephFS data on erasure coding overwrite in place; memstore cannot (BlueStore only)
                    commands.add("osd pool set " + pool.name() + " allow_ec_overwrites true");
                }
            }
            commands.add("osd pool application enable " + pool.name() + " " + pool.application());
            groups.add(commands);
        }
        return groups;
    }

    /** The filesystems over their pools, once the pools exist. */
    static List<String> filesystemCommands(LabShape shape) {
        List<String> commands = new ArrayList<>();
        for (LabShape.FilesystemShape fs : shape.filesystems()) {
            commands.add("fs new " + fs.name() + " " + fs.metadataPool() + " " + fs.dataPools().get(0));
            for (String data : fs.dataPools().subList(1, fs.dataPools().size())) {
                commands.add("fs add_data_pool " + fs.name() + " " + data);
            }
            commands.add("fs set " + fs.name() + " max_mds " + fs.activeMds());
        }
        return commands;
    }

    private LabConnection.ObjectStoreEndpoint objectStore(CephCli ceph, LabProcesses processes, LabShape.StoreShape store,
                                                          int port) {
        String name = store.name();
        String endpoint = "http://127.0.0.1:" + port;
        // the realm, zone group and zone Rook makes for a store, all named after it
        ceph.run("radosgw-admin", "realm", "create", "--rgw-realm=" + name);
        ceph.run("radosgw-admin", "zonegroup", "create", "--rgw-realm=" + name, "--rgw-zonegroup=" + name, "--master",
                "--endpoints=" + endpoint);
        ceph.run("radosgw-admin", "zone", "create", "--rgw-realm=" + name, "--rgw-zonegroup=" + name, "--rgw-zone=" + name,
                "--master", "--endpoints=" + endpoint);
        ceph.run("radosgw-admin", "period", "update", "--commit", "--rgw-realm=" + name, "--rgw-zonegroup=" + name,
                "--rgw-zone=" + name);
        mkdirs(ceph.conf().getParent().resolve("client.rgw." + name));
        daemon(ceph, processes, "client.rgw." + name, "radosgw", "-n", "client.rgw." + name);
        // the store's users, and as Rook's bucket provisioner an owner per claim: made at once
        List<String> owners = new ArrayList<>(store.users());
        store.buckets().forEach(claim -> owners.add("obc-" + claim));
        List<LabConnection.S3Credentials> keys = new ArrayList<>();
        owners.forEach(o -> keys.add(new LabConnection.S3Credentials(CephKeys.s3Key(20), CephKeys.s3Key(40))));
        parallel(owners.size(), i -> s3User(ceph, name, owners.get(i), keys.get(i)));
        Map<String, LabConnection.S3Credentials> users = new LinkedHashMap<>();
        for (int i = 0; i < store.users().size(); i++) {
            users.put(store.users().get(i), keys.get(i));
        }
        Map<String, LabConnection.Bucket> buckets = new LinkedHashMap<>();
        for (int i = 0; i < store.buckets().size(); i++) {
            String claim = store.buckets().get(i);
            buckets.put(claim, new LabConnection.Bucket(claim, keys.get(store.users().size() + i)));
        }
        URI uri = URI.create(endpoint);
        awaitHttp(uri);
        LabConnection.ObjectStoreEndpoint result = new LabConnection.ObjectStoreEndpoint(uri, users, buckets);
        LabConnection probe = new LabConnection("", ceph.conf().getParent(), ceph.conf(), ceph.conf(), "",
                Map.of(name, result), null);
        for (LabConnection.Bucket bucket : buckets.values()) {
            try (S3Client s3 = probe.s3(name, bucket.credentials())) {
                s3.createBucket(b -> b.bucket(bucket.name()));
            }
        }
        return result;
    }

    private static void s3User(CephCli ceph, String store, String user, LabConnection.S3Credentials keys) {
        ceph.run("radosgw-admin", "user", "create", "--rgw-realm=" + store, "--rgw-zonegroup=" + store, "--rgw-zone=" + store,
                "--uid=" + user, "--display-name=" + user, "--access-key=" + keys.accessKey(),
                "--secret-key=" + keys.secretKey());
    }

    /** The first replicated block pool (RBD images keep their header there even when data is erasure coded). */
    private static String rbdPool(LabShape shape) {
        return shape.pools().stream().filter(p -> p.application().equals("rbd") && p.spec().isReplicated())
                .map(LabShape.Pool::name).findFirst().orElse("");
    }

    /** Starts a daemon (it forks and its parent returns once it runs) and records its PID from its pid file. */
    private static void daemon(CephCli ceph, LabProcesses processes, String name, String program, String... args) {
        ceph.run(program, args);
        Path pidFile = ceph.conf().getParent().resolve("run").resolve(name + ".pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.isRegularFile(pidFile) || read(pidFile).isBlank()) {
            if (System.nanoTime() > deadline) {
                throw new LabException(name + " wrote no pid file " + pidFile + "; see " + ceph.conf().getParent()
                        .resolve("log").resolve(name + ".log"));
            }
            LabProcesses.sleep(10);
        }
        processes.record(name, Long.parseLong(read(pidFile).strip()));
    }

    private static void waitForOsds(CephCli ceph, int osds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var stat = ceph.json("osd", "stat");
            int up = stat.path("num_up_osds").asInt(stat.path("osdmap").path("num_up_osds").asInt());
            if (up >= osds) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException(up + " of " + osds + " OSDs came up within 60 s; see the OSD logs in "
                        + ceph.conf().getParent().resolve("log"));
            }
            LabProcesses.sleep(100);
        }
    }

    /** Waits until every PG of every pool is active+clean, or the time is up; the states either way. */
    private static LabStatus settle(CephCli ceph, Duration settle, Consumer<String> events) {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            LabStatus status = LabStatus.read(ceph);
            if (status.allActiveClean()) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                events.accept("not every PG is active+clean after " + settle.toSeconds() + " s: " + status.summary());
                return status;
            }
            LabProcesses.sleep(250);
        }
    }

    private static void awaitHttp(URI endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new LabException("RGW did not answer on " + endpoint + " within 30 s: " + e.getMessage());
                }
                LabProcesses.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted");
            }
        }
    }

    private interface Step {
        void run(int index);
    }

    private static void parallel(int count, Step step) {
        parallel(count, PARALLEL, step);
    }

    private static void parallel(int count, int width, Step step) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(count, width)));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> step.run(index)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new LabException(e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LabException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void mkdirs(Path... dirs) {
        try {
            for (Path d : dirs) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
