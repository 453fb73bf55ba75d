package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.HubSeeds;
import dev.agenthub.it.support.HubSeeds.Worktree;
import dev.agenthub.it.support.V1Client.Identity;
import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.protocol.kernel.time.WireTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.agenthub.it.support.V1Client.json;
import static dev.agenthub.it.support.V1Client.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim hooks of native tasks (wire spec §6.3) seen through the claim, workspace and status reads and the
 * workspace channel: {@code in_progress} claims the ref for the actor's live workspace with the apex of the
 * native parent chain (§6.2) and titles from the task (§4.4); another status, a close cascade and a delete
 * release; a held claim is not taken and nothing is published; an actor without a workspace claims nothing.
 */
class TaskClaimsWireTest extends TaskWireTest {

    private void status(Worktree w, String ref, String status) {
        Response response = client.patch("/v1/tasks/" + ref, json(ordered("status", status)), w.bearer());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private List<String> claimedRefs(Worktree w) {
        return client.get("/v1/claims", w.bearer()).json().get("claims").findValuesAsText("bead_id");
    }

    @Test
    void inProgressClaimsTheRefWithTheNativeApexAndTaskTitles() throws Exception {
        HubSeeds.Pair t = team("tc-claim");
        String root = create(t.alice(), ordered("title", "The epic", "task_type", "feature")).get("task_id").asText();
        create(t.alice(), ordered("title", "Do the thing", "task_type", "bug", "parent_task_id", root));
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, t.bob().workspaceId())) {
            status(t.bob(), "tc-claim-002", "in_progress");
            assertThat(channel.next()).isEqualTo(WorkspaceChannel.expectedEvent(t.bob(), "bead.claimed", NOW, "bead_id", "tc-claim-002",
                    "alias", "bob", "title", "Do the thing"));
        }
        assertThat(client.get("/v1/claims", t.alice().bearer()).json().get("claims").get(0).get("workspace_id").asText())
                .isEqualTo(t.bob().workspaceId());
        JsonNode bob = client.get("/v1/workspaces?include_claims=true&include_presence=false&alias=bob",
                t.alice().bearer()).json().get("workspaces").get(0);
        assertThat(json(bob.get("claims"))).isEqualTo(json(List.of(ordered("bead_id", "tc-claim-002",
                "title", "Do the thing", "claimed_at", WireTime.offset(NOW), "apex_id", "tc-claim-001",
                "apex_title", "The epic", "apex_type", "feature"))));
        assertThat(List.of(bob.get("apex_id").asText(), bob.get("apex_title").asText(), bob.get("apex_type").asText(),
                bob.get("focus_apex_id").asText(), bob.get("focus_apex_title").asText(),
                bob.get("focus_apex_type").asText()))
                .containsExactly("tc-claim-001", "The epic", "feature", "tc-claim-001", "The epic", "feature");
        assertThat(bob.get("focus_apex_repo_name").isNull()).isTrue();
        JsonNode status = client.get("/v1/status", t.alice().bearer()).json();
        assertThat(status.get("claims").get(0).get("title").asText()).isEqualTo("Do the thing");
    }

    @Test
    void anotherStatusAndDeletionRelease() throws Exception {
        HubSeeds.Pair t = team("tc-release");
        create(t.alice(), ordered("title", "one"));
        create(t.alice(), ordered("title", "two"));
        status(t.alice(), "1", "in_progress");
        status(t.alice(), "2", "in_progress");
        assertThat(claimedRefs(t.bob())).containsExactlyInAnyOrder("tc-release-001", "tc-release-002");
        clock.set(NOW.plusSeconds(3));
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, t.alice().workspaceId())) {
            status(t.alice(), "1", "open");
            assertThat(channel.next()).isEqualTo(WorkspaceChannel.expectedEvent(t.alice(), "bead.unclaimed", NOW.plusSeconds(3),
                    "bead_id", "tc-release-001", "alias", "alice", "title", "one"));
            assertThat(claimedRefs(t.bob())).containsExactly("tc-release-002");
            assertThat(client.delete("/v1/tasks/2", t.alice().bearer()).status()).isEqualTo(200);
            assertThat(channel.next()).contains("\"type\":\"bead.unclaimed\"", "\"bead_id\":\"tc-release-002\"");
        }
        assertThat(claimedRefs(t.bob())).isEmpty();
    }

    @Test
    void closingReleasesTheCascadedTasksToo() {
        HubSeeds.Pair t = team("tc-cascade");
        String root = create(t.alice(), ordered("title", "root")).get("task_id").asText();
        create(t.alice(), ordered("title", "child", "parent_task_id", root));
        status(t.bob(), "2", "in_progress");
        assertThat(claimedRefs(t.alice())).containsExactly("tc-cascade-002");
        status(t.alice(), "1", "closed");
        assertThat(claimedRefs(t.alice())).isEmpty();
    }

    @Test
    void aHeldClaimStaysAndNothingIsPublished() throws Exception {
        HubSeeds.Pair t = team("tc-held");
        create(t.alice(), ordered("title", "contested"));
        seeds.claim(t.bob(), "tc-held-001", NOW.minus(Duration.ofMinutes(1)));
        try (WorkspaceChannel channel = new WorkspaceChannel(hub, t.alice().workspaceId())) {
            status(t.alice(), "1", "in_progress");
            assertThat(channel.poll(Duration.ofMillis(500))).as("no bead.claimed for a refused claim").isNull();
        }
        JsonNode claims = client.get("/v1/claims", t.alice().bearer()).json().get("claims");
        assertThat(claims.findValuesAsText("workspace_id")).containsExactly(t.bob().workspaceId());
        // the task itself moved on: the actor is its assignee
        assertThat(client.get("/v1/tasks/1", t.alice().bearer()).json().get("assignee_agent_id").asText())
                .isEqualTo(t.alice().workspaceId());
    }

    @Test
    void anActorWithoutALiveWorkspaceClaimsNothing() {
        HubSeeds.Pair t = team("tc-noworkspace");
        Identity carol = client.init("tc-noworkspace", "carol");
        Response created = client.post("/v1/tasks", json(ordered("title", "x")), carol.bearer());
        assertThat(created.status()).isEqualTo(200);
        assertThat(client.patch("/v1/tasks/1", json(ordered("status", "in_progress")), carol.bearer()).status())
                .isEqualTo(200);
        assertThat(claimedRefs(t.alice())).isEmpty();
        // a soft-deleted workspace is no live workspace either
        create(t.alice(), ordered("title", "y"));
        seeds.softDelete(t.bob(), NOW);
        Response byDeleted = client.patch("/v1/tasks/2", json(ordered("status", "in_progress")), t.bob().bearer());
        assertThat(byDeleted.status()).as(byDeleted.body()).isEqualTo(200);
        assertThat(claimedRefs(t.alice())).isEmpty();
    }
}
