package dev.agenthub.http.outbound.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real local HTTP server standing in for an OpenAI-compatible endpoint: {@code POST /v1/chat/completions}
 * answers with the scripted status and assistant content (wrapped in a chat-completions body), records every
 * request, and can hold its answer until released (for timeouts).
 */
final class FakeChatCompletions implements AutoCloseable {

    record Received(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String rawBody;
    private volatile boolean hold;

    FakeChatCompletions() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
    }

    /** Answers with {@code content} as the assistant message. */
    FakeChatCompletions answering(String content) {
        this.status = 200;
        this.rawBody = JSON.createObjectNode().set("choices", JSON.createArrayNode().add(JSON.createObjectNode()
                .put("index", 0).set("message", JSON.createObjectNode().put("role", "assistant")
                        .put("content", content)))).toString();
        return this;
    }

    /** Answers with this status and body as is. */
    FakeChatCompletions answeringRaw(int status, String body) {
        this.status = status;
        this.rawBody = body;
        return this;
    }

    /** Holds every answer until {@link #close()}. */
    FakeChatCompletions holding() {
        this.hold = true;
        return this;
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            JsonNode body = requestBody.length == 0 ? null : JSON.readTree(requestBody);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            if (hold) {
                release.await(60, TimeUnit.SECONDS);
            }
            if (!exchange.getRequestURI().getPath().equals("/v1/chat/completions")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] answer = rawBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
