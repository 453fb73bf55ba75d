package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /projects/{id}/autopilot/run} end to end: objective, cycle, PRs, reviews, merges, real git (§6.3). */
class AutopilotRunTest extends AutopilotHubTest {

    @Test
    void anObjectiveBecomesThreeMergedPullRequestsOnTheDefaultBranch() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        List<Long> items = objective(http, project);

        JsonNode result = run(http, project, 3);

        assertThat(result.get("processed_items").asInt()).isEqualTo(3);
        assertThat(statuses(result.get("created_prs"))).containsExactly("merged", "merged", "merged");
        assertThat(result.get("merged_pr_ids")).hasSize(3);
        assertThat(result.get("reviews")).hasSize(6);
        JsonNode firstPr = result.get("created_prs").get(0);
        assertThat(firstPr.get("title").asText()).isEqualTo("[agent] Scope: Add a health endpoint");
        assertThat(firstPr.get("source_branch").asText()).isEqualTo("agent/" + items.get(0) + "-scope-add-a-health-endpoint");
        assertThat(firstPr.get("target_branch").asText()).isEqualTo("main");
        assertThat(firstPr.get("checks_passed").asBoolean()).isTrue();
        JsonNode review = result.get("reviews").get(0);
        assertThat(review.get("decision").asText()).isEqualTo("approve");
        assertThat(review.get("comment").asText()).isEqualTo("Reviewed design and implementation for regressions.");
        for (long item : items) {
            assertThat(item(http, project, item).get("status").asText()).isEqualTo("done");
        }

        GitRemote workspace = workspace(project);
        for (long item : items) {
            assertThat(workspace.file("main", "agent_codegen/work_item_" + item + ".py")).isPresent();
            assertThat(workspace.file("main", "tests/test_work_item_" + item + ".py")).isPresent();
        }
        assertThat(workspace.log("main")).contains("agent: implement work item " + items.get(0),
                "agent: implement work item " + items.get(1), "agent: implement work item " + items.get(2), "Seed");
        assertThat(remote.log("main")).containsExactly("Seed");

