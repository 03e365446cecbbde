package io.koor.gitops.generator.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Control Center's session-secret.sh, run with curl under sh and under busybox (as in curl's image),
 * against a server on 127.0.0.1 answering as the Kubernetes API does (201 Created, 409 Conflict for a name that
 * exists, 403 Forbidden). There is no API server on this machine; what is checked is the script's side: the
 * request it makes, what it puts in the Secret, what it prints, how it exits.
 */
class SessionSecretScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("SECRET_NAME", "data-control-center-session",
            "ADMIN_USER", "admin");

    @TempDir
    Path dir;

    private static ScriptHarness.Run run(ScriptHarness harness, int status, List<ScriptHarness.Request> requests)
            throws Exception {
        return harness.run(SessionSecretScript.FILE, SessionSecretScript.text(), ENV,
                r -> Map.entry(status, "{\"kind\":\"Status\",\"code\":" + status + "}"), requests);
    }

    private static void createsKeepsAndFails(ScriptHarness harness) throws Exception {
        List<ScriptHarness.Request> requests = new ArrayList<>();
        ScriptHarness.Run created = run(harness, 201, requests);
        assertThat(created.exit()).as(created.output()).isZero();
        assertThat(created.output()).contains("created Secret rook-ceph/data-control-center-session");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method() + " " + r.path()).isEqualTo("POST /api/v1/namespaces/rook-ceph/secrets");
            assertThat(r.authorization()).isEqualTo("Bearer the-token");
        });
        JsonNode secret = JSON.readTree(requests.get(0).body());
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("data-control-center-session");
        JsonNode values = new YAMLMapper().readTree(secret.path("stringData").path(SessionSecretScript.VALUES_KEY).asText());
        String cookie = values.at("/config/http/sessions/cookieSecret").asText();
        String jwt = values.at("/config/jwt/secret").asText();
        String password = values.at("/config/users/0/password").asText();
        assertThat(List.of(cookie, jwt, password)).allMatch(v -> v.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        assertThat(values.at("/config/users/0/username").asText()).isEqualTo("admin");
        assertThat(values.at("/config/users").size()).isEqualTo(1);
        assertThat(secret.path("stringData").path(SessionSecretScript.PASSWORD_KEY).asText()).isEqualTo(password);
        assertThat(created.output()).doesNotContain(cookie, jwt, password);

        // another run makes other values: nothing is fixed in the script
        List<ScriptHarness.Request> again = new ArrayList<>();
        run(harness, 201, again);
        assertThat(new YAMLMapper().readTree(JSON.readTree(again.get(0).body()).path("stringData")
                .path(SessionSecretScript.VALUES_KEY).asText()).at("/config/jwt/secret").asText()).isNotEqualTo(jwt);

        ScriptHarness.Run kept = run(harness, 409, new ArrayList<>());
        assertThat(kept.exit()).as(kept.output()).isZero();
        assertThat(kept.output()).contains("exists; kept");
        ScriptHarness.Run refused = run(harness, 403, new ArrayList<>());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("the API answered 403").doesNotContain("cookieSecret");
    }

    @Test
    void createsOneSecretOfRandomValuesAsAValuesDocumentKeepsAnExistingOneAndPrintsNoSecret() throws Exception {
        createsKeepsAndFails(new ScriptHarness(dir, "rook-ceph"));
    }

    @Test
    void underBusyboxAsInCurlsImage() throws Exception {
        createsKeepsAndFails(new ScriptHarness(dir, "rook-ceph").underBusybox());
    }
}
