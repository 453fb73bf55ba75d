package dev.agenthub.it.autopilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The human PR actions of §14 D3 end to end, on PRs a real cycle left open. */
class PullRequestActionsTest extends AutopilotHubTest {

    private HttpProbe http;
    private long project;
    private List<Long> items;

    /** One cycle over one item with {@code policyPatch} applied first; returns the PR it left open. */
    private JsonNode openPullRequest(String policyPatch) {
        http = hub(Map.of());
        project = project(http);
        items = objective(http, project);
        policy(http, project, policyPatch);
        JsonNode pr = run(http, project, 1).get("created_prs").get(0);
        assertThat(pr.get("status").asText()).isEqualTo("open");
        return pr;
    }

    private HttpProbe.Response action(long pr, String action, String body) {
        return http.send("POST", "/projects/" + project + "/pull-requests/" + pr + "/" + action, body, JSON);
    }

    @Test
    void anApprovalThatSatisfiesTheGateMergesAtOnce() {
        long pr = openPullRequest("{\"min_review_approvals\":3}").get("id").asLong();

        JsonNode result = ok(action(pr, "approve", "{\"comment\":\"Looks good\"}"));

        assertThat(result.get("merged").asBoolean()).isTrue();
        assertThat(result.get("merge_sha").asText()).isEqualTo(workspace(project).head("main").orElseThrow());
        assertThat(result.get("pull_request").get("status").asText()).isEqualTo("merged");
        assertThat(result.get("work_item").get("status").asText()).isEqualTo("done");
        JsonNode review = result.get("review");
        assertThat(review.get("agent_id").isNull()).isTrue();
        assertThat(review.get("reviewer").asText()).isEqualTo("anonymous");
        assertThat(review.get("decision").asText()).isEqualTo("approve");
        assertThat(review.get("comment").asText()).isEqualTo("Looks good");
        assertThat(workspace(project).file("main", "agent_codegen/work_item_" + items.get(0) + ".py")).isPresent();
        List<String> events = events(http, project);
        assertThat(events).contains("pr_reviewed {\"pull_request_id\": " + pr
                + ", \"decision\": \"approve\", \"reviewer\": \"anonymous\"}");
        assertThat(events.get(events.size() - 1)).isEqualTo("pr_merged {\"pull_request_id\": " + pr
                + ", \"work_item_id\": " + items.get(0) + ", \"approvals\": 3, \"merged_sha\": \""
                + result.get("merge_sha").asText() + "\", \"merged_by\": \"anonymous\"}");
        JsonNode detail = ok(http.get("/projects/" + project + "/pull-requests/" + pr));
        assertThat(detail.get("reviews")).hasSize(3);
        assertThat(detail.get("description").asText()).endsWith("- merged_sha: " + result.get("merge_sha").asText());
    }

    @Test
    void requestedChangesBlockTheMergeUntilAnAdminOverrides() {
        long pr = openPullRequest("{\"auto_merge\":false}").get("id").asLong();

        JsonNode changes = ok(action(pr, "request-changes", "{\"comment\":\"Please add tests\"}"));
        assertThat(changes.get("review").get("decision").asText()).isEqualTo("request_changes");
        assertThat(changes.get("pull_request").get("status").asText()).isEqualTo("open");
        assertThat(changes.get("work_item").get("status").asText()).isEqualTo("review");
        assertThat(changes.get("merged").asBoolean()).isFalse();
        assertThat(changes.get("merge_sha").isNull()).isTrue();

        HttpProbe.Response blocked = action(pr, "merge", "{}");
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.body()).isEqualTo("{\"detail\":\"Merge blocked: changes requested by anonymous\"}");
        assertThat(workspace(project).file("main", "agent_codegen/work_item_" + items.get(0) + ".py")).isEmpty();

        JsonNode merged = ok(action(pr, "merge", "{\"override_gates\":true}"));
        assertThat(merged.get("merged").asBoolean()).isTrue();
        assertThat(merged.get("review").isNull()).isTrue();
        assertThat(merged.get("work_item").get("status").asText()).isEqualTo("done");
        assertThat(workspace(project).file("main", "agent_codegen/work_item_" + items.get(0) + ".py")).isPresent();

        HttpProbe.Response again = action(pr, "merge", "{\"override_gates\":true}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).isEqualTo("{\"detail\":\"Pull request is not open\"}");
    }

    @Test
    void closingReturnsTheItemToTheBacklogForTheNextCycle() {
        JsonNode opened = openPullRequest("{\"auto_merge\":false}");
        long pr = opened.get("id").asLong();

        JsonNode closed = ok(action(pr, "close", "{\"reason\":\"Wrong approach\"}"));

        assertThat(closed.get("pull_request").get("status").asText()).isEqualTo("closed");
        assertThat(closed.get("work_item").get("status").asText()).isEqualTo("backlog");
        assertThat(events(http, project)).contains("pr_closed {\"pull_request_id\": " + pr + ", \"work_item_id\": "
                + items.get(0) + ", \"reason\": \"Wrong approach\", \"closed_by\": \"anonymous\"}");
        assertThat(workspace(project).head(opened.get("source_branch").asText())).isPresent();

        policy(http, project, "{\"auto_merge\":true}");
        JsonNode next = run(http, project, 1);
        assertThat(next.get("created_prs").get(0).get("work_item_id").asLong()).isEqualTo(items.get(0));
        assertThat(next.get("merged_pr_ids")).hasSize(1);
    }

    @Test
    void badRequestsAreRejected() {
        long pr = openPullRequest("{\"auto_merge\":false}").get("id").asLong();

        assertThat(action(pr, "request-changes", "{\"comment\":\"\"}").status()).isEqualTo(422);
        HttpProbe.Response unknown = action(pr + 1000, "approve", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"detail\":\"Pull request not found\"}");
        HttpProbe.Response noProject = http.send("POST", "/projects/999999/pull-requests/" + pr + "/close", "{}", JSON);
        assertThat(noProject.body()).isEqualTo("{\"detail\":\"Project not found\"}");
        assertThat(action(pr, "merge", "{\"override_gates\":\"yes\"}").status()).isEqualTo(422);
    }
}
