package dev.agenthub.it.autopilot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.events.ProjectEvent;
import dev.agenthub.orchestration.policy.PolicySettings;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.workitems.WorkItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /projects/{id}/objectives} (wire spec agenthub §5, §6.2). */
class ObjectivesWireTest extends CatalogWireTest {

    private static final String DELIVER = "Deliver code changes, tests, and docs through autonomous agent workflow.";

    private static Map<String, Object> item(long id, long projectId, String title, String fragment, int priority,
                                            String objective) {
        return ordered("id", id, "project_id", projectId, "title", title,
                "description", "Objective fragment: " + fragment + "\n" + DELIVER, "status", "backlog",
                "priority", priority, "assigned_agent_id", null, "source_objective", objective);
    }

    @Test
    void anObjectiveBecomesBacklogItemsAndAnEvent() {
        Project project = project("objectives");
        String objective = "Add login page. Add logout button;\nWrite the docs";
        Response response = post("/projects/" + project.id() + "/objectives",
                ordered("objective", objective, "max_work_items", 3, "created_by", "alice", "unknown_key", 1));
        JsonNode created = response.json().get("created_items");
        long first = created.get(0).get("id").asLong();
        assertBody(response, 200, ordered("objective", objective, "created_items", List.of(
                item(first, project.id(), "Scope: Add login page", "Add login page", 1, objective),
                item(created.get(1).get("id").asLong(), project.id(), "Implement: Add logout button",
                        "Add logout button", 2, objective),
                item(created.get(2).get("id").asLong(), project.id(), "Implement: Write the docs", "Write the docs",
                        3, objective))));
        assertThat(created.get(1).get("id").asLong()).isGreaterThan(first);
        List<WorkItem> stored = workItems.list(project.id(), Optional.empty(), new PageSlice(50, 0));
        assertThat(stored).extracting(WorkItem::createdBy).containsOnly("alice");
        assertThat(stored).extracting(WorkItem::createdAt).containsOnly(NOW);
        assertThat(events.list(project.id(), new PageSlice(50, 0))).extracting(ProjectEvent::eventType,
                ProjectEvent::payloadJson).containsExactly(org.assertj.core.groups.Tuple.tuple("objective_ingested",
                "{\"objective\": \"Add login page. Add logout button;\\nWrite the docs\", \"created_items\": 3}"));
    }

    @Test
    void defaultsAreFourItemsBySystem() {
        Project project = project("objectives");
        Response response = post("/projects/" + project.id() + "/objectives",
                ordered("objective", "one. two. three. four. five. six"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("created_items")).extracting(node -> node.get("title").asText())
                .containsExactly("Scope: one", "Implement: two", "Implement: three", "Implement: four");
        assertThat(workItems.list(project.id(), Optional.empty(), new PageSlice(50, 0)))
                .extracting(WorkItem::createdBy).containsOnly("system");
    }

    @Test
    void withoutAutoTriageTheWholeObjectiveIsOneItem() {
        Project project = project("objectives");
        policies.update(project.id(), new PolicySettings(false, true, true, true, 1, true));
        String objective = "  Add login page. Add logout button  ";
        Response response = post("/projects/" + project.id() + "/objectives", ordered("objective", objective));
        assertBody(response, 200, ordered("objective", objective, "created_items", List.of(
                item(response.json().get("created_items").get(0).get("id").asLong(), project.id(),
                        "Scope: Add login page. Add logout button", "Add login page. Add logout button", 1,
                        objective))));
        assertThat(events.list(project.id(), new PageSlice(50, 0)).getFirst().payloadJson())
                .isEqualTo("{\"objective\": \"  Add login page. Add logout button  \", \"created_items\": 1}");
    }

    @Test
    void theBodyIsValidatedFieldByField() {
        Project project = project("objectives");
        String path = "/projects/" + project.id() + "/objectives";
        assertBody(post(path, ordered("objective", "too short", "max_work_items", 13, "created_by", "x".repeat(81))),
                422, ordered("detail", List.of(
                        ordered("type", "string_too_short", "loc", List.of("body", "objective"),
                                "msg", "String should have at least 10 characters", "input", "too short",
                                "ctx", ordered("min_length", 10)),
                        ordered("type", "less_than_equal", "loc", List.of("body", "max_work_items"),
                                "msg", "Input should be less than or equal to 12", "input", 13,
                                "ctx", ordered("le", 12)),
                        ordered("type", "string_too_long", "loc", List.of("body", "created_by"),
                                "msg", "String should have at most 80 characters", "input", "x".repeat(81),
                                "ctx", ordered("max_length", 80)))));
        assertBody(post(path, ordered("max_work_items", 0, "created_by", null)), 422, ordered("detail", List.of(
                ordered("type", "missing", "loc", List.of("body", "objective"), "msg", "Field required",
                        "input", ordered("max_work_items", 0, "created_by", null)),
                ordered("type", "greater_than_equal", "loc", List.of("body", "max_work_items"),
                        "msg", "Input should be greater than or equal to 1", "input", 0, "ctx", ordered("ge", 1)),
                ordered("type", "string_type", "loc", List.of("body", "created_by"),
                        "msg", "Input should be a valid string", "input", null))));
        assertThat(post(path, "").status()).isEqualTo(422);
        assertThat(workItems.list(project.id(), Optional.empty(), new PageSlice(50, 0))).isEmpty();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        Project project = project("objectives");
        Response response = post("/projects/" + project.id() + "/objectives",
                ordered("objective", "0123456789", "max_work_items", 12, "created_by", "y".repeat(80)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("created_items")).hasSize(1);
    }

    @Test
    void theProjectMustBeAnIntegerAndExist() {
        assertBody(post("/projects/abc/objectives", ordered("objective", "long enough objective")), 422,
                ordered("detail", List.of(ordered("type", "int_parsing", "loc", List.of("path", "project_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer",
                        "input", "abc"))));
        assertDetail(post("/projects/999999999/objectives", ordered("objective", "long enough objective")), 404,
                "Project not found");
        // validation comes before the lookup
        assertThat(post("/projects/999999999/objectives", ordered("objective", "short")).status()).isEqualTo(422);
    }
}
