package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.orchestration.webhooks.WebhookDelivery;
import dev.agenthub.orchestration.webhooks.WebhookSignature;
import dev.agenthub.persistence.orchestration.JooqWebhookDeliveryStore;
import dev.agenthub.persistence.sql.JooqTransactionRunner;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the {@code POST /webhooks/github} tests (wire spec agenthub §9): real hubs on random ports over the class's
 * PostgreSQL database, deliveries sent as raw bytes over real HTTP, and the dedup table read back through its store.
 */
@ExtendWith(TestInfrastructure.class)
abstract class GitHubWebhookHubTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "it-webhook-secret";

    @TempDir
    Path scratch;
    TestDatabase database;
    DSLContext dsl;
    JooqWebhookDeliveryStore deliveries;
    final List<AgentHub> hubs = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void database(TestDatabase database) {
        this.database = database;
        dsl = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
        deliveries = new JooqWebhookDeliveryStore(new JooqTransactionRunner(dsl));
    }

    @AfterEach
    void stopHubs() {
        hubs.forEach(AgentHub::close);
    }

    /** A started hub; {@code environment} adds to or overrides the defaults. */
    String hub(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("AGENT_HUB_WORKSPACES", scratch.resolve("workspaces").toString());
        AgentHub hub = V1Hubs.start(database, Clock.systemUTC(), variables);
        hubs.add(hub);
        return hub.url();
    }

    /** One HTTP answer. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    /** POSTs {@code body} to {@code /webhooks/github} with exactly {@code headers}. */
    Answer post(String hub, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub + "/webhooks/github"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("POST /webhooks/github failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A delivery with the event and id headers, signed with {@link #SECRET}. */
    Answer deliver(String hub, String event, String deliveryId, byte[] body) {
        return post(hub, body, Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", "sha256=" + WebhookSignature.hex(SECRET, body)));
    }

    Answer deliver(String hub, String event, String deliveryId, Object payload) {
        return deliver(hub, event, deliveryId, bytes(payload));
    }

    static byte[] bytes(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String delivery() {
        return "delivery-" + UUID.randomUUID();
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A map keeping the order of its key/value pairs; null values allowed. */
    static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The §9.2 response, with all seven keys. */
    static Map<String, Object> outcome(String action, String event, Long projectId, Long issueNumber, Long jobId,
                                       String objective, String reason) {
        return ordered("action", action, "event", event, "project_id", projectId, "issue_number", issueNumber,
                "job_id", jobId, "objective", objective, "reason", reason);
    }

    static void assertAnswer(Answer answer, int status, Map<String, Object> body) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        // through text, so 9 and 9L compare equal
        assertThat(answer.json()).isEqualTo(new Answer(status, new String(bytes(body), StandardCharsets.UTF_8)).json());
    }

    static void assertDetail(Answer answer, int status, String detail) {
        assertAnswer(answer, status, ordered("detail", detail));
    }

    WebhookDelivery stored(String deliveryId) {
        return deliveries.find(deliveryId).orElseThrow(() -> new AssertionError("no delivery " + deliveryId));
    }

    /** Creates a project over HTTP with this {@code repo_url}; its id. */
    long project(String hub, String repoUrl) {
        HttpProbe http = new HttpProbe(hub);
        HttpProbe.Response response = http.send("POST", "/projects",
                JSON.valueToTree(ordered("name", unique("webhook-"), "repo_url", repoUrl)).toString(),
                Map.of("Content-Type", "application/json"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asLong();
    }

    static JsonNode get(String hub, String path) {
        HttpProbe.Response response = new HttpProbe(hub).get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** A {@code repository} object of a payload. */
    static Map<String, Object> repository(String owner, String name) {
        return ordered("name", name, "full_name", owner + "/" + name, "owner", ordered("login", owner),
                "html_url", "https://github.com/" + owner + "/" + name,
                "clone_url", "https://github.com/" + owner + "/" + name + ".git",
                "ssh_url", "git@github.com:" + owner + "/" + name + ".git",
                "url", "https://api.github.com/repos/" + owner + "/" + name);
    }

    static Map<String, Object> issuesPayload(String action, Map<String, Object> repository, long number,
                                             String title, String body) {
        return ordered("action", action, "repository", repository,
                "issue", ordered("number", number, "title", title, "body", body,
                        "html_url", "https://github.com/x/y/issues/" + number),
                "sender", ordered("login", "octocat"));
    }

    static Map<String, Object> commentPayload(String action, Map<String, Object> repository, String body,
                                              String association) {
        return ordered("action", action, "repository", repository,
                "issue", ordered("number", 7, "title", "A bug"),
                "comment", ordered("body", body, "author_association", association),
                "sender", ordered("login", "maintainer"));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
