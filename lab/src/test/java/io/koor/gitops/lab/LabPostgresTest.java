package io.koor.gitops.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the lab writes PostgreSQL's settings and the shell commands it runs (no PostgreSQL needed). */
class LabPostgresTest {
    @Test
    void archiveCommandsReachTheShellAsWritten() {
        assertThat(LabPostgres.shell(List.of("barman-cloud-wal-archive", "--gzip", "--endpoint-url", "http://127.0.0.1:8080",
                "s3://db-backups/", "shop", "%p"))).isEqualTo(
                "barman-cloud-wal-archive --gzip --endpoint-url http://127.0.0.1:8080 s3://db-backups/ shop %p");
        assertThat(LabPostgres.shell(List.of("echo", "it's a b"))).isEqualTo("echo 'it'\\''s a b'");
    }

    @Test
    void settingsAreQuotedAsPostgresqlConfReadsThem() {
        assertThat(LabPostgres.quote("a 'b' c")).isEqualTo("'a ''b'' c'");
    }

    @Test
    void theConnectionNeverPrintsItsPassword() {
        LabConnection.Postgres pg = new LabConnection.Postgres(Path.of("/tmp/lab/postgresql/data"), "127.0.0.1", 5433,
                Path.of("/tmp/lab/postgresql/run"), "postgres", "s3cr3t-value");
        assertThat(pg.toString()).doesNotContain("s3cr3t-value").contains("127.0.0.1:5433");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/postgres");
    }
}
