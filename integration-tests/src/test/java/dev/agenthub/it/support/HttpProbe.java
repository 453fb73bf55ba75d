package dev.agenthub.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A real HTTP client for tests: sends requests to a base URL and parses JSON answers. */
public final class HttpProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public HttpProbe(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response send(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, false);
    }

    /**
     * As {@link #send(String, String, String, Map)}, with {@code Expect: 100-continue}: the body goes out only
     * once the server asks for it. For bodies the server refuses by their declared length (413): without it the
     * server may answer and close while megabytes are still being written, and the client sees a reset.
     */
    public Response sendExpectingContinue(String method, String path, String body, Map<String, String> headers) {
        return send(method, path, body, headers, true);
    }

    private Response send(String method, String path, String body, Map<String, String> headers, boolean expectContinue) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .expectContinue(expectContinue);
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One response: status, headers (lowercase names), body. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
