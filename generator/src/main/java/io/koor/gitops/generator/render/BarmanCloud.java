package io.koor.gitops.generator.render;

import static io.koor.gitops.generator.yaml.Fields.map;

import io.koor.gitops.model.apps.BarmanBackup;
import io.koor.gitops.model.apps.PostgresCluster;
import io.koor.gitops.model.cluster.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One database's Barman Cloud store, the one source of both what the cluster declares and what the
 * lab runs: {@link #barmanObjectStore()} is the Cluster's {@code backup.barmanObjectStore} stanza,
 * and the {@code barman-cloud-*} argument lists are the ones CloudNativePG's instance manager builds
 * from that stanza (cloudnative-pg/barman-cloud, pkg/archiver BarmanCloudWalArchiveOptions, pkg/backup
 * GetBarmanCloudBackupOptions, pkg/command CloudWalRestoreOptions and appendCloudProviderOptions):
 * the compression flag, {@code --endpoint-url}, {@code --cloud-provider aws-s3}, then destination
 * path and server name. The keys reach barman-cloud by environment, as the instance manager passes
 * them ({@link #ACCESS_KEY_ENV}, {@link #SECRET_KEY_ENV}), never on a command line.
 *
 * @param destinationPath {@code s3://<claimed bucket>/}
 * @param endpointUrl     the object store's gateway: its Service in the cluster, the lab's RGW in the lab
 * @param serverName      the folder of this database's backups and WAL in the bucket (the Cluster's name)
 * @param compression     {@code gzip}, {@code bzip2} or {@code snappy}, for base backups and WAL alike
 * @param secretName      the bucket claim's Secret, which holds {@link #ACCESS_KEY_ENV} and {@link #SECRET_KEY_ENV}
 */
public record BarmanCloud(String destinationPath, String endpointUrl, String serverName, String compression,
                          String secretName) {
    /** The environment variables boto3 reads, and the keys of the Secret Rook writes for a bucket claim. */
    public static final String ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_ENV = "AWS_SECRET_ACCESS_KEY";

    /** The store of {@code db}'s backups in {@code cluster}: its claimed bucket behind the object store's gateway Service. */
    public static BarmanCloud of(Cluster cluster, PostgresCluster db) {
        BarmanBackup options = db.backup().orElseThrow(() -> new IllegalArgumentException(
                "database " + db.name() + " declares no backup"));
        return new BarmanCloud("s3://" + options.bucketClaim() + "/", PostgresRenderer.endpoint(cluster, db, options),
                db.name().value(), options.compression(), options.bucketClaim().value());
    }

    /** The same store reached through another endpoint (the lab's RGW on 127.0.0.1). */
    public BarmanCloud at(String endpoint) {
        return new BarmanCloud(destinationPath, endpoint, serverName, compression, secretName);
    }

    /**
     * The Cluster's {@code backup.barmanObjectStore} (CloudNativePG docs, appendixes/backup_barmanobjectstore.md
     * at v1.29.1). {@code data.immediateCheckpoint}: a base backup starts with a checkpoint, and a spread
     * one on a quiet database waits up to checkpoint_timeout before the copy begins.
     */
    public Map<String, Object> barmanObjectStore() {
        return map(
                "destinationPath", destinationPath,
                "endpointURL", endpointUrl,
                "serverName", serverName,
                "s3Credentials", map(
                        "accessKeyId", map("name", secretName, "key", ACCESS_KEY_ENV),
                        "secretAccessKey", map("name", secretName, "key", SECRET_KEY_ENV)),
                "wal", map("compression", compression),
                "data", map("compression", compression, "immediateCheckpoint", true));
    }

    /** {@code barman-cloud-wal-archive} for the WAL file at {@code walPath} (PostgreSQL's {@code %p}). */
    public List<String> walArchive(String walPath) {
        List<String> args = command("barman-cloud-wal-archive");
        args.add("--" + compression);
        provider(args);
        args.add(walPath);
        return args;
    }

    /** {@code barman-cloud-backup} of the local PostgreSQL (libpq's PGHOST/PGPORT say where), named {@code name}. */
    public List<String> backup(String name) {
        List<String> args = command("barman-cloud-backup");
        args.addAll(List.of("--user", "postgres", "--name", name, "--" + compression, "--immediate-checkpoint"));
        provider(args);
        return args;
    }

    /** {@code barman-cloud-restore} of the base backup {@code backup} (its id or name) into {@code dataDirectory}. */
    public List<String> restore(String backup, String dataDirectory) {
        List<String> args = command("barman-cloud-restore");
        provider(args);
        args.addAll(List.of(backup, dataDirectory));
        return args;
    }

    /** {@code barman-cloud-wal-restore} of WAL file {@code walName} to {@code path} (PostgreSQL's {@code %f} and {@code %p}). */
    public List<String> walRestore(String walName, String path) {
        List<String> args = command("barman-cloud-wal-restore");
        provider(args);
        args.addAll(List.of(walName, path));
        return args;
    }

    /** The environment that gives barman-cloud the bucket's keys, as the instance manager sets it from the Secret. */
    public static Map<String, String> environment(String accessKey, String secretKey) {
        return Map.of(ACCESS_KEY_ENV, accessKey, SECRET_KEY_ENV, secretKey);
    }

    private static List<String> command(String program) {
        List<String> args = new ArrayList<>();
        args.add(program);
        return args;
    }

    private void provider(List<String> args) {
        args.addAll(List.of("--endpoint-url", endpointUrl, "--cloud-provider", "aws-s3", destinationPath, serverName));
    }
}
