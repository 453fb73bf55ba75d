package dev.agenthub.it.autopilot;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.runs.AgentRun;
import dev.agenthub.orchestration.runs.RunStatus;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /projects/{id}/runs} (wire spec agenthub §4 AgentRunRead, §5). */
class RunsWireTest extends CatalogWireTest {

    private long workItem(long projectId) {
        return workItems.insertAll(projectId, List.of(new NewWorkItem("Scope: x", "d", 1, "system", "o")), NOW)
                .getFirst().id();
    }

    private static Map<String, Object> read(AgentRun r, String status, String createdAt) {
        return ordered("id", r.id(), "project_id", r.projectId(), "work_item_id", r.workItemId(),
                "agent_id", r.agentId().orElseThrow(), "status", status, "summary", r.summary(),
                "tests_passed", r.testsPassed(), "created_at", createdAt, "updated_at", createdAt);
    }

    @Test
    void listsNewestFirstWithoutThePatch() {
        Project project = project("runs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        long item = workItem(project.id());
        AgentRun failed = runs.insert(project.id(), item, coder.id(), RunStatus.FAILED,
                "Git-backed execution failed: boom", "", false, NOW);
        AgentRun completed = runs.insert(project.id(), item, coder.id(), RunStatus.COMPLETED,
                "Forge Coder completed git-backed implementation for work item #" + item + ".", "diff --git a b", true,
                NOW.plusSeconds(61));
        Project other = project("other");
        runs.insert(other.id(), workItem(other.id()), agent(other.id(), "C", AgentRole.CODER, AgentStatus.ACTIVE).id(),
                RunStatus.COMPLETED, "theirs", "", true, NOW);
        assertBody(get("/projects/" + project.id() + "/runs"), 200, List.of(
                read(completed, "completed", "2026-02-07T11:15:50.123456"),
                read(failed, "failed", "2026-02-07T11:14:49.123456")));
    }

    @Test
    void filtersByStatusAndPages() {
        Project project = project("runs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        long item = workItem(project.id());
        runs.insert(project.id(), item, coder.id(), RunStatus.COMPLETED, "a", "", true, NOW);
        runs.insert(project.id(), item, coder.id(), RunStatus.FAILED, "b", "", false, NOW.plusSeconds(1));
        runs.insert(project.id(), item, coder.id(), RunStatus.COMPLETED, "c", "", true, NOW.plusSeconds(2));
        String path = "/projects/" + project.id() + "/runs";
        assertThat(get(path + "?status=completed").json().findValuesAsText("summary")).containsExactly("c", "a");
        assertThat(get(path + "?status=failed").json().findValuesAsText("summary")).containsExactly("b");
        assertThat(get(path + "?status=queued").json()).isEmpty();
        assertThat(get(path + "?limit=1&offset=1").json().findValuesAsText("summary")).containsExactly("b");
    }

    @Test
    void aBadStatusIsA422AndTheProjectMustExist() {
        Project project = project("runs");
        assertBody(get("/projects/" + project.id() + "/runs?status=done"), 422, ordered("detail", List.of(
                ordered("type", "enum", "loc", List.of("query", "status"),
                        "msg", "Input should be 'queued', 'running', 'completed' or 'failed'", "input", "done",
                        "ctx", ordered("expected", "'queued', 'running', 'completed' or 'failed'")))));
        assertThat(get("/projects/one/runs").status()).isEqualTo(422);
        assertDetail(get("/projects/999999999/runs"), 404, "Project not found");
        assertThat(get("/projects/999999999/runs?status=done").status()).isEqualTo(422);
    }
}
