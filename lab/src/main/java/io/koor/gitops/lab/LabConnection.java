package io.koor.gitops.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What applications and bots get from a running lab, the way they get it from the cluster: the
 * Ceph configuration and keyring (for {@code rbd}, {@code rados}, librados), the RBD pool, each
 * object store's S3 endpoint with its users' and bucket claims' credentials, and the lab's
 * PostgreSQL ({@code null} when PostgreSQL 15 is not installed). Written by {@code lab up} into the lab
 * directory as {@value #FILE} (readable by its owner only: it holds the S3 secrets).
 */
public record LabConnection(String cluster, Path directory, Path cephConf, Path keyring, String rbdPool,
                            Map<String, ObjectStoreEndpoint> objectStores, Postgres postgres) {
    static final String FILE = "connection.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** S3 keys; {@link #toString()} leaves the secret out, so a log line cannot leak it. */
    public record S3Credentials(String accessKey, String secretKey) {
        public S3Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secretKey, "secretKey");
        }

        @Override
        public String toString() {
            return "S3Credentials[accessKey=" + accessKey + ", secretKey=(hidden)]";
        }
    }

    /** A bucket an ObjectBucketClaim asked for, and the credentials of the user that owns it (as Rook's OBC Secret). */
    public record Bucket(String name, S3Credentials credentials) {
    }

    public record ObjectStoreEndpoint(URI endpoint, Map<String, S3Credentials> users, Map<String, Bucket> buckets) {
        public ObjectStoreEndpoint {
            users = Map.copyOf(users);
            buckets = Map.copyOf(buckets);
        }
    }

    /**
     * The lab's PostgreSQL: its data directory, TCP address, socket directory, and its superuser with
     * a password made at start. {@link #toString()} leaves the password out.
     */
    public record Postgres(Path dataDirectory, String host, int port, Path socketDirectory, String user, String password) {
        public Postgres {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(password, "password");
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/postgres";
        }

        /** A JDBC connection to the {@code postgres} database as the superuser. */
        public java.sql.Connection connect() throws java.sql.SQLException {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", user);
            properties.setProperty("password", password);
            return new org.postgresql.Driver().connect(jdbcUrl(), properties);
        }

        @Override
        public String toString() {
            return "Postgres[" + user + "@" + host + ":" + port + ", data " + dataDirectory + ", password=(hidden)]";
        }
    }

    public LabConnection {
        objectStores = Map.copyOf(objectStores);
    }

    /** An S3 client for the store, as the bucket claim's owner: path-style, as RGW serves buckets without DNS names. */
    public S3Client s3(String store, S3Credentials credentials) {
        ObjectStoreEndpoint endpoint = objectStores.get(store);
        if (endpoint == null) {
            throw new LabException("the lab has no object store " + store + "; it has " + objectStores.keySet());
        }
        return S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.US_EAST_1) // RGW ignores it; the SDK's signer needs one
                .forcePathStyle(true)
                // the SDK's default CRC trailers are newer than RGW 16.2: send checksums only where S3 requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKey(), credentials.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** An S3 client for a claimed bucket's owner. */
    public S3Client s3ForBucket(String store, String claim) {
        Bucket bucket = bucket(store, claim);
        return s3(store, bucket.credentials());
    }

    public Bucket bucket(String store, String claim) {
        ObjectStoreEndpoint endpoint = objectStores.get(store);
        Bucket bucket = endpoint == null ? null : endpoint.buckets().get(claim);
        if (bucket == null) {
            throw new LabException("the lab has no bucket claim " + claim + " in object store " + store);
        }
        return bucket;
    }

    /** The connection of the lab in {@code dir}, as {@code lab up} wrote it. */
    public static LabConnection read(Path dir) {
        try {
            return JSON.readValue(dir.resolve(FILE).toFile(), LabConnection.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new LabException("no lab is running in " + dir + " (no " + FILE + "); start one with ./gitops lab up");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    void write() {
        Path file = directory.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
