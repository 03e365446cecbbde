package io.koor.gitops.generator.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * database-credentials.sh with curl, under sh and under busybox, against a server answering as the API server's
 * Secret endpoints do (GET 200/404, POST 201/409, PUT 200, data base64-encoded, compact JSON): there is no API
 * server on this machine, so this checks the script's side of the exchange and what it leaves behind.
 */
class DatabaseCredentialsScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("DB_CLUSTER", "app", "DB_HOST", "app-rw.database.svc",
            "CLIENTS", "shop/shop_api catalog/catalog");

    @TempDir
    Path dir;

    /** Secrets by namespace/name, as the server keeps them (with data, never stringData). */
    private final Map<String, ObjectNode> secrets = new TreeMap<>();

    private Map.Entry<Integer, String> api(ScriptHarness.Request r) {
        String[] p = r.path().split("/"); // "", api, v1, namespaces, NS, secrets[, NAME]
        try {
            if (!r.authorization().equals("Bearer the-token")) {
                return Map.entry(401, "{}");
            }
            String ns = p[4];
            if (r.method().equals("GET")) {
                ObjectNode s = secrets.get(ns + "/" + p[6]);
                return s == null ? Map.entry(404, "{\"kind\":\"Status\",\"code\":404}") : Map.entry(200, JSON.writeValueAsString(s));
            }
            ObjectNode body = (ObjectNode) JSON.readTree(r.body());
            ObjectNode data = body.putObject("data");
            body.path("stringData").fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            body.remove("stringData");
            String name = r.method().equals("POST") ? body.at("/metadata/name").asText() : p[6];
            String key = ns + "/" + name;
            if (r.method().equals("POST") && secrets.containsKey(key)) {
                return Map.entry(409, "{\"kind\":\"Status\",\"code\":409}");
            }
            if (r.method().equals("PUT") && !secrets.containsKey(key)) {
                return Map.entry(404, "{}");
            }
            secrets.put(key, body);
            return Map.entry(r.method().equals("POST") ? 201 : 200, JSON.writeValueAsString(body));
        } catch (Exception e) {
            return Map.entry(500, "{}");
        }
    }

    private String password(String key) {
        return new String(Base64.getDecoder().decode(secrets.get(key).at("/data/password").asText()), StandardCharsets.UTF_8);
    }

    private void makesKeepsAndCorrects(ScriptHarness harness) throws Exception {
        List<ScriptHarness.Request> requests = new ArrayList<>();
        Function<ScriptHarness.Request, Map.Entry<Integer, String>> server = this::api;
        ScriptHarness.Run first = harness.run(DatabaseCredentialsScript.FILE, DatabaseCredentialsScript.text(), ENV, server,
                requests);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(secrets).containsOnlyKeys("database/app-role-shop-api", "database/app-role-catalog",
                "shop/postgres-app", "catalog/postgres-app");
        JsonNode kept = secrets.get("database/app-role-shop-api");
        assertThat(kept.path("type").asText()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(kept.at("/metadata/labels/cnpg.io~1reload").asText()).isEqualTo("true");
        assertThat(new String(Base64.getDecoder().decode(kept.at("/data/username").asText()), StandardCharsets.UTF_8))
                .isEqualTo("shop_api");
        String shop = password("database/app-role-shop-api");
        assertThat(shop).matches("[0-9a-f]{64}").isNotEqualTo(password("database/app-role-catalog"));
        assertThat(password("shop/postgres-app")).isEqualTo(shop);
        JsonNode copy = secrets.get("shop/postgres-app");
        assertThat(new String(Base64.getDecoder().decode(copy.at("/data/host").asText()), StandardCharsets.UTF_8))
                .isEqualTo("app-rw.database.svc");
        assertThat(new String(Base64.getDecoder().decode(copy.at("/data/dbname").asText()), StandardCharsets.UTF_8))
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
        secrets.get("shop/postgres-app").with("data").put("password", Base64.getEncoder().encodeToString(
                "stale".getBytes(StandardCharsets.UTF_8)));
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
