package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.it.support.V1Hubs;
import dev.agenthub.persistence.testing.TestDatabase;
import dev.agenthub.persistence.testing.TestInfrastructure;
import dev.agenthub.server.AgentHub;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the autopilot end-to-end tests: real hubs on random ports over the class's PostgreSQL database, a real
 * bare git remote per test (the project's {@code repo_url}), and a real HTTP client.
 */
@ExtendWith(TestInfrastructure.class)
abstract class AutopilotHubTest {

    static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @TempDir
    Path scratch;
    TestDatabase database;
    GitRemote remote;
    final List<AgentHub> hubs = new ArrayList<>();

    @BeforeEach
    void remote(TestDatabase database) {
        this.database = database;
        remote = GitRemote.seeded(scratch);
    }

    @AfterEach
    void stopHubs() {
        hubs.forEach(AgentHub::close);
    }

    /** A started hub whose workspaces live in this test's scratch directory. */
    HttpProbe hub(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.putIfAbsent("AGENT_HUB_WORKSPACES", workspaces().toString());
        AgentHub hub = V1Hubs.start(database, Clock.systemUTC(), variables);
        hubs.add(hub);
        return new HttpProbe(hub.url());
    }

    Path workspaces() {
        return scratch.resolve("workspaces");
    }

    /** The hub's clone of project {@code projectId}. */
    GitRemote workspace(long projectId) {
        return GitRemote.at(workspaces().resolve("project-" + projectId));
    }

    static JsonNode ok(HttpProbe.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode post(HttpProbe http, String path, String body) {
        return ok(http.send("POST", path, body, JSON));
    }

    /** A project on the test's remote, bootstrapped with the four default agents. */
    long project(HttpProbe http) {
        JsonNode project = post(http, "/projects", "{\"name\":\"demo-" + UUID.randomUUID() + "\",\"repo_url\":\""
                + remote.path().replace("\\", "\\\\") + "\"}");
        long id = project.get("id").asLong();
        post(http, "/projects/" + id + "/bootstrap", "{}");
        return id;
    }

    /** Three backlog items from one objective. */
    static List<Long> objective(HttpProbe http, long projectId) {
        JsonNode created = post(http, "/projects/" + projectId + "/objectives",
                "{\"objective\":\"Add a health endpoint. Add request metrics; Document the API\","
                        + "\"max_work_items\":3}");
        List<Long> ids = new ArrayList<>();
        created.get("created_items").forEach(item -> ids.add(item.get("id").asLong()));
        assertThat(ids).hasSize(3);
        return ids;
    }

    static JsonNode run(HttpProbe http, long projectId, int maxItems) {
        return post(http, "/projects/" + projectId + "/autopilot/run", "{\"max_items\":" + maxItems + "}");
    }

    static void policy(HttpProbe http, long projectId, String patch) {
        ok(http.send("PATCH", "/projects/" + projectId + "/policy", patch, JSON));
    }

    /** The project's events, oldest first, as {@code type payload_json}. */
    static List<String> events(HttpProbe http, long projectId) {
        JsonNode events = ok(http.get("/projects/" + projectId + "/events?limit=200"));
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.add(0, e.get("event_type").asText() + " " + e.get("payload_json").asText()));
        return lines;
    }

    static List<String> types(HttpProbe http, long projectId) {
        return events(http, projectId).stream().map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    static JsonNode item(HttpProbe http, long projectId, long itemId) {
        for (JsonNode item : ok(http.get("/projects/" + projectId + "/work-items?limit=200"))) {
            if (item.get("id").asLong() == itemId) {
                return item;
            }
        }
        throw new AssertionError("no work item " + itemId);
    }

    static List<String> statuses(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.get("status").asText()));
        return out;
    }
}
