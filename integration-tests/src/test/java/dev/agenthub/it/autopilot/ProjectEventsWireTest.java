package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /projects/{project_id}/events} (wire spec agenthub §5): newest first, paged, per project. */
class ProjectEventsWireTest extends AutopilotWireTest {

    @Test
    void eventsAreNewestFirstPerProjectAndPage() {
        long first = newProject();
        long second = newProject();
        post("/projects/" + first + "/bootstrap", null);
        clock.advance(Duration.ofSeconds(2));
        post("/projects/" + second + "/bootstrap", null);
        clock.set(NOW);
        HttpProbe.Response events = get("/projects/" + second + "/events");
        assertBody(events, 200, List.of(ordered("id", events.json().get(0).get("id").asLong(), "project_id", second,
                "event_type", "project_bootstrapped", "payload_json", "{\"agent_count\": 4}",
                "created_at", "2026-02-07T11:14:51.123456")));
        assertThat(get("/projects/" + first + "/events").json()).hasSize(1);
        assertBody(get("/projects/" + first + "/events?offset=1"), 200, "[]");
        assertThat(get("/projects/" + first + "/events?limit=1").json()).hasSize(1);
    }

    @Test
    void pagingAndPathAreValidatedAndUnknownProjectsAre404() {
        long project = newProject();
        assertThat(get("/projects/" + project + "/events?limit=0").status()).isEqualTo(422);
        assertThat(get("/projects/" + project + "/events?limit=5001").status()).isEqualTo(422);
        assertDetail(get("/projects/999999999/events"), 404, "Project not found");
        assertDetail(get("/projects/-3/events"), 404, "Project not found");
        assertBody(get("/projects/ev/events"), 422, pathIntError("project_id", "ev"));
    }
}
