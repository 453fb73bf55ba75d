package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import dev.agenthub.testkit.ConcurrentRuns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's agents (wire spec agenthub §5, §6.1): create with defaults and validation, the list order, PATCH with
 * null as unchanged, and bootstrap (the four agents, its event, idempotence, and two bootstraps at once).
 */
class ProjectAgentsWireTest extends AutopilotWireTest {

    private static final String ROLE_EXPECTED = "'planner', 'coder', 'reviewer' or 'tester'";
    private static final String STATUS_EXPECTED = "'active' or 'paused'";

    private static Map<String, Object> agentBody(long id, long projectId, String name, String role, String status,
                                                 int maxParallel, String capabilities) {
        return ordered("id", id, "project_id", projectId, "name", name, "role", role, "status", status,
                "max_parallel_tasks", maxParallel, "capabilities", capabilities);
    }

    @Test
    void createAppliesTheDefaultsAndAnswersInFieldOrder() {
        long project = newProject();
        HttpProbe.Response created = post("/projects/" + project + "/agents", Map.of("name", "Forge", "role", "coder", "x", 1));
        assertBody(created, 200, agentBody(created.json().get("id").asLong(), project, "Forge", "coder", "active", 2, ""));
        HttpProbe.Response full = post("/projects/" + project + "/agents", Map.of("name", "Forge", "role", "tester",
                "status", "paused", "max_parallel_tasks", 20, "capabilities", "Smoke ✓"));
        assertBody(full, 200, agentBody(full.json().get("id").asLong(), project, "Forge", "tester", "paused", 20, "Smoke ✓"));
    }

    @Test
    void createValidatesEveryField() {
        String path = "/projects/" + newProject() + "/agents";
        assertBody(post(path, Map.of("name", "Forge", "role", "boss")), 422, violation("enum", List.of("body", "role"),
                "Input should be " + ROLE_EXPECTED, "boss", Map.of("expected", ROLE_EXPECTED)));
        assertBody(post(path, Map.of("name", "Forge", "role", "coder", "status", "asleep")), 422, violation("enum",
                List.of("body", "status"), "Input should be " + STATUS_EXPECTED, "asleep", Map.of("expected", STATUS_EXPECTED)));
        assertBody(post(path, Map.of("name", "Forge", "role", "coder", "max_parallel_tasks", 0)), 422,
                violation("greater_than_equal", List.of("body", "max_parallel_tasks"), "Input should be greater than or equal to 1",
                        0, Map.of("ge", 1)));
        assertBody(post(path, Map.of("name", "Forge", "role", "coder", "max_parallel_tasks", 21)), 422,
                violation("less_than_equal", List.of("body", "max_parallel_tasks"), "Input should be less than or equal to 20",
                        21, Map.of("le", 20)));
        assertBody(post(path, Map.of("name", "F", "role", "coder")), 422, violation("string_too_short",
                List.of("body", "name"), "String should have at least 2 characters", "F", Map.of("min_length", 2)));
        Map<String, Object> noRole = Map.of("name", "Forge");
        assertBody(post(path, noRole), 422, violation("missing", List.of("body", "role"), "Field required", noRole, null));
    }

    @Test
    void listIsByRoleTextThenCreation() {
        long project = newProject();
        List<Long> expected = new ArrayList<>();
        Map<String, Long> byName = new HashMap<>();
        try {
            for (String[] agent : new String[][]{{"tt", "tester"}, {"p1", "planner"}, {"c1", "coder"}, {"rr", "reviewer"}, {"c2", "coder"}}) {
                clock.advance(Duration.ofMillis(1));
                byName.put(agent[0], newAgent(project, agent[0], agent[1]).get("id").asLong());
            }
        } finally {
            clock.set(NOW);
        }
        for (String name : List.of("c1", "c2", "p1", "rr", "tt")) {
            expected.add(byName.get(name));
        }
        assertThat(ids(get("/projects/" + project + "/agents"))).containsExactlyElementsOf(expected);
        assertThat(ids(get("/projects/" + project + "/agents?limit=2&offset=1"))).containsExactly(expected.get(1), expected.get(2));
        assertThat(get("/projects/" + project + "/agents?limit=0").status()).isEqualTo(422);
    }

    @Test
    void patchChangesThePresentFieldsAndNullLeavesThemAlone() {
        long project = newProject();
        long id = newAgent(project, "Before", "reviewer").get("id").asLong();
        String path = "/projects/" + project + "/agents/" + id;
        assertBody(patch(path, Map.of("name", "After")), 200, agentBody(id, project, "After", "reviewer", "active", 2, ""));
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("name", null);
        nulls.put("status", "paused");
        nulls.put("max_parallel_tasks", 7);
        nulls.put("role", "coder"); // cannot be changed: ignored
        assertBody(patch(path, nulls), 200, agentBody(id, project, "After", "reviewer", "paused", 7, ""));
        Map<String, Object> allNull = new HashMap<>();
        allNull.put("name", null);
        allNull.put("status", null);
        allNull.put("max_parallel_tasks", null);
        assertBody(patch(path, allNull), 200, agentBody(id, project, "After", "reviewer", "paused", 7, ""));
        assertBody(patch(path, Map.of()), 200, agentBody(id, project, "After", "reviewer", "paused", 7, ""));
    }

