package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small client for the Hetzner Cloud API, on java.net.http and Jackson. It retries what the
 * official Go client retries (429 after {@code RateLimit-Reset}; 502, 503, 504 and {@code conflict}
 * with backoff), pages through lists, and waits for actions. The token is only sent, never shown.
 */
public final class HcloudClient {
    public static final URI DEFAULT_BASE = URI.create("https://api.hetzner.cloud/v1");
    static final int MAX_RETRIES = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the client waits; tests replace it so that rate limits and slow actions cost no time. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final URI base;
    private final Token token;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();

    public HcloudClient(Token token) {
        this(DEFAULT_BASE, token, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
    }

    public HcloudClient(URI base, Token token, Sleeper sleeper, Clock clock) {
        this.base = base;
        this.token = token;
        this.sleeper = sleeper;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Requests sent so far, retries included (BENCHMARKS.md reports it for the demo cluster). */
    public int requestCount() {
        return requests.get();
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    /** An action that takes no arguments: the API refuses a body there. */
    public JsonNode post(String path) {
        return send("POST", path, null);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Every item of a list endpoint, all pages, e.g. {@code list("/servers", "servers", "koor.io/cluster=demo")}. */
    public List<JsonNode> list(String path, String key, String labelSelector) {
        List<JsonNode> all = new ArrayList<>();
        int page = 1;
        while (page > 0) {
            String query = "?per_page=50&page=" + page
                    + (labelSelector == null ? "" : "&label_selector=" + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
            JsonNode body = get(path + query);
            body.path(key).forEach(all::add);
            JsonNode next = body.path("meta").path("pagination").path("next_page");
            page = next.isIntegralNumber() ? next.asInt() : 0;
        }
        return all;
    }

    /** The resource of that name, if any (names are unique per project). */
    public JsonNode findByName(String path, String key, String name) {
        JsonNode body = get(path + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        JsonNode items = body.path(key);
        return items.isArray() && items.size() > 0 ? items.get(0) : null;
    }

    /** Polls the actions every 500 ms (as hcloud-go does) until none is running; an action in error fails. */
    public void waitFor(List<Long> actionIds) {
        List<Long> pending = new ArrayList<>(actionIds);
        while (!pending.isEmpty()) {
            List<Long> batch = pending.subList(0, Math.min(25, pending.size()));
            StringBuilder query = new StringBuilder("/actions?");
            batch.forEach(id -> query.append("id=").append(id).append('&'));
            JsonNode actions = get(query.substring(0, query.length() - 1)).path("actions");
            List<Long> done = new ArrayList<>();
            for (JsonNode action : actions) {
                String status = action.path("status").asText();
                if (status.equals("error")) {
                    throw new HcloudException("action " + action.path("command").asText() + " " + action.path("id"), 0,
                            action.path("error").path("code").asText("error"), action.path("error").path("message").asText(),
                            action.path("error"));
                }
                if (status.equals("success")) {
                    done.add(action.path("id").asLong());
                }
            }
            if (actions.size() < batch.size()) {
                throw new IllegalStateException("the API did not return every action asked for: " + batch);
            }
            pending.removeAll(done);
            if (!pending.isEmpty()) {
                pause(Duration.ofMillis(500));
            }
        }
    }

    private JsonNode send(String method, String path, JsonNode body) {
        String request = method + " " + path;
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = exchange(method, path, body);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body());
            }
            JsonNode error = parse(response.body()).path("error");
            String code = error.path("code").asText("http_" + status);
            boolean retryable = status == 429 || status == 502 || status == 503 || status == 504 || code.equals("conflict");
            if (!retryable || attempt >= MAX_RETRIES) {
                throw new HcloudException(request, status, code, error.path("message").asText(""), error.path("details"));
            }
            pause(status == 429 ? untilReset(response) : backoff(attempt));
        }
    }

    private HttpResponse<String> exchange(String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", token.authorization())
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " could not reach the Hetzner API: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Waits until the rate limit has recovered (RateLimit-Reset, a UNIX time), at most a minute at a time. */
    private Duration untilReset(HttpResponse<String> response) {
        long reset = response.headers().firstValueAsLong("RateLimit-Reset").orElse(0);
        Duration wait = Duration.ofSeconds(Math.max(1, reset - clock.instant().getEpochSecond()));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static Duration backoff(int attempt) {
        Duration wait = Duration.ofSeconds(1L << attempt);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Hetzner API", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.putObject("error").put("code", "invalid_response").put("message", "not JSON");
            return wrapper;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
