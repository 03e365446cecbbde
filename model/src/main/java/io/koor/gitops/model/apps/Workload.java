package io.koor.gitops.model.apps;

import io.koor.gitops.model.Problems;
import io.koor.gitops.model.values.DnsLabel;
import io.koor.gitops.model.values.ImageRef;
import io.koor.gitops.model.values.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One workload of an {@link Application}: a container image run as a Deployment, a StatefulSet
 * (with claims on a named StorageClass), a Job, or a CronJob (suspended, it is a template run on
 * demand with {@code kubectl create job --from=cronjob/<name>}). The tree's policies come with it and
 * cannot be left out: a pinned image, requests and a memory limit, a non-root user with no privileges
 * and a read-only root filesystem unless asked otherwise, replicas spread across nodes.
 *
 * @param component what it is within its application ({@code server}, {@code job}, ...):
 *                  the {@code app.kubernetes.io/component} label
 * @param user      the UID (and GID) the container runs as; never 0
 * @param writable  directories that get an emptyDir (always {@code /tmp} when the root filesystem is read-only)
 * @param buckets   ObjectBucketClaims of the application's namespace whose Secret and ConfigMap become
 *                  the container's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, BUCKET_HOST,
 *                  BUCKET_NAME, BUCKET_PORT)
 * @param databases PostgreSQL clusters (CloudNativePG) or MariaDBs (mariadb-operator) of the cluster, in any
 *                  namespace, the container connects to with a user and a database of the application's own, its
 *                  credentials in the environment (PostgreSQL: libpq's PGHOST, PGPORT, PGDATABASE, PGUSER,
 *                  PGPASSWORD; MariaDB: MARIADB_HOST, MARIADB_PORT, MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD)
 */
