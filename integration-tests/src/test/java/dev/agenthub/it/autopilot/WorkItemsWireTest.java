package dev.agenthub.it.autopilot;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.common.PageSlice;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /projects/{id}/work-items} and {@code PATCH …/work-items/{wid}/assign} (wire spec agenthub §5). */
class WorkItemsWireTest extends CatalogWireTest {

    private static NewWorkItem item(String title, int priority) {
        return new NewWorkItem(title, "about " + title, priority, "system", "the objective");
    }

    private static Map<String, Object> read(WorkItem w, String status, Long agentId) {
        return ordered("id", w.id(), "project_id", w.projectId(), "title", w.title(), "description", w.description(),
                "status", status, "priority", w.priority(), "assigned_agent_id", agentId,
                "source_objective", w.sourceObjective());
    }

    private List<String> titles(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().findValuesAsText("title");
    }

    @Test
    void listsByPriorityThenCreationInTheWireShape() {
        Project project = project("items");
        WorkItem late = workItems.insertAll(project.id(), List.of(item("late p1", 1)), NOW.plusSeconds(5)).getFirst();
        List<WorkItem> early = workItems.insertAll(project.id(), List.of(item("early p2", 2), item("early p1", 1)), NOW);
        workItems.insertAll(project("other").id(), List.of(item("theirs", 1)), NOW);
        assertBody(get("/projects/" + project.id() + "/work-items"), 200,
                List.of(read(early.get(1), "backlog", null), read(late, "backlog", null),
                        read(early.get(0), "backlog", null)));
    }

    @Test
    void filtersByStatusAndPages() {
        Project project = project("items");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        List<WorkItem> items = workItems.insertAll(project.id(),
                List.of(item("a", 1), item("b", 2), item("c", 3), item("d", 4)), NOW);
        workItems.claim(project.id(), items.get(1).id(), coder.id(), "job:1", NOW.plusSeconds(60), NOW);
        String path = "/projects/" + project.id() + "/work-items";
        assertThat(titles(get(path + "?status=backlog"))).containsExactly("a", "c", "d");
        assertThat(titles(get(path + "?status=in_progress"))).containsExactly("b");
        assertThat(titles(get(path + "?status=done"))).isEmpty();
        assertThat(titles(get(path + "?limit=2&offset=1"))).containsExactly("b", "c");
        assertThat(titles(get(path + "?status=backlog&limit=1&offset=2"))).containsExactly("d");
        assertThat(titles(get(path + "?offset=4"))).isEmpty();
    }

    @Test
    void thePageSizeDefaultsTo50AndIsCappedAt200() {
        Project project = project("items");
        workItems.insertAll(project.id(), IntStream.range(0, 201).mapToObj(i -> item("i" + i, 1)).toList(), NOW);
        String path = "/projects/" + project.id() + "/work-items";
        assertThat(get(path).json()).hasSize(50);
        assertThat(get(path + "?limit=5000").json()).hasSize(200);
    }

    @Test
    void aBadStatusOrPageIsOne422() {
        Project project = project("items");
        assertBody(get("/projects/" + project.id() + "/work-items?status=open&limit=0&offset=-1"), 422,
                ordered("detail", List.of(
                        ordered("type", "enum", "loc", List.of("query", "status"),
                                "msg", "Input should be 'backlog', 'in_progress', 'review' or 'done'", "input", "open",
                                "ctx", ordered("expected", "'backlog', 'in_progress', 'review' or 'done'")),
                        ordered("type", "greater_than_equal", "loc", List.of("query", "limit"),
                                "msg", "Input should be greater than or equal to 1", "input", "0", "ctx", ordered("ge", 1)),
                        ordered("type", "greater_than_equal", "loc", List.of("query", "offset"),
                                "msg", "Input should be greater than or equal to 0", "input", "-1",
                                "ctx", ordered("ge", 0)))));
        assertThat(get("/projects/" + project.id() + "/work-items?status=").status()).isEqualTo(422);
        assertThat(get("/projects/" + project.id() + "/work-items?status=BACKLOG").status()).isEqualTo(422);
        assertThat(get("/projects/" + project.id() + "/work-items?limit=5001").status()).isEqualTo(422);
    }

