package io.koor.gitops.validator.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.koor.gitops.validator.finding.Severity;
import io.koor.gitops.validator.finding.Violation;
import io.koor.gitops.validator.load.LoadedTree;
import io.koor.gitops.validator.load.TreeLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kubeconform's {@code -output json} report, as its documentation shows it, turned into the same
 * findings as ours; and its absence reported as skipped, or as an error when it is required.
 */
class KubeconformCheckTest {

    @Test
    void invalidAndErrorResourcesBecomeFindings() throws IOException {
        String report = """
                {
                  "resources": [
                    {"filename": "apps/web.yaml", "kind": "Deployment", "name": "web", "version": "apps/v1",
                     "status": "statusInvalid", "msg": "problem validating schema",
                     "validationErrors": [{"path": "/spec/replicas", "msg": "expected integer, but got string"}]},
                    {"filename": "apps/x.yaml", "kind": "Widget", "name": "w", "version": "example.com/v1",
                     "status": "statusError", "msg": "could not find schema for Widget"},
                    {"filename": "apps/ok.yaml", "kind": "Service", "name": "ok", "version": "v1", "status": "statusValid", "msg": ""}
                  ],
                  "summary": {"valid": 1, "invalid": 1, "errors": 1, "skipped": 0}
                }
                """;
        List<Violation> found = KubeconformCheck.parse(report);
        assertThat(found).extracting(v -> v.file() + " " + v.resource() + " " + v.jsonPointer() + " " + v.message())
                .containsExactly("apps/web.yaml Deployment/web /spec/replicas expected integer, but got string",
                        "apps/x.yaml Widget/w  could not find schema for Widget");
        assertThat(found).allSatisfy(v -> assertThat(v.severity()).isEqualTo(Severity.ERROR));
        assertThat(KubeconformCheck.parse("")).isEmpty();
    }

    @Test
    void sopsEncryptedFilesAreNotGivenToKubeconform() throws IOException {
        // it cannot skip /sops as Flux's validation does, and SOPS's ENC[...] values are no values of their fields
        LoadedTree tree = new TreeLoader().load(Path.of("src/test/resources/trees/sops-encrypted"));
        assertThat(KubeconformCheck.filesToCheck(tree)).containsExactly("plain.yaml");
    }

    @Test
    void aMissingKubeconformIsSkippedOrAnErrorWhenRequired() throws IOException {
        assumeTrue(ProcessRunner.which("kubeconform").isEmpty(), "kubeconform is installed here; this tests its absence");
        LoadedTree tree = new TreeLoader().load(Path.of("src/test/resources/trees/flux-example"));
        assertThat(new KubeconformCheck(List.of(), "1.32.0", false).run(tree).notes())
                .containsExactly("skipped: kubeconform not found on PATH");
        assertThat(new KubeconformCheck(List.of(), "1.32.0", true).run(tree).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("skipped: kubeconform not found on PATH"));
    }
}
