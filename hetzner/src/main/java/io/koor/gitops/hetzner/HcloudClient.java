package io.koor.gitops.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link HetznerApi} over HTTP, on java.net.http and Jackson. It retries what the
 * official Go client retries (429 after {@code RateLimit-Reset}; 502, 503, 504 and {@code conflict}
 * with backoff), pages through lists, and waits for actions. The token is only sent, never shown.
 */
public final class HcloudClient implements HetznerApi {
    public static final URI DEFAULT_BASE = URI.create("https://api.hetzner.cloud/v1");
    static final int MAX_RETRIES = 5;
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

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

    @Override
    public List<HetznerApi.Resource> list(ResourceKind kind, String labelSelector) {
        List<HetznerApi.Resource> all = new ArrayList<>();
        int page = 1;
        while (page > 0) {
            JsonNode body = get(kind.path() + "?per_page=50&page=" + page + "&label_selector="
                    + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
            body.path(kind.plural()).forEach(item -> all.add(HcloudJson.resource(kind, item)));
            JsonNode next = body.path("meta").path("pagination").path("next_page");
            page = next.isIntegralNumber() ? next.asInt() : 0;
        }
        return all;
    }

    @Override
    public Optional<HetznerApi.Resource> find(ResourceRef ref) {
        return first(ref.kind(), get(ref.kind().path() + "?name=" + URLEncoder.encode(ref.name(), StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<HetznerApi.Resource> sshKeyByFingerprint(String fingerprint) {
        return first(ResourceKind.SSH_KEY, get(ResourceKind.SSH_KEY.path() + "?fingerprint=" + fingerprint));
    }

    private static Optional<HetznerApi.Resource> first(ResourceKind kind, JsonNode body) {
        JsonNode items = body.path(kind.plural());
        return items.isArray() && items.size() > 0 ? Optional.of(HcloudJson.resource(kind, items.get(0))) : Optional.empty();
    }

    @Override
    public HetznerApi.Pricing pricing(String location) {
        return HcloudJson.pricing(get("/pricing").path("pricing"), location);
    }

    @Override
    public HetznerApi.Created create(HetznerApi.CreateRequest request) {
        ResourceKind kind = request.kind();
        JsonNode answer = send("POST", kind.path(), HcloudJson.body(request));
        return new HetznerApi.Created(HcloudJson.resource(kind, answer.path(kind.singular())), HcloudJson.actionIds(answer));
    }

    @Override
    public List<Long> delete(ResourceKind kind, long id) {
        return HcloudJson.actionIds(send("DELETE", kind.path() + "/" + id, null));
    }

    @Override
    public List<Long> attachToNetwork(ResourceKind kind, long id, HetznerApi.AttachToNetwork attach) {
        return action(kind, id, "attach_to_network", HcloudJson.body(attach));
    }

    @Override
    public List<Long> addTarget(long loadBalancer, HetznerApi.AddTarget target) {
        return action(ResourceKind.LOAD_BALANCER, loadBalancer, "add_target", HcloudJson.body(target));
    }

    /** An action that takes no arguments: the API refuses a body there. */
    @Override
    public List<Long> disablePublicInterface(long loadBalancer) {
        return action(ResourceKind.LOAD_BALANCER, loadBalancer, "disable_public_interface", null);
    }

    private List<Long> action(ResourceKind kind, long id, String command, JsonNode body) {
        return HcloudJson.actionIds(send("POST", kind.path() + "/" + id + "/actions/" + command, body));
    }

    /** Polls the actions every 500 ms (as hcloud-go does) until none is running; an action in error fails. */
    @Override
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

    private JsonNode get(String path) {
        return send("GET", path, null);
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
            return HcloudJson.JSON.createObjectNode();
        }
        try {
            return HcloudJson.JSON.readTree(body);
        } catch (IOException e) {
            ObjectNode wrapper = HcloudJson.JSON.createObjectNode();
            wrapper.putObject("error").put("code", "invalid_response").put("message", "not JSON");
            return wrapper;
        }
    }

}