    @Test
    void theProjectMustBeAnIntegerAndExist() {
        assertThat(get("/projects/x1/work-items").status()).isEqualTo(422);
        assertDetail(get("/projects/999999999/work-items"), 404, "Project not found");
    }

    @Test
    void assignsAPausedAgentWithoutChangingStatusOrLogging() {
        Project project = project("assign");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        Agent paused = agent(project.id(), "Idle Coder", AgentRole.CODER, AgentStatus.PAUSED);
        List<WorkItem> items = workItems.insertAll(project.id(), List.of(item("a", 1), item("b", 2)), NOW);
        WorkItem claimed = workItems.claim(project.id(), items.get(1).id(), coder.id(), "job:1", NOW.plusSeconds(60),
                NOW).orElseThrow();
        assertBody(patch("/projects/" + project.id() + "/work-items/" + items.get(0).id() + "/assign",
                ordered("agent_id", paused.id(), "ignored", true)), 200, read(items.get(0), "backlog", paused.id()));
        assertBody(patch("/projects/" + project.id() + "/work-items/" + claimed.id() + "/assign",
                ordered("agent_id", paused.id())), 200, read(claimed, "in_progress", paused.id()));
        assertThat(workItems.find(project.id(), claimed.id()).orElseThrow().claimedBy()).contains("job:1");
        assertThat(events.list(project.id(), new PageSlice(50, 0))).isEmpty();
        assertThat(get("/projects/" + project.id() + "/work-items?status=backlog").json().get(0)
                .get("assigned_agent_id").asLong()).isEqualTo(paused.id());
    }

    @Test
    void theItemAndTheAgentMustBeOfTheProject() {
        Project project = project("assign");
        Project other = project("other");
        Agent ours = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        Agent theirs = agent(other.id(), "Their Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        WorkItem item = workItems.insertAll(project.id(), List.of(item("a", 1)), NOW).getFirst();
        WorkItem theirItem = workItems.insertAll(other.id(), List.of(item("b", 1)), NOW).getFirst();
        String base = "/projects/" + project.id() + "/work-items/";
        assertDetail(patch(base + theirItem.id() + "/assign", ordered("agent_id", ours.id())), 404,
                "Work item not found");
        assertDetail(patch(base + "999999999/assign", ordered("agent_id", ours.id())), 404, "Work item not found");
        assertDetail(patch(base + item.id() + "/assign", ordered("agent_id", theirs.id())), 404,
                "Agent not found for this project");
        assertDetail(patch(base + item.id() + "/assign", ordered("agent_id", 999999999)), 404,
                "Agent not found for this project");
        assertDetail(patch("/projects/999999999/work-items/" + item.id() + "/assign", ordered("agent_id", ours.id())),
                404, "Project not found");
        assertThat(workItems.find(project.id(), item.id()).orElseThrow().assignedAgentId()).isEmpty();
    }

    @Test
    void theAssignmentIsValidated() {
        Project project = project("assign");
        WorkItem item = workItems.insertAll(project.id(), List.of(item("a", 1)), NOW).getFirst();
        String path = "/projects/" + project.id() + "/work-items/" + item.id() + "/assign";
        assertBody(patch(path, ordered("agent", 1)), 422, ordered("detail", List.of(
                ordered("type", "missing", "loc", List.of("body", "agent_id"), "msg", "Field required",
                        "input", ordered("agent", 1)))));
        assertBody(patch(path, ordered("agent_id", "abc")), 422, ordered("detail", List.of(
                ordered("type", "int_parsing", "loc", List.of("body", "agent_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer",
                        "input", "abc"))));
        assertBody(patch("/projects/" + project.id() + "/work-items/first/assign", ordered("agent_id", 1)), 422,
                ordered("detail", List.of(ordered("type", "int_parsing", "loc", List.of("path", "work_item_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer",
                        "input", "first"))));
        // validation comes before the lookups
        assertThat(patch("/projects/999999999/work-items/1/assign", ordered("agent", 1)).status()).isEqualTo(422);
    }

}
