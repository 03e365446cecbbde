package io.koor.gitops.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 server of the lab, from Debian's {@value #BIN}: a plain process on 127.0.0.1, its
 * data, socket and log under the lab directory, its PID recorded with the Ceph daemons' so that
 * {@code lab down} stops it. PostgreSQL refuses to run as root, so under root every PostgreSQL
 * program (and barman-cloud, which reads the data directory) runs as Debian's {@value #USER} user
 * through {@code setpriv}, which keeps the environment (how the bucket keys reach
 * {@code archive_command}).
 */
final class LabPostgres {
    static final String BIN = "/usr/lib/postgresql/15/bin";
    static final String USER = "postgres";
    private static final Duration START = Duration.ofSeconds(60);

    private LabPostgres() {
    }

    /** Why no PostgreSQL can run here, or empty when it can. */
    static Optional<String> unavailable() {
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(Path.of(BIN, program))) {
                return Optional.of("PostgreSQL 15 is not installed (no " + BIN + "/" + program
                        + "; Debian: ./setup-machine installs postgresql-15)");
            }
        }
        if (isRoot() && (Command.which("setpriv").isEmpty() || uid(USER).isEmpty())) {
            return Optional.of("running as root, PostgreSQL needs the '" + USER + "' user and setpriv (util-linux)");
        }
        return Optional.empty();
    }

    /** The command line that runs {@code command} as the database's owner: itself, or under setpriv when this is root. */
    static List<String> asOwner(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--init-groups",
                "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** A new cluster in {@code data}: superuser {@value #USER}, peer on the socket, SCRAM password over TCP. */
    static void initdb(Path data, String password) {
        Path home = data.getParent();
        ownedDirectory(home);
        Path pwfile = home.resolve("pwfile");
        writeOwned(pwfile, password + "\n");
        try {
            run(List.of(BIN + "/initdb", "-D", data.toString(), "-U", USER, "--auth-local=peer",
                    "--auth-host=scram-sha-256", "--pwfile=" + pwfile, "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"),
                    home, Map.of());
        } finally {
            delete(pwfile);
        }
    }

    /**
     * Starts the server of {@code data} on 127.0.0.1:{@code port}, its socket in {@code data}'s
     * parent's {@code run}, with {@code settings} appended to postgresql.conf (the last setting
     * wins) and {@code environment} added to its own (archive and restore commands inherit it).
     * Returns the postmaster's PID once it accepts connections; records it as {@code name}.
     */
    static long start(String name, Path data, int port, Map<String, String> settings, Map<String, String> environment,
                      LabProcesses processes) {
        Path home = data.getParent();
        Path socket = home.resolve("run");
        ownedDirectory(socket);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen_addresses", "127.0.0.1");
        all.put("port", String.valueOf(port));
        all.put("unix_socket_directories", socket.toString());
        all.put("fsync", "off"); // a throw-away server: durability costs seconds on a loaded machine, and proves nothing here
        all.putAll(settings);
        StringBuilder conf = new StringBuilder("\n# the lab's settings\n");
        all.forEach((key, value) -> conf.append(key).append(" = ").append(quote(value)).append('\n'));
        try {
            Files.writeString(data.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure " + data, e);
        }
        Path log = home.resolve(name + ".log");
        run(List.of(BIN + "/pg_ctl", "start", "-D", data.toString(), "-l", log.toString(), "-w", "-t",
                String.valueOf(START.toSeconds())), home, environment);
        long pid = Long.parseLong(read(data.resolve("postmaster.pid")).lines().findFirst().orElseThrow().strip());
        processes.record(name, pid);
        return pid;
    }

    /** Runs a PostgreSQL or barman-cloud program as the database's owner, failing with its error output. */
    static Command.Result run(List<String> command, Path workDir, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putIfAbsent("HOME", workDir.toString()); // root's home is not the postgres user's to read
        return Command.run(asOwner(command), workDir, Duration.ofMinutes(3), "", env).orFail();
    }

    /** A directory the database's owner owns, mode 0700 (initdb and the server insist on it for the data). */
    static void ownedDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            chown(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
    }

    private static void writeOwned(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text);
            chown(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void chown(Path path) throws IOException {
        if (isRoot()) {
            UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(path, users.lookupPrincipalByName(USER));
            Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(users.lookupPrincipalByGroupName(USER));
        }
    }

    /** A value as postgresql.conf reads it: single-quoted, quotes doubled. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A command line as /bin/sh reads it (PostgreSQL runs archive_command and restore_command through the shell). */
    static String shell(List<String> command) {
        return String.join(" ", command.stream().map(a -> a.matches("[A-Za-z0-9_./:=%@+-]+") ? a
                : "'" + a.replace("'", "'\\''") + "'").toList());
    }

    static boolean isRoot() {
        return uid("root").isPresent() && "root".equals(System.getProperty("user.name"));
    }

    private static Optional<String> uid(String user) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(l -> l.split(":")).filter(f -> f.length > 2 && f[0].equals(user)).map(f -> f[2]).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new LabException("PostgreSQL started but " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
