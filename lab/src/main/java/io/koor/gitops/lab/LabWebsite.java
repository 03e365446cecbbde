package io.koor.gitops.lab;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small site on a free port of 127.0.0.1 for the lab's web activity (the visitor bot, wrk): a 4 KiB page
 * at {@code /} and a live HLS playlist at {@code /live/index.m3u8} with an init segment and six media segments,
 * shaped as the stream's uploader publishes them. Counts the requests per path; anything else is a 404.
 */
public final class LabWebsite implements AutoCloseable {
    /** The media segments the playlist lists, oldest first. */
    public static final int SEGMENTS = 6;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private LabWebsite(HttpServer server, Map<String, byte[]> files) {
        this.server = server;
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = files.get(path);
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", type(path));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(workers);
        server.start();
    }

    /** Starts serving; close it to stop. */
    public static LabWebsite start() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("/", ("<!doctype html><title>lab</title>" + "<p>lab page</p>".repeat(250)).getBytes(StandardCharsets.UTF_8));
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n"
                + "#EXT-X-MEDIA-SEQUENCE:100\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        files.put("/live/init.mp4", new byte[512]);
        for (int i = 100; i < 100 + SEGMENTS; i++) {
            playlist.append("#EXTINF:2.000000,\nsegment-").append(String.format("%06d", i)).append(".m4s\n");
            files.put(String.format("/live/segment-%06d.m4s", i), new byte[2048]);
        }
        files.put("/live/index.m3u8", playlist.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return new LabWebsite(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64), Map.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the lab's site on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>/}, the page. */
    public URI page() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The live playlist. */
    public URI playlist() {
        return page().resolve("/live/index.m3u8");
    }

    /** How often {@code path} was requested so far. */
    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private static String type(String path) {
        if (path.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        return path.endsWith(".mp4") || path.endsWith(".m4s") ? "video/mp4" : "text/html";
    }
}