        List<String> events = events(http, project);
        assertThat(events).filteredOn(e -> e.startsWith("pr_merged ")).hasSize(3);
        assertThat(events.get(events.size() - 1)).isEqualTo(
                "autopilot_cycle_completed {\"processed_items\": 3, \"created_prs\": 3, \"merged_prs\": 3}");
        JsonNode runs = ok(http.get("/projects/" + project + "/runs"));
        assertThat(statuses(runs)).containsOnly("completed");
        assertThat(runs.get(0).get("summary").asText())
                .contains("completed git-backed implementation for work item #")
                .endsWith("No AGENT_HUB_TEST_CMD configured; marked pass by default.");
        JsonNode detail = ok(http.get("/projects/" + project + "/pull-requests/" + firstPr.get("id").asLong()));
        assertThat(detail.get("description").asText()).contains("- branch: " + firstPr.get("source_branch").asText())
                .contains("- merged_sha: ");
    }

    @Test
    void autoPushPublishesTheMergesToTheRemote() {
        HttpProbe http = hub(Map.of("AGENT_HUB_AUTO_PUSH", "1"));
        long project = project(http);
        List<Long> items = objective(http, project);

        run(http, project, 3);

        for (long item : items) {
            assertThat(remote.file("main", "agent_codegen/work_item_" + item + ".py")).isPresent();
        }
        assertThat(remote.head("main")).isEqualTo(workspace(project).head("main"));
        assertThat(remote.head("agent/" + items.get(0) + "-scope-add-a-health-endpoint")).isPresent();
    }

    @Test
    void failingTestsBlockTheMergeAndLeaveOpenPullRequests() {
        HttpProbe http = hub(Map.of("AGENT_HUB_TEST_CMD", "exit 1"));
        long project = project(http);
        List<Long> items = objective(http, project);

        JsonNode result = run(http, project, 3);

        assertThat(result.get("processed_items").asInt()).isEqualTo(3);
        assertThat(result.get("merged_pr_ids")).isEmpty();
        assertThat(statuses(result.get("created_prs"))).containsOnly("open");
        for (long item : items) {
            assertThat(item(http, project, item).get("status").asText()).isEqualTo("review");
        }
        assertThat(events(http, project)).filteredOn(e -> e.startsWith("pr_opened "))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e).endsWith("\"approvals\": 1, \"checks_passed\": false}"));
        assertThat(workspace(project).file("main", "agent_codegen/work_item_" + items.get(0) + ".py")).isEmpty();
        JsonNode runs = ok(http.get("/projects/" + project + "/runs"));
        assertThat(runs.get(0).get("tests_passed").asBoolean()).isFalse();
        assertThat(runs.get(0).get("summary").asText()).contains("Validation command failed: `exit 1`. Output tail:\n");
    }

    @Test
    void requireTestPassOffMergesDespiteFailingTests() {
        HttpProbe http = hub(Map.of("AGENT_HUB_TEST_CMD", "exit 1"));
        long project = project(http);
        objective(http, project);
        policy(http, project, "{\"require_test_pass\":false}");

        assertThat(run(http, project, 3).get("merged_pr_ids")).hasSize(3);
    }

    @Test
    void autoAssignOffSkipsUnassignedItems() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        List<Long> items = objective(http, project);
        policy(http, project, "{\"auto_assign\":false}");

        JsonNode result = run(http, project, 3);

        assertThat(result.get("processed_items").asInt()).isZero();
        assertThat(events(http, project)).contains("work_item_skipped_unassigned {\"work_item_id\": " + items.get(0)
                + ", \"reason\": \"auto_assign disabled\"}");
        assertThat(item(http, project, items.get(0)).get("status").asText()).isEqualTo("backlog");
    }

    @Test
    void autoReviewOffRecordsNoReviewAndDoesNotMerge() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        objective(http, project);
        policy(http, project, "{\"auto_review\":false}");

        JsonNode result = run(http, project, 1);

        assertThat(result.get("reviews")).isEmpty();
        assertThat(result.get("merged_pr_ids")).isEmpty();
        assertThat(types(http, project)).contains("auto_review_disabled", "pr_opened");
    }

    @Test
    void autoMergeOffLeavesThePullRequestOpen() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        objective(http, project);
        policy(http, project, "{\"auto_merge\":false}");

        JsonNode result = run(http, project, 1);

        assertThat(statuses(result.get("created_prs"))).containsExactly("open");
        assertThat(result.get("reviews")).hasSize(2);
    }

    @Test
    void threeRequiredApprovalsBlockTheMerge() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        objective(http, project);
        policy(http, project, "{\"min_review_approvals\":3}");

        JsonNode result = run(http, project, 1);

        assertThat(result.get("merged_pr_ids")).isEmpty();
        assertThat(events(http, project)).anySatisfy(e -> assertThat(e).startsWith("pr_opened ")
                .endsWith("\"approvals\": 2, \"checks_passed\": true}"));
    }

    @Test
    void aCoderAtCapacityDefersTheItem() throws Exception {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        long coder = -1;
        for (JsonNode agent : ok(http.get("/projects/" + project + "/agents"))) {
            if (agent.get("role").asText().equals("coder")) {
                coder = agent.get("id").asLong();
            }
        }
        ok(http.send("PATCH", "/projects/" + project + "/agents/" + coder, "{\"max_parallel_tasks\":1}", JSON));
        List<Long> items = objective(http, project);
        // another worker holds the first item with this coder (§14 D1 claim, lease an hour ahead)
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement claim = connection.prepareStatement("UPDATE orchestration.work_items SET status = "
                     + "'in_progress', assigned_agent_id = ?, claimed_by = 'job:other', "
                     + "lease_expires_at = now() + interval '1 hour' WHERE id = ?")) {
            claim.setLong(1, coder);
            claim.setLong(2, items.get(0));
            assertThat(claim.executeUpdate()).isEqualTo(1);
        }

        JsonNode result = run(http, project, 3);

        assertThat(result.get("processed_items").asInt()).isZero();
        assertThat(events(http, project)).containsSubsequence(
                "work_item_deferred_capacity {\"work_item_id\": " + items.get(1)
                        + ", \"agent_id\": null, \"max_parallel_tasks\": null}",
                "work_item_deferred_capacity {\"work_item_id\": " + items.get(2)
                        + ", \"agent_id\": null, \"max_parallel_tasks\": null}",
                "autopilot_cycle_completed {\"processed_items\": 2, \"created_prs\": 0, \"merged_prs\": 0}");
        assertThat(item(http, project, items.get(1)).get("status").asText()).isEqualTo("backlog");
    }

    @Test
    void noActiveCoderIs409AndUnknownProviderIs422() {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        objective(http, project);
        HttpProbe.Response unknown = http.send("POST", "/projects/" + project + "/autopilot/run",
                "{\"provider\":\"magic\"}", JSON);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Unsupported provider `magic`\"}");

        for (JsonNode agent : ok(http.get("/projects/" + project + "/agents"))) {
            if (agent.get("role").asText().equals("coder")) {
                ok(http.send("PATCH", "/projects/" + project + "/agents/" + agent.get("id").asLong(),
                        "{\"status\":\"paused\"}", JSON));
            }
        }
        HttpProbe.Response none = http.send("POST", "/projects/" + project + "/autopilot/run", "{}", JSON);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.body()).isEqualTo("{\"detail\":\"No active coder agent available.\"}");
        assertThat(statuses(ok(http.get("/projects/" + project + "/work-items")))).containsOnly("backlog");
    }

    @Test
    void aGitFailureFailsTheRunReturnsTheItemToTheBacklogAndALaterCycleRetriesIt() throws Exception {
        HttpProbe http = hub(Map.of());
        long project = project(http);
        List<Long> items = objective(http, project);
        long first = items.get(0);
        java.nio.file.Path dir = workspaces().resolve("project-" + project);
        java.nio.file.Files.createDirectories(dir); // exists without .git: §6.3 step 4 says that is an error

        JsonNode failed = run(http, project, 1);

        assertThat(failed.get("processed_items").asInt()).isZero();
        assertThat(failed.get("created_prs")).isEmpty();
        assertThat(item(http, project, first).get("status").asText()).isEqualTo("backlog");
        assertThat(item(http, project, first).get("assigned_agent_id").isNull()).isFalse();
        JsonNode runs = ok(http.get("/projects/" + project + "/runs"));
        assertThat(statuses(runs)).containsExactly("failed");
        String summary = runs.get(0).get("summary").asText();
        assertThat(summary).startsWith("Git-backed execution failed: ").contains("not a git repository");
        assertThat(runs.get(0).get("tests_passed").asBoolean()).isFalse();
        List<String> events = events(http, project);
        String error = summary.substring("Git-backed execution failed: ".length());
        String payload = "{\"work_item_id\": " + first + ", \"error\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(error) + "}";
        assertThat(events.subList(events.size() - 3, events.size())).containsExactly(
                "work_item_failed " + payload,
                "autopilot_item_failed " + payload,
                "autopilot_cycle_completed {\"processed_items\": 1, \"created_prs\": 0, \"merged_prs\": 0}");

        java.nio.file.Files.delete(dir);
        JsonNode retried = run(http, project, 1);

        assertThat(retried.get("processed_items").asInt()).isEqualTo(1);
        assertThat(retried.get("created_prs").get(0).get("work_item_id").asLong()).isEqualTo(first);
        assertThat(item(http, project, first).get("status").asText()).isEqualTo("done");
    }
}
