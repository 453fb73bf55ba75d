package dev.agenthub.it.autopilot;

import dev.agenthub.http.autopilot.AutopilotJson;
import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import dev.agenthub.orchestration.workitems.WorkItem;
import dev.agenthub.orchestration.workitems.WorkItemStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /projects/{id}/dashboard} (wire spec agenthub §5). */
class DashboardWireTest extends CatalogWireTest {

    @Test
    void showsTheProjectAllAgentsInAgentOrderAndTheCounts() {
        Project project = project("dashboard");
        Agent tester = agent(project.id(), "Probe Tester", AgentRole.TESTER, AgentStatus.ACTIVE);
        Agent coderLater = agent(project.id(), "Second Coder", AgentRole.CODER, AgentStatus.PAUSED);
        Agent planner = agent(project.id(), "Atlas Planner", AgentRole.PLANNER, AgentStatus.ACTIVE);
        List<WorkItem> items = workItems.insertAll(project.id(), IntStream.range(0, 6)
                .mapToObj(i -> new NewWorkItem("Scope: " + i, "d", 1, "system", "o")).toList(), NOW);
        workItems.claim(project.id(), items.get(0).id(), coderLater.id(), "job:1", NOW.plusSeconds(60), NOW);
        workItems.claim(project.id(), items.get(1).id(), coderLater.id(), "job:1", NOW.plusSeconds(60), NOW);
        workItems.finishClaim(items.get(1).id(), "job:1", WorkItemStatus.REVIEW, NOW);
        workItems.claim(project.id(), items.get(2).id(), coderLater.id(), "job:1", NOW.plusSeconds(60), NOW);
        workItems.finishClaim(items.get(2).id(), "job:1", WorkItemStatus.DONE, NOW);
        long merged = pullRequests.open(project.id(), pr(items.get(2).id(), coderLater.id()), NOW).orElseThrow().id();
        pullRequests.markMerged(merged, "d", NOW);
        pullRequests.open(project.id(), pr(items.get(1).id(), coderLater.id()), NOW);
        long closed = pullRequests.open(project.id(), pr(items.get(3).id(), coderLater.id()), NOW).orElseThrow().id();
        pullRequests.close(closed);
        workItems.insertAll(project("other").id(), List.of(new NewWorkItem("Scope: theirs", "d", 1, "s", "o")), NOW);
        assertBody(get("/projects/" + project.id() + "/dashboard"), 200, ordered(
                "project", AutopilotJson.project(project),
                "agents", List.of(AutopilotJson.agent(coderLater), AutopilotJson.agent(planner),
                        AutopilotJson.agent(tester)),
                "backlog_count", 3, "in_progress_count", 2, "done_count", 1, "open_pr_count", 1,
                "merged_pr_count", 1));
        assertThat(AutopilotJson.project(project).get("created_at")).isEqualTo("2026-02-07T11:14:49.123456");
    }

    @Test
    void anEmptyProjectCountsZeros() {
        Project project = project("dashboard");
        assertBody(get("/projects/" + project.id() + "/dashboard"), 200, ordered(
                "project", ordered("id", project.id(), "name", project.name(),
                        "repo_url", "https://github.com/acme/widgets.git", "default_branch", "main",
                        "created_at", "2026-02-07T11:14:49.123456"),
                "agents", List.of(), "backlog_count", 0, "in_progress_count", 0, "done_count", 0,
                "open_pr_count", 0, "merged_pr_count", 0));
    }

    @Test
    void theProjectMustBeAnIntegerAndExist() {
        assertBody(get("/projects/1.5/dashboard"), 422, ordered("detail", List.of(
                ordered("type", "int_parsing", "loc", List.of("path", "project_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer",
                        "input", "1.5"))));
        assertDetail(get("/projects/999999999/dashboard"), 404, "Project not found");
    }

    private static NewPullRequest pr(long item, long agent) {
        return new NewPullRequest(item, "[agent] x", "d", "agent/" + item, "main", true, true, agent);
    }
}
