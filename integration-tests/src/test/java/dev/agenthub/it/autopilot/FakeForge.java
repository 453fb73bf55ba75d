package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for the GitHub and GitLab REST APIs (external services): a JDK HTTP server on a random
 * loopback port that records every request and answers {@code METHOD raw-path} with the scripted replies (one-shot
 * replies first, then the standing one), else 404 {@code {"message":"Not Found"}}. Requests are handled concurrently.
 */
final class FakeForge implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded request; header names lowercased; the path raw (percent-encoding kept). */
    record Request(String method, String path, String query, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String key() {
            return method + " " + path;
        }
    }

    /** A scripted answer, sent after {@code delayMillis} (to widen a race window, never asserted on). */
    record Reply(int status, String body, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, body, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> once = new ConcurrentHashMap<>();
    private final Map<String, Reply> always = new ConcurrentHashMap<>();

    FakeForge() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL with this path prefix, e.g. {@code /api/v3}. */
    String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    /** Answers the next requests to {@code key} ({@code "POST /api/v3/repos/a/b/pulls"}) with these, in order. */
    FakeForge once(String key, Reply... replies) {
        Deque<Reply> queue = once.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    /** Answers every request to {@code key} with {@code reply} once the one-shot replies are used up. */
    FakeForge always(String key, Reply reply) {
        always.put(key, reply);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String key) {
        return requests.stream().filter(r -> r.key().equals(key)).toList();
    }

    void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            requests.add(request);
            Reply reply = null;
            Deque<Reply> queue = once.get(request.key());
            if (queue != null) {
                synchronized (queue) {
                    reply = queue.poll();
                }
            }
            if (reply == null) {
                reply = always.getOrDefault(request.key(), Reply.json(404, "{\"message\":\"Not Found\"}"));
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
