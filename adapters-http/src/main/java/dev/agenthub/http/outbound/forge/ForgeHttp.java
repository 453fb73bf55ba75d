package dev.agenthub.http.outbound.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.agenthub.orchestration.forge.port.ForgeFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The JSON-over-HTTP part both forge clients share: one {@link HttpClient}, a per-request timeout, fixed headers,
 * and the error rule of wire spec agenthub §10.1: a non-2xx answer is a {@link ForgeFailure} whose detail is the
 * answer's {@code message} (plus {@code ; errors=<errors as compact JSON>} when present and not null), else the raw
 * text, else {@code empty response body}; no answer (connection refused, timeout, I/O error) is a failure without a
 * status. Header values (the token) never appear in a failure or a log. Safe for concurrent use.
 */
public final class ForgeHttp implements AutoCloseable {

    /** The timeout of every forge call (§10). */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUrl;
    private final List<String> headers;
    private final Duration timeout;
    private final HttpClient client;
    private final ObjectMapper json = JsonMapper.builder().build();

    /**
     * @param baseUrl an absolute http(s) URL; a path prefix is kept (GitHub Enterprise {@code https://host/api/v3})
     * @param headers header name/value pairs sent on every request
     */
    public ForgeHttp(URI baseUrl, Map<String, String> headers, Duration timeout) {
        String text = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
        this.headers = headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toList();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The JSON codec of request and answer bodies. */
    public ObjectMapper json() {
        return json;
    }

    /** The absolute URL of {@code relative} (which may carry a query) under the base URL. */
    public URI resolve(String relative) {
        return URI.create(baseUrl + relative);
    }

    /**
     * Sends the request and returns the parsed answer ({@link NullNode} for an empty 2xx body).
     *
     * @param body          the JSON body, or null for none
     * @param alreadyExists decides, from status and detail, whether a failure means "already exists"
     * @throws ForgeFailure for a non-2xx answer or no answer
     */
    public JsonNode send(String method, String relative, Object body, Predicate<Failure> alreadyExists) {
        URI url = resolve(relative);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout);
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new IllegalStateException("request body not serialisable", e);
            }
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw noAnswer(method, url, "connection timed out after " + seconds() + " s");
        } catch (HttpTimeoutException e) {
            throw noAnswer(method, url, "request timed out after " + seconds() + " s");
        } catch (ConnectException e) {
            throw noAnswer(method, url, "connection failed (" + (e.getMessage() == null ? "refused" : e.getMessage()) + ")");
        } catch (IOException e) {
            throw noAnswer(method, url, "I/O error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noAnswer(method, url, "interrupted");
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String detail = detail(text);
            Failure failure = new Failure(status, detail);
            throw new ForgeFailure(OptionalInt.of(status), method, url.toString(), detail, alreadyExists.test(failure));
        }
        if (text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new ForgeFailure(OptionalInt.of(status), method, url.toString(),
                    "answer is not JSON: " + abbreviate(text), false);
        }
    }

    /** A non-2xx answer as the already-exists predicates see it. */
    public record Failure(int status, String detail) {
    }

    private String detail(String text) {
        if (text.isBlank()) {
            return "empty response body";
        }
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.isObject() && node.hasNonNull("message")) {
                JsonNode message = node.get("message");
                String detail = message.isTextual() ? message.asText() : json.writeValueAsString(message);
                JsonNode errors = node.get("errors");
                if (errors != null && !errors.isNull()) {
                    detail += "; errors=" + json.writeValueAsString(errors);
                }
                return detail;
            }
        } catch (IOException e) {
            // not JSON: the raw text below
        }
        return text;
    }

    private String seconds() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : java.math.BigDecimal.valueOf(millis, 3)
                .stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static ForgeFailure noAnswer(String method, URI url, String detail) {
        return new ForgeFailure(OptionalInt.empty(), method, url.toString(), detail, false);
    }

    /** Text of a field, or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A number field, or 0. */
    public static long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : 0;
    }

    @Override
    public void close() {
        client.close();
    }
}
