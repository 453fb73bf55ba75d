package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;

import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame of an Agent Hub ({@code /projects…}) wire test: the real hub of {@link V1HubTest} with the gates off,
 * helpers to send JSON and to build expected bodies in field order. Each test uses its own projects.
 */
abstract class AutopilotWireTest extends V1HubTest {

    /** The hub clock's start as the wire writes it (naive UTC, microseconds). */
    static final String NOW_NAIVE = "2026-02-07T11:14:49.123456";

    /** Every test starts at {@link #NOW}, whatever the previous one did to the clock. */
    @BeforeEach
    void resetClock() {
        clock.set(NOW);
    }

    HttpProbe.Response get(String path) {
        return client.get(path, Map.of());
    }

    HttpProbe.Response post(String path, Object body) {
        return client.post(path, body == null ? null : body instanceof String text ? text : V1Client.json(body), Map.of());
    }

    HttpProbe.Response patch(String path, Object body) {
        return client.patch(path, body instanceof String text ? text : V1Client.json(body), Map.of());
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        return V1Client.ordered(keysAndValues);
    }

    static void assertBody(HttpProbe.Response response, int status, Object expected) {
        V1Client.assertBody(response, status, expected instanceof String text ? text : V1Client.json(expected));
    }

    static void assertJson(JsonNode node, Object expected) {
        assertThat(V1Client.canonical(node.toString())).isEqualTo(V1Client.canonical(V1Client.json(expected)));
    }

    static void assertDetail(HttpProbe.Response response, int status, String detail) {
        assertBody(response, status, Map.of("detail", detail));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new project with a remote repo URL; returns its id. */
    long newProject() {
        return newProject(unique("proj"));
    }

    long newProject(String name) {
        HttpProbe.Response created = post("/projects", Map.of("name", name, "repo_url", "https://example.test/" + name + ".git"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asLong();
    }

    /** A new agent of the project; returns its body. */
    JsonNode newAgent(long projectId, String name, String role) {
        HttpProbe.Response created = post("/projects/" + projectId + "/agents", Map.of("name", name, "role", role));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json();
    }

    /** The {@code id}s of a bare-array response, in order. */
    static List<Long> ids(HttpProbe.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new java.util.ArrayList<>();
        response.json().forEach(node -> ids.add(node.get("id").asLong()));
        return ids;
    }

    /** A pydantic validation error body with one element. */
    static Map<String, Object> violation(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {
        Map<String, Object> element = ordered("type", type, "loc", loc, "msg", msg, "input", input);
        if (ctx != null) {
            element.put("ctx", ctx);
        }
        return Map.of("detail", List.of(element));
    }

    static Map<String, Object> pathIntError(String name, String input) {
        return violation("int_parsing", List.of("path", name),
                "Input should be a valid integer, unable to parse string as an integer", input, null);
    }
}
