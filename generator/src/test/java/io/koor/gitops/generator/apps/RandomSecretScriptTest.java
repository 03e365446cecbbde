package io.koor.gitops.generator.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * random-secret.sh, here making the secret Grafana shares with Dex: with curl under sh and under busybox (as in
 * curl's image) against {@link SecretsApiStandIn}. Dex's copy and each client's must be one random value, kept
 * across runs, a copy made right again from Dex's, and nothing printed that would give the secret away.
 */
class RandomSecretScriptTest {
    private static final Map<String, String> ENV = Map.of("SECRET_NAME", "dex-clients", "SECRET_KEY",
            "GRAFANA_CLIENT_SECRET", "COPIES", "monitoring/grafana-oauth/client-secret", "PART_OF", "dex");

    @TempDir
    Path dir;

    private final SecretsApiStandIn api = new SecretsApiStandIn();

    private ScriptHarness.Run run(ScriptHarness harness, Map<String, String> env, List<ScriptHarness.Request> requests)
            throws Exception {
        return harness.run(RandomSecretScript.FILE, RandomSecretScript.text(), env, api::answer, requests);
    }

    private void makesKeepsAndCorrects(ScriptHarness harness) throws Exception {
        ScriptHarness.Run first = run(harness, ENV, new ArrayList<>());
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(api.secrets).containsOnlyKeys("dex/dex-clients", "monitoring/grafana-oauth");
        String secret = api.value("dex/dex-clients", "GRAFANA_CLIENT_SECRET");
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(api.value("monitoring/grafana-oauth", "client-secret")).isEqualTo(secret);
        assertThat(api.secrets.get("monitoring/grafana-oauth").at("/metadata/namespace").asText()).isEqualTo("monitoring");
        assertThat(api.secrets.get("dex/dex-clients").at("/type").asText()).isEqualTo("Opaque");
        assertThat(api.secrets.get("dex/dex-clients").at("/metadata/labels/app.kubernetes.io~1part-of").asText())
                .isEqualTo("dex");
        assertThat(first.output()).doesNotContain(secret).contains("created dex/dex-clients",
                "created monitoring/grafana-oauth");

        // again: both kept, nothing written
        List<ScriptHarness.Request> requests = new ArrayList<>();
        ScriptHarness.Run second = run(harness, ENV, requests);
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(requests).extracting(ScriptHarness.Request::method).containsOnly("GET");
        assertThat(second.output()).contains("monitoring/grafana-oauth is current; kept");

        // a copy that drifted is corrected from Dex's; one deleted is made again with the same value
        api.put("monitoring/grafana-oauth", "client-secret", "stale");
        ScriptHarness.Run third = run(harness, ENV, new ArrayList<>());
        assertThat(third.exit()).as(third.output()).isZero();
        assertThat(third.output()).contains("corrected monitoring/grafana-oauth");
        assertThat(api.value("monitoring/grafana-oauth", "client-secret")).isEqualTo(secret);
        api.secrets.remove("monitoring/grafana-oauth");
        assertThat(run(harness, ENV, new ArrayList<>()).exit()).isZero();
        assertThat(api.value("monitoring/grafana-oauth", "client-secret")).isEqualTo(secret);
        assertThat(api.value("dex/dex-clients", "GRAFANA_CLIENT_SECRET")).isEqualTo(secret);

        // a Secret of that name this script did not make is not taken for one
        api.put("dex/dex-clients", "GRAFANA_CLIENT_SECRET", "chosen by hand");
        ScriptHarness.Run foreign = run(harness, ENV, new ArrayList<>());
        assertThat(foreign.exit()).isNotZero();
        assertThat(foreign.output()).contains("holds no GRAFANA_CLIENT_SECRET this script made");

        // a refusal fails the Job, printing no secret
        api.secrets.clear();
        ScriptHarness.Run refused = harness.run(RandomSecretScript.FILE, RandomSecretScript.text(), ENV,
                r -> r.method().equals("GET") ? Map.entry(404, "{}") : Map.entry(403, "{\"kind\":\"Status\",\"code\":403}"),
                new ArrayList<>());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("creating dex/dex-clients: the API answered 403")
                .doesNotContainPattern("[0-9a-f]{64}");
    }

    /** Without copies (a database user's password, kept where the user and the application are). */
    private void keepsOneWithoutCopies(ScriptHarness harness) throws Exception {
        Map<String, String> env = Map.of("SECRET_NAME", "shop-mariadb", "SECRET_KEY", "password", "PART_OF", "shop");
        ScriptHarness.Run run = run(harness, env, new ArrayList<>());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(api.secrets).containsOnlyKeys("dex/shop-mariadb");
        String password = api.value("dex/shop-mariadb", "password");
        assertThat(password).matches("[0-9a-f]{64}");
        assertThat(run(harness, env, new ArrayList<>()).exit()).isZero();
        assertThat(api.value("dex/shop-mariadb", "password")).isEqualTo(password);
    }

    @Test
    void makesOneSecretForDexAndItsClientAndKeepsThemTheSame() throws Exception {
        makesKeepsAndCorrects(new ScriptHarness(dir, "dex"));
    }

    @Test
    void underBusyboxAsInCurlsImage() throws Exception {
        makesKeepsAndCorrects(new ScriptHarness(dir, "dex").underBusybox());
    }

    @Test
    void keepsOneSecretWithoutCopiesUnderBusybox() throws Exception {
        keepsOneWithoutCopies(new ScriptHarness(dir, "dex").underBusybox());
    }
}
