package io.koor.gitops.generator.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.validator.external.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generator writes passes yamllint, strictly, with the repository's {@code .yamllint}: the
 * tree reads like hand-kept YAML, and lint in a user's pull-request CI stays quiet on it.
 */
class YamllintTest {
    private static final Path CONFIG = Path.of("../.yamllint").toAbsolutePath().normalize();

    private static Path yamllint() {
        Optional<Path> found = ProcessRunner.which("yamllint");
        if (found.isEmpty()) {
            System.err.println("SKIPPED: yamllint is not installed; the generated trees were not linted");
        }
        assumeTrue(found.isPresent(), "yamllint is not installed");
        return found.get();
    }

    private static ProcessRunner.Result lint(Path... targets) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(yamllint().toString(), "--strict", "--format", "parsable",
                "--config-file", CONFIG.toString()));
        for (Path target : targets) {
            command.add(target.toString());
        }
        return ProcessRunner.run(command, Path.of("."), Duration.ofMinutes(2));
    }

    @Test
    void everyGoldenTreeAndTheCommittedDemoTreeAreLintClean() throws IOException {
        ProcessRunner.Result result = lint(Path.of("src/test/resources/golden"), Path.of("../clusters"),
                Path.of("../infrastructure"), Path.of("../apps"));
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    }

    @Test
    void andTheLintCanFail(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "kind: ConfigMap\nkind: Secret\nmetadata:\n  name: x   \n");
        ProcessRunner.Result result = lint(dir);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stdout()).contains("key-duplicates", "trailing-spaces");
    }
}