public record Workload(DnsLabel name, Kind kind, ImageRef image, Resources resources, int replicas,
                       Optional<String> schedule, boolean suspended, List<String> command, List<String> args,
                       Map<String, String> env, List<Port> ports, int user, boolean readOnlyRootFilesystem,
                       List<String> writable, List<Mount> mounts, List<VolumeClaim> claims, List<DnsLabel> buckets,
                       String component, List<DnsLabel> databases) {
    /** The UID distroless and many application images call {@code nonroot}. */
    public static final int DEFAULT_USER = 65532;
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PATH = Pattern.compile("(/[-a-zA-Z0-9_.]+)+");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9*/,-]+|@(yearly|monthly|weekly|daily|hourly)");

    public enum Kind {
        DEPLOYMENT, STATEFUL_SET, JOB, CRON_JOB;

        boolean runsToCompletion() {
            return this == JOB || this == CRON_JOB;
        }
    }

    /** A port the container listens on (TCP); the Service of the workload serves it under the same name and number. */
    public record Port(String name, int number) {
    }

    /**
     * A file or directory from one of the application's {@link AppConfig}s.
     *
     * @param key the one key mounted as the file {@code path}; empty mounts every key into the directory {@code path}
     */
    public record Mount(DnsLabel config, String path, Optional<String> key) {
        public Mount {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A volume per replica of a StatefulSet, from a StorageClass of the cluster.
     *
     * @param shared ReadWriteMany (a CephFS class) instead of ReadWriteOnce
     */
    public record VolumeClaim(DnsLabel name, String mountPath, DnsLabel storageClass, int sizeGi, boolean shared) {
        public VolumeClaim {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(storageClass, "storageClass");
        }
    }

    public Workload {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(schedule, "schedule");
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        ports = List.copyOf(ports);
        writable = List.copyOf(writable);
        mounts = List.copyOf(mounts);
        claims = List.copyOf(claims);
        buckets = List.copyOf(buckets);
        databases = List.copyOf(databases);
        Objects.requireNonNull(component, "component");
        Problems problems = new Problems();
        problems.require(kind.runsToCompletion() ? replicas == 1 : replicas >= 1 && replicas <= 50, "replicas",
                "replicas=" + replicas + (kind.runsToCompletion() ? ": a Job runs one pod at a time here"
                        : ": run 1 to 50; 2 or more survive a node failure"));
        problems.require(schedule.isPresent() == (kind == Kind.CRON_JOB), "schedule", kind == Kind.CRON_JOB
                ? "a CronJob needs a schedule" : "only a CronJob has a schedule");
        schedule.ifPresent(s -> {
            String[] fields = s.trim().split("\\s+");
            boolean ok = fields.length == 5 || (fields.length == 1 && fields[0].startsWith("@"));
            for (String f : fields) {
                ok &= CRON_FIELD.matcher(f).matches();
            }
            problems.require(ok, "schedule", "schedule='" + s + "': Kubernetes takes five cron fields, e.g. '0 3 * * *'"
                    + " for 03:00 every day, or @daily");
        });
        problems.require(!suspended || kind == Kind.CRON_JOB, "suspended", "only a CronJob can be suspended");
        problems.require(user > 0, "user", "user=" + user + ": containers run as a non-root UID, e.g. "
                + DEFAULT_USER + "; use the UID the image's Dockerfile names in USER");
        problems.require(component.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && component.length() <= 63, "component",
                "component='" + component + "' is not a label value such as 'server'");
        problems.require(ports.isEmpty() || !kind.runsToCompletion(), "ports", "a Job serves no ports; expose a"
                + " Deployment or StatefulSet instead");
        Set<String> portNames = new HashSet<>();
        Set<Integer> numbers = new HashSet<>();
        for (Port p : ports) {
            String at = "ports[" + p.name() + "]";
            problems.require(p.name() != null && PORT_NAME.matcher(p.name()).matches() && p.name().matches(".*[a-z].*"), at,
                    "port name '" + p.name() + "': use 1 to 15 lower-case letters, digits and '-' with a letter, e.g. 'http'");
            problems.require(p.number() >= 1 && p.number() <= 65535, at, "port " + p.number() + " is not 1 to 65535");
            problems.require(portNames.add(p.name()) && numbers.add(p.number()), at, "port " + p.name() + "/" + p.number()
                    + " is declared twice");
        }
        env.keySet().forEach(k -> problems.require(ENV_NAME.matcher(k).matches(), "env[" + k + "]",
                "'" + k + "' is not an environment variable name such as 'LOG_LEVEL'"));
        Set<String> paths = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        for (String w : writable) {
            problems.require(PATH.matcher(w).matches(), "writable[" + w + "]", "'" + w + "' is not an absolute path such as /var/cache/nginx");
            problems.require(paths.add(w), "writable[" + w + "]", w + " is mounted twice");
        }
        for (Mount m : mounts) {
            String at = "mounts[" + m.path() + "]";
            problems.require(m.path() != null && PATH.matcher(m.path()).matches(), at, "'" + m.path()
                    + "' is not an absolute path such as /etc/nginx/conf.d");
            problems.require(paths.add(m.path()), at, m.path() + " is mounted twice");
        }
        for (VolumeClaim c : claims) {
            String at = "claims[" + c.name() + "]";
            problems.require(kind == Kind.STATEFUL_SET, at, "volume claim templates belong to a StatefulSet; make "
                    + name + " one with Workload.statefulSet(...)");
            problems.require(c.mountPath() != null && PATH.matcher(c.mountPath()).matches(), at + ".mountPath",
                    "'" + c.mountPath() + "' is not an absolute path such as /data");
            problems.require(paths.add(c.mountPath()), at + ".mountPath", c.mountPath() + " is mounted twice");
            problems.require(c.sizeGi() >= 1, at + ".sizeGi", "sizeGi=" + c.sizeGi() + ": claim at least 1 GiB");
            problems.require(volumes.add(c.name().value()), at, "two claims are named " + c.name() + "; rename one");
        }
        Set<DnsLabel> claimed = new HashSet<>();
        buckets.forEach(b -> problems.require(claimed.add(b), "buckets[" + b + "]", "bucket claim " + b + " is named twice"));
        problems.require(databases.size() <= 1, "databases", "a workload connects to one database here (its"
                + " variables hold one); split the work, or give it " + (databases.isEmpty() ? "" : databases.get(0))
                + " only");
        problems.throwIfAny();
    }

    /** A Deployment of one replica, as {@value #DEFAULT_USER}, with a read-only root filesystem. */
    public static Workload deployment(String name, String image, Resources resources) {
        return of(name, Kind.DEPLOYMENT, image, resources, Optional.empty(), "server");
    }

    /** A StatefulSet of one replica; add its volumes with {@link #claim}. */
    public static Workload statefulSet(String name, String image, Resources resources) {
        return of(name, Kind.STATEFUL_SET, image, resources, Optional.empty(), "server");
    }

    /** A Job that runs once when the tree is applied (and again only when its pod template changes). */
    public static Workload job(String name, String image, Resources resources) {
        return of(name, Kind.JOB, image, resources, Optional.empty(), "job");
    }

    /** A CronJob on a five-field schedule, e.g. {@code 0 3 * * *}. */
    public static Workload cronJob(String name, String image, Resources resources, String schedule) {
        return of(name, Kind.CRON_JOB, image, resources, Optional.of(schedule), "job");
    }

    /**
     * A suspended CronJob: never runs on its own, but is a template to run by hand,
     * {@code kubectl create job --from=cronjob/<name> <run-name>} (a load benchmark, a restore drill).
     */
    public static Workload onDemand(String name, String image, Resources resources) {
        return cronJob(name, image, resources, "@yearly").with(d -> d.suspended = true);
    }

    private static Workload of(String name, Kind kind, String image, Resources resources, Optional<String> schedule,
                               String component) {
        String at = "workloads[" + name + "]";
        return Problems.at(at, () -> new Workload(Problems.at("name", () -> DnsLabel.of(name)), kind,
                Problems.at("image", () -> AppImage.parse(image)), Objects.requireNonNull(resources, "resources"), 1,
                schedule, false, List.of(), List.of(), Map.of(), List.of(), DEFAULT_USER, true, List.of(), List.of(),
                List.of(), List.of(), component, List.of()));
    }

    public Workload replicas(int count) {
        return with(d -> d.replicas = count);
    }

    /** The command (the image's ENTRYPOINT replaced), e.g. {@code command("sh", "/scripts/upload.sh")}. */
    public Workload command(String... words) {
        return with(d -> d.command = List.of(words));
    }

    public Workload args(String... words) {
        return with(d -> d.args = List.of(words));
    }

    /** A plain environment variable; never a secret (it is in Git). */
    public Workload env(String variable, String value) {
        return with(d -> {
            Map<String, String> more = new TreeMap<>(d.env);
            more.put(variable, Objects.requireNonNull(value, "value"));
            d.env = more;
        });
    }

    public Workload port(String portName, int number) {
        return with(d -> d.ports = plus(d.ports, new Port(portName, number)));
    }

    /** Runs as this UID and GID instead of {@value #DEFAULT_USER}. */
    public Workload user(int uid) {
        return with(d -> d.user = uid);
    }

    /** For images that write outside their volumes and cannot be told otherwise. */
    public Workload writableRootFilesystem() {
        return with(d -> d.readOnlyRootFilesystem = false);
    }

    /** An emptyDir at {@code path} the container may write to (a cache, a pid file directory). */
    public Workload writable(String path) {
        return with(d -> d.writable = plus(d.writable, path));
    }

    /** Every file of the application's ConfigMap {@code config} in the directory {@code path}. */
    public Workload mount(String config, String path) {
        return with(d -> d.mounts = plus(d.mounts, new Mount(Problems.at("mounts[" + path + "].config",
                () -> DnsLabel.of(config)), path, Optional.empty())));
    }

    /** One file of the ConfigMap {@code config} at {@code path}, e.g. {@code /etc/nginx/conf.d/default.conf}. */
    public Workload mountFile(String config, String key, String path) {
        return with(d -> d.mounts = plus(d.mounts, new Mount(Problems.at("mounts[" + path + "].config",
                () -> DnsLabel.of(config)), path, Optional.of(key))));
    }

    /** A ReadWriteOnce volume per replica of a StatefulSet. */
    public Workload claim(String claimName, String mountPath, String storageClass, int sizeGi) {
        return claim(claimName, mountPath, storageClass, sizeGi, false);
    }

    /** A ReadWriteMany volume per replica (a CephFS StorageClass). */
    public Workload sharedClaim(String claimName, String mountPath, String storageClass, int sizeGi) {
        return claim(claimName, mountPath, storageClass, sizeGi, true);
    }

    private Workload claim(String claimName, String mountPath, String storageClass, int sizeGi, boolean shared) {
        String at = "claims[" + claimName + "]";
        VolumeClaim claim = new VolumeClaim(Problems.at(at + ".name", () -> DnsLabel.of(claimName)), mountPath,
                Problems.at(at + ".storageClass", () -> DnsLabel.of(storageClass)), sizeGi, shared);
        return with(d -> d.claims = plus(d.claims, claim));
    }

    /** The bucket of the ObjectBucketClaim {@code claim} (in the application's namespace) in the environment. */
    public Workload bucket(String claim) {
        return with(d -> d.buckets = plus(d.buckets, Problems.at("buckets[" + claim + "]", () -> DnsLabel.of(claim))));
    }

    /**
     * Connects to the database cluster {@code name} of the definition, a PostgreSQL cluster (CloudNativePG) or a
     * MariaDB (mariadb-operator) in its own namespace, as a user and a database named after the application, made by
     * the operator; the credentials come into the environment (see {@link Workload}) from a Secret of the
     * application's namespace, never from Git.
     */
    public Workload database(String name) {
        return with(d -> d.databases = plus(d.databases, Problems.at("databases[" + name + "]", () -> DnsLabel.of(name))));
    }

    /** The {@code app.kubernetes.io/component} label, {@code server} or {@code job} by default. */
    public Workload component(String role) {
        return with(d -> d.component = role);
    }

    public boolean runsToCompletion() {
        return kind.runsToCompletion();
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> more = new ArrayList<>(list);
        more.add(item);
        return more;
    }

    private Workload with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return Problems.at("workloads[" + name + "]", () -> new Workload(name, kind, image, resources, d.replicas,
                schedule, d.suspended, d.command, d.args, d.env, d.ports, d.user, d.readOnlyRootFilesystem, d.writable,
                d.mounts, d.claims, d.buckets, d.component, d.databases));
    }

    /** The fields a wither may change; the rest stay as built. */
    private static final class Draft {
        int replicas;
        boolean suspended;
        List<String> command;
        List<String> args;
        Map<String, String> env;
        List<Port> ports;
        int user;
        boolean readOnlyRootFilesystem;
        List<String> writable;
        List<Mount> mounts;
        List<VolumeClaim> claims;
        List<DnsLabel> buckets;
        String component;
        List<DnsLabel> databases;

        Draft(Workload w) {
            replicas = w.replicas;
            suspended = w.suspended;
            command = w.command;
            args = w.args;
            env = w.env;
            ports = w.ports;
            user = w.user;
            readOnlyRootFilesystem = w.readOnlyRootFilesystem;
            writable = w.writable;
            mounts = w.mounts;
            claims = w.claims;
            buckets = w.buckets;
            component = w.component;
            databases = w.databases;
        }
    }
}