    @Test
    void patchValidatesAndFindsTheAgentInThisProjectOnly() {
        long project = newProject();
        long other = newProject();
        long foreign = newAgent(other, "Elsewhere", "coder").get("id").asLong();
        long id = newAgent(project, "Mine", "coder").get("id").asLong();
        assertDetail(patch("/projects/" + project + "/agents/" + foreign, Map.of("name", "Stolen")), 404, "Agent not found");
        assertDetail(patch("/projects/" + project + "/agents/999999999", Map.of()), 404, "Agent not found");
        assertDetail(patch("/projects/999999999/agents/" + id, Map.of()), 404, "Project not found");
        assertBody(patch("/projects/" + project + "/agents/abc", Map.of()), 422, pathIntError("agent_id", "abc"));
        assertBody(patch("/projects/" + project + "/agents/" + id, Map.of("status", "gone")), 422, violation("enum",
                List.of("body", "status"), "Input should be " + STATUS_EXPECTED, "gone", Map.of("expected", STATUS_EXPECTED)));
        assertBody(patch("/projects/" + project + "/agents/" + id, Map.of("max_parallel_tasks", 21)), 422,
                violation("less_than_equal", List.of("body", "max_parallel_tasks"), "Input should be less than or equal to 20",
                        21, Map.of("le", 20)));
        assertBody(patch("/projects/" + project + "/agents/" + id, Map.of("name", "x")), 422, violation("string_too_short",
                List.of("body", "name"), "String should have at least 2 characters", "x", Map.of("min_length", 2)));
        assertThat(get("/projects/" + other + "/agents").json().get(0).get("name").asText()).isEqualTo("Elsewhere");
    }

    @Test
    void bootstrapCreatesTheFourAgentsAndLogsOneEvent() {
        long project = newProject();
        HttpProbe.Response boot = post("/projects/" + project + "/bootstrap", null);
        assertThat(boot.status()).as(boot.body()).isEqualTo(200);
        JsonNode agents = boot.json().get("created_agents");
        List<Object> expected = new ArrayList<>();
        String[][] team = {
                {"Atlas Planner", "planner", "Task decomposition, risk identification, roadmap updates"},
                {"Forge Coder", "coder", "Code synthesis, refactors, implementation"},
                {"Sentinel Reviewer", "reviewer", "Static review, design regression checks"},
                {"Probe Tester", "tester", "Test strategy, smoke validation, release readiness"}};
        for (int i = 0; i < 4; i++) {
            expected.add(agentBody(agents.get(i).get("id").asLong(), project, team[i][0], team[i][1], "active", 2, team[i][2]));
        }
        assertBody(boot, 200, Map.of("created_agents", expected));
        HttpProbe.Response events = get("/projects/" + project + "/events");
        assertBody(events, 200, List.of(ordered("id", events.json().get(0).get("id").asLong(), "project_id", project,
                "event_type", "project_bootstrapped", "payload_json", "{\"agent_count\": 4}", "created_at", NOW_NAIVE)));

        // again: the same agents, nothing new, no second event
        assertBody(post("/projects/" + project + "/bootstrap", null), 200, Map.of("created_agents", expected));
        assertThat(get("/projects/" + project + "/events").json()).hasSize(1);
        assertThat(get("/projects/" + project + "/agents").json()).hasSize(4);
    }

    @Test
    void bootstrapReturnsExistingAgentsWithoutCreatingAny() {
        long project = newProject();
        JsonNode mine = newAgent(project, "Solo", "tester");
        assertBody(post("/projects/" + project + "/bootstrap", null), 200, Map.of("created_agents",
                List.of(agentBody(mine.get("id").asLong(), project, "Solo", "tester", "active", 2, ""))));
        assertBody(get("/projects/" + project + "/events"), 200, "[]");
    }

    @Test
    void twoBootstrapsAtOnceCreateOneTeam() throws Exception {
        long project = newProject();
        ConcurrentLinkedQueue<HttpProbe.Response> responses = new ConcurrentLinkedQueue<>();
        ConcurrentRuns.run(4, thread -> responses.add(post("/projects/" + project + "/bootstrap", null)));
        List<Long> firstIds = null;
        for (HttpProbe.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<Long> ids = new ArrayList<>();
            response.json().get("created_agents").forEach(agent -> ids.add(agent.get("id").asLong()));
            assertThat(ids).hasSize(4);
            if (firstIds == null) {
                firstIds = ids;
            }
            assertThat(ids).isEqualTo(firstIds);
        }
        assertThat(get("/projects/" + project + "/agents").json()).hasSize(4);
        assertThat(get("/projects/" + project + "/events").json()).hasSize(1);
    }

    @Test
    void unknownProjectsAndNonIntegerIds() {
        for (String path : List.of("/projects/999999999/agents", "/projects/99999999999999999999999/agents")) {
            assertDetail(get(path), 404, "Project not found");
        }
        assertDetail(post("/projects/999999999/agents", Map.of("name", "Forge", "role", "coder")), 404, "Project not found");
        assertDetail(post("/projects/999999999/bootstrap", null), 404, "Project not found");
        assertBody(get("/projects/abc/agents"), 422, pathIntError("project_id", "abc"));
        assertBody(post("/projects/1.5/agents", Map.of("name", "Forge", "role", "coder")), 422, pathIntError("project_id", "1.5"));
        assertBody(post("/projects/x/bootstrap", null), 422, pathIntError("project_id", "x"));
    }
}
