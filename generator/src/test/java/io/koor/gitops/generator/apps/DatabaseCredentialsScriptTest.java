package io.koor.gitops.generator.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * database-credentials.sh with curl, under sh and under busybox, against {@link SecretsApiStandIn}.
 */
class DatabaseCredentialsScriptTest {
    private static final Map<String, String> ENV = Map.of("DB_CLUSTER", "app", "DB_HOST", "app-rw.database.svc",
            "CLIENTS", "shop/shop_api catalog/catalog");

    @TempDir
    Path dir;

    private final SecretsApiStandIn api = new SecretsApiStandIn();
    private final Map<String, ObjectNode> secrets = api.secrets;

    private String password(String key) {
        return api.value(key, "password");
    }

    private void makesKeepsAndCorrects(ScriptHarness harness) throws Exception {
        List<ScriptHarness.Request> requests = new ArrayList<>();
        Function<ScriptHarness.Request, Map.Entry<Integer, String>> server = api::answer;
        ScriptHarness.Run first = harness.run(DatabaseCredentialsScript.FILE, DatabaseCredentialsScript.text(), ENV, server,
                requests);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(secrets).containsOnlyKeys("database/app-role-shop-api", "database/app-role-catalog",
                "shop/postgres-app", "catalog/postgres-app");
        JsonNode kept = secrets.get("database/app-role-shop-api");
        assertThat(kept.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(kept.at("/metadata/labels/cnpg.io~1reload").asText()).isEqualTo("true");
        assertThat(api.value("database/app-role-shop-api", "username"))
                .isEqualTo("shop_api");
        String shop = password("database/app-role-shop-api");
        assertThat(shop).matches("[0-9a-f]{64}").isNotEqualTo(password("database/app-role-catalog"));
        assertThat(password("shop/postgres-app")).isEqualTo(shop);
        JsonNode copy = secrets.get("shop/postgres-app");
        assertThat(api.value("shop/postgres-app", "host"))
                .isEqualTo("app-rw.database.svc");
        assertThat(api.value("shop/postgres-app", "dbname"))
                .isEqualTo("shop_api");
        assertThat(first.output()).doesNotContain(shop).contains("created database/app-role-shop-api",
                "created shop/postgres-app");

        // again: everything kept, nothing written
        requests.clear();
        ScriptHarness.Run second = harness.run(DatabaseCredentialsScript.FILE, DatabaseCredentialsScript.text(), ENV,
                server, requests);
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(requests).extracting(ScriptHarness.Request::method).containsOnly("GET");
        assertThat(password("shop/postgres-app")).isEqualTo(shop);

        // a copy that went wrong (or was deleted) is made right from the kept password
        api.put("shop/postgres-app", "password", "stale");
        secrets.remove("catalog/postgres-app");
        String catalog = password("database/app-role-catalog");
        ScriptHarness.Run third = harness.run(DatabaseCredentialsScript.FILE, DatabaseCredentialsScript.text(), ENV,
                server, new ArrayList<>());
        assertThat(third.exit()).as(third.output()).isZero();
        assertThat(third.output()).contains("corrected shop/postgres-app", "created catalog/postgres-app");
        assertThat(password("shop/postgres-app")).isEqualTo(shop);
        assertThat(password("catalog/postgres-app")).isEqualTo(catalog);

        // a refusal fails the Job, printing no secret
        ScriptHarness.Run refused = harness.run(DatabaseCredentialsScript.FILE, DatabaseCredentialsScript.text(),
                Map.of("DB_CLUSTER", "app", "DB_HOST", "h", "CLIENTS", "other/other"), r -> r.method().equals("GET")
                        ? Map.entry(404, "{}") : Map.entry(403, "{\"kind\":\"Status\",\"code\":403}"), new ArrayList<>());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("the API answered 403").doesNotContainPattern("[0-9a-f]{64}");
    }

    @Test
    void makesEachClientsPasswordOnceAndKeepsBothCopiesTheSame() throws Exception {
        makesKeepsAndCorrects(new ScriptHarness(dir, "database"));
    }

    @Test
    void underBusyboxAsInCurlsImage() throws Exception {
        makesKeepsAndCorrects(new ScriptHarness(dir, "database").underBusybox());
    }
}
