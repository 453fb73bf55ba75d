package dev.agenthub.it.autopilot;

import dev.agenthub.orchestration.agents.Agent;
import dev.agenthub.orchestration.agents.AgentRole;
import dev.agenthub.orchestration.agents.AgentStatus;
import dev.agenthub.orchestration.projects.Project;
import dev.agenthub.orchestration.pulls.NewPullRequest;
import dev.agenthub.orchestration.pulls.PullRequest;
import dev.agenthub.orchestration.pulls.Review;
import dev.agenthub.orchestration.pulls.ReviewDecision;
import dev.agenthub.orchestration.workitems.NewWorkItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /projects/{id}/pull-requests} and the detail view {@code GET …/pull-requests/{pr}} (wire spec agenthub
 * §4 PullRequestRead and ReviewRead, §5, §14 D3).
 */
class PullRequestsWireTest extends CatalogWireTest {

    private PullRequest open(long projectId, long agentId, String title, Instant at) {
        long item = workItems.insertAll(projectId, List.of(new NewWorkItem("Scope: " + title, "d", 1, "system", "o")),
                NOW).getFirst().id();
        return pullRequests.open(projectId, new NewPullRequest(item, "[agent] " + title,
                "Autonomous agent delivery with real git branch and commit.\n\n- branch: agent/" + item
                        + "-x\n- commit: abc123", "agent/" + item + "-x", "main", true, true, agentId), at)
                .orElseThrow();
    }

    private static Map<String, Object> read(PullRequest p, String status) {
        return ordered("id", p.id(), "project_id", p.projectId(), "work_item_id", p.workItemId().orElseThrow(),
                "title", p.title(), "source_branch", p.sourceBranch(), "target_branch", p.targetBranch(),
                "status", status, "checks_passed", p.checksPassed(), "auto_merge", p.autoMerge());
    }

    @Test
    void listsNewestFirstInTheWireShape() {
        Project project = project("prs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        PullRequest older = open(project.id(), coder.id(), "older", NOW);
        PullRequest newer = open(project.id(), coder.id(), "newer", NOW.plusSeconds(3));
        Project other = project("other");
        open(other.id(), agent(other.id(), "C", AgentRole.CODER, AgentStatus.ACTIVE).id(), "theirs", NOW);
        assertBody(get("/projects/" + project.id() + "/pull-requests"), 200,
                List.of(read(newer, "open"), read(older, "open")));
    }

    @Test
    void filtersByStatusAndPages() {
        Project project = project("prs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        PullRequest a = open(project.id(), coder.id(), "a", NOW);
        PullRequest b = open(project.id(), coder.id(), "b", NOW.plusSeconds(1));
        open(project.id(), coder.id(), "c", NOW.plusSeconds(2));
        pullRequests.markMerged(a.id(), a.description() + "\n- merged_sha: fff", NOW.plusSeconds(9));
        pullRequests.close(b.id());
        String path = "/projects/" + project.id() + "/pull-requests";
        assertThat(get(path + "?status=open").json().findValuesAsText("title")).containsExactly("[agent] c");
        assertThat(get(path + "?status=merged").json().findValuesAsText("status")).containsExactly("merged");
        assertThat(get(path + "?status=closed").json().findValuesAsText("title")).containsExactly("[agent] b");
        assertThat(get(path + "?limit=2&offset=1").json().findValuesAsText("title"))
                .containsExactly("[agent] b", "[agent] a");
        assertBody(get(path + "?status=review"), 422, ordered("detail", List.of(
                ordered("type", "enum", "loc", List.of("query", "status"),
                        "msg", "Input should be 'open', 'merged' or 'closed'", "input", "review",
                        "ctx", ordered("expected", "'open', 'merged' or 'closed'")))));
    }

    @Test
    void theDetailShowsDescriptionTimesAndReviewsOldestFirst() {
        Project project = project("prs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        Agent reviewer = agent(project.id(), "Sentinel Reviewer", AgentRole.REVIEWER, AgentStatus.ACTIVE);
        PullRequest pr = open(project.id(), coder.id(), "detail", NOW);
        Review human = reviews.insert(pr.id(), Optional.empty(), Optional.of("principal:ada"),
                ReviewDecision.REQUEST_CHANGES, "Needs tests.", NOW.plusSeconds(2));
        Review byAgent = reviews.insert(pr.id(), Optional.of(reviewer.id()), Optional.empty(), ReviewDecision.APPROVE,
                "Looks good.", NOW.plusSeconds(1));
        String description = pr.description() + "\n- merged_sha: 0123abcd";
        pullRequests.markMerged(pr.id(), description, NOW.plusSeconds(5));
        Map<String, Object> expected = read(pr, "merged");
        expected.put("description", description);
        expected.put("created_at", "2026-02-07T11:14:49.123456");
        expected.put("merged_at", "2026-02-07T11:14:54.123456");
        expected.put("created_by_agent_id", coder.id());
        expected.put("reviews", List.of(
                ordered("id", byAgent.id(), "pull_request_id", pr.id(), "agent_id", reviewer.id(),
                        "decision", "approve", "comment", "Looks good.", "reviewer", null),
                ordered("id", human.id(), "pull_request_id", pr.id(), "agent_id", null,
                        "decision", "request_changes", "comment", "Needs tests.", "reviewer", "principal:ada")));
        expected.put("remote", ordered());
        assertBody(get("/projects/" + project.id() + "/pull-requests/" + pr.id()), 200, expected);
    }

    @Test
    void anOpenPullRequestWithoutReviewsHasNoMergeTime() {
        Project project = project("prs");
        Agent coder = agent(project.id(), "Forge Coder", AgentRole.CODER, AgentStatus.ACTIVE);
        PullRequest pr = open(project.id(), coder.id(), "fresh", NOW);
        Map<String, Object> expected = read(pr, "open");
        expected.put("description", pr.description());
        expected.put("created_at", "2026-02-07T11:14:49.123456");
        expected.put("merged_at", null);
        expected.put("created_by_agent_id", coder.id());
        expected.put("reviews", List.of());
        expected.put("remote", ordered());
        assertBody(get("/projects/" + project.id() + "/pull-requests/" + pr.id()), 200, expected);
    }

    @Test
    void anUnknownPullRequestOrOneOfAnotherProjectIsNotFound() {
        Project project = project("prs");
        Project other = project("other");
        PullRequest theirs = open(other.id(), agent(other.id(), "C", AgentRole.CODER, AgentStatus.ACTIVE).id(),
                "theirs", NOW);
        assertDetail(get("/projects/" + project.id() + "/pull-requests/" + theirs.id()), 404, "Pull request not found");
        assertDetail(get("/projects/" + project.id() + "/pull-requests/999999999"), 404, "Pull request not found");
        assertDetail(get("/projects/999999999/pull-requests/" + theirs.id()), 404, "Project not found");
        assertDetail(get("/projects/999999999/pull-requests"), 404, "Project not found");
        assertBody(get("/projects/" + project.id() + "/pull-requests/latest"), 422, ordered("detail", List.of(
                ordered("type", "int_parsing", "loc", List.of("path", "pull_request_id"),
                        "msg", "Input should be a valid integer, unable to parse string as an integer",
                        "input", "latest"))));
    }
}
