package dev.agenthub.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.support.HttpProbe.Response;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A thin client of the {@code /v1} API for tests: JSON requests with or without a bearer key. */
public final class V1Client {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpProbe http;

    public V1Client(String baseUrl) {
        this.http = new HttpProbe(baseUrl);
    }

    public HttpProbe http() {
        return http;
    }

    /** An identity minted by {@code POST /v1/init}. */
    public record Identity(String apiKey, String agentId, String alias, String projectId, String projectSlug) {
        public Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    /** Inits {@code alias} (null: allocated) in project {@code slug}, asserting success. */
    public Identity init(String slug, String alias) {
        return init(slug, alias, "ephemeral");
    }

    public Identity init(String slug, String alias, String lifetime) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project_slug", slug);
        body.put("alias", alias);
        body.put("lifetime", lifetime);
        Response response = post("/v1/init", json(body), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode node = response.json();
        return new Identity(node.get("api_key").asText(), node.get("agent_id").asText(), node.get("alias").asText(),
                node.get("project_id").asText(), node.get("project_slug").asText());
    }

    /** Inits with the whole request {@code body} (e.g. with {@code human_name}), asserting success. */
    public Identity initWith(Map<String, ?> body) {
        Response response = post("/v1/init", json(body), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode node = response.json();
        return new Identity(node.get("api_key").asText(), node.get("agent_id").asText(), node.get("alias").asText(),
                node.get("project_id").asText(), node.get("project_slug").asText());
    }

    /** Any method; a non-null {@code body} is sent as JSON unless the headers name another content type. */
    public Response send(String method, String path, String body, Map<String, String> headers) {
        return http.send(method, path, body, body == null ? headers : withJson(headers));
    }

    public Response get(String path, Map<String, String> headers) {
        return http.send("GET", path, null, headers);
    }

    public Response post(String path, String body, Map<String, String> headers) {
        return http.send("POST", path, body, withJson(headers));
    }

    public Response patch(String path, String body, Map<String, String> headers) {
        return http.send("PATCH", path, body, withJson(headers));
    }

    public Response delete(String path, Map<String, String> headers) {
        return http.send("DELETE", path, null, headers);
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return all;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts that {@code response} has {@code status} and exactly the body {@code expectedJson}: the same
     * keys in the same order with the same values.
     */
    public static void assertBody(Response response, int status, String expectedJson) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(canonical(response.body())).isEqualTo(canonical(expectedJson));
    }

    /** An insertion-ordered map from alternating keys and values (values may be null): an expected JSON object. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Re-serialises JSON text compactly (key order kept), so bodies compare as text. */
    public static String canonical(String jsonText) {
        try {
            return JSON.writeValueAsString(JSON.readTree(jsonText));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + jsonText, e);
        }
    }
}
