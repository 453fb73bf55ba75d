package dev.agenthub.it.bdh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.SseClient;
import dev.agenthub.it.support.SseHubTest;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realistic bdh session, replayed call by call as bdh makes them (wire spec §16): two agents init in one repo
 * (name-prefix suggestion, then init), register, run their per-command calls, full-sync a beads export with a
 * parent-child chain, {@code blocks} dependencies on a closed issue and on a cross-repo target, and a tombstone;
 * one claims a bead, the other's claim is refused, an incremental sync deletes the tombstone, and the team view,
 * {@code :status}, the ready list and the project status stream show each step.
 */
class BdhSessionScenarioTest extends SseHubTest {

    private static final String ORIGIN = "git@github.com:acme/widgets.git";
    private static final String REPO = "github.com/acme/widgets";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Worktree initWorktree(Worktrees bdh, String role, String humanName) {
        Response prefix = client.post("/v1/workspaces/suggest-name-prefix",
                V1Client.json(Map.of("origin_url", ORIGIN)), Map.of());
        String alias;
        if (prefix.status() == 404) { // the first worktree of a new repo: bdh falls back to its default name
            alias = "alice-" + role;
        } else {
            assertThat(prefix.status()).as(prefix.body()).isEqualTo(200);
            alias = prefix.json().get("name_prefix").asText() + "-" + role;
        }
        return bdh.init("acme", alias, humanName, ORIGIN, role);
    }

    /** The calls bdh makes before every command (§16 items 1 to 4), each must answer 200. */
    private void everyCommand(Worktree w) {
        assertThat(client.post("/v1/agents/register", V1Client.json(Map.of("workspace_id", w.workspaceId(),
                "alias", w.alias(), "human_name", w.humanName(), "program", "bdh", "repo_origin", ORIGIN,
                "branch", "main")), w.bearer()).status()).isEqualTo(200);
        assertThat(client.get("/v1/chat/pending", w.bearer()).status()).isEqualTo(200);
        assertThat(client.get("/v1/messages/inbox?unread_only=true&limit=500", w.bearer()).status()).isEqualTo(200);
        Response mine = client.get("/v1/workspaces?hostname=" + URLEncoder.encode("host-" + w.alias(), StandardCharsets.UTF_8)
                + "&include_presence=false", w.bearer());
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("workspaces").findValuesAsText("workspace_id")).containsExactly(w.workspaceId());
    }

    private String nextEventType(SseClient stream) throws Exception {
        SseClient.Frame frame = stream.nextData(WAIT);
        assertThat(frame).as("a status event arrived").isNotNull();
        JsonNode event = JSON.readTree(frame.data());
        return (event.get("type").asText() + " " + event.path("bead_id").asText("") + " "
                + event.path("alias").asText("")).strip();
    }

    @Test
    void twoAgentsCoordinateThroughSyncClaimsTeamViewAndStatus() throws Exception {
        Worktrees bdh = new Worktrees(client);
        Worktree ada = initWorktree(bdh, "dev", "Ada");
        Worktree bo = initWorktree(bdh, "reviewer", "Bo");
        assertThat(bo.alias()).as("the second worktree gets the next classic prefix").isNotEqualTo(ada.alias());
        assertThat(bo.repoId()).isEqualTo(ada.repoId());
        everyCommand(ada);
        everyCommand(bo);

        try (SseClient stream = SseClient.open(http, hub.url(), "/v1/status/stream?event_types=bead", bo.bearer())) {
            assertThat(stream.status()).isEqualTo(200);

            // ada exports her beads: an epic with a chain, a closed blocker, a cross-repo blocker, a tombstone
            assertThat(bdh.command(ada, "sync").json().get("approved").asBoolean()).isTrue();
            String export = jsonl(
                    issue("id", "wd-1", "title", "Checkout epic", "status", "open", "priority", 1, "issue_type", "epic"),
                    issue("id", "wd-2", "title", "Cart service", "status", "open", "priority", 1, "issue_type", "feature",
                            "dependencies", List.of(Map.of("issue_id", "wd-2", "depends_on_id", "wd-1", "type", "parent-child"))),
                    issue("id", "wd-3", "title", "Cart totals", "status", "open", "priority", 2, "issue_type", "task",
                            "dependencies", List.of(
                                    Map.of("issue_id", "wd-3", "depends_on_id", "wd-2", "type", "parent-child"),
                                    Map.of("issue_id", "wd-3", "depends_on_id", "wd-4", "type", "blocks"))),
                    issue("id", "wd-4", "title", "Money type", "status", "closed", "priority", 0, "issue_type", "task"),
                    issue("id", "wd-5", "title", "Tax rules", "status", "open", "priority", 2, "issue_type", "task",
                            "dependencies", List.of(Map.of("issue_id", "wd-5", "depends_on_id",
                                    "github.com/acme/tax:tx-9", "type", "blocks"))),
                    issue("id", "wd-6", "title", "Old idea", "status", "tombstone"));
            Response full = bdh.fullSync(ada, export, "sync");
            assertThat(full.json().get("stats").toString()).isEqualTo("{\"received\":6,\"inserted\":6,\"updated\":0,\"deleted\":0}");
            assertThat(full.json().get("issues_count").asInt()).isEqualTo(6);
            for (int i = 0; i < 6; i++) {
                assertThat(nextEventType(stream)).startsWith("bead.status_changed wd-");
            }

            // the ready list: wd-3's blocker is closed (dropped at sync), wd-5's cross-repo blocker is unknown (blocks)
            Response ready = client.get("/v1/beads/ready?workspace_id=" + ada.workspaceId(), ada.bearer());
            assertThat(ready.json().get("issues").findValuesAsText("bead_id")).containsExactly("wd-1", "wd-2", "wd-3");

            // ada claims wd-3: command approved, then the sync after `bd update` claims it
            assertThat(bdh.command(ada, "update wd-3 --status in_progress").json().get("approved").asBoolean()).isTrue();
            String claimed = jsonl(issue("id", "wd-3", "title", "Cart totals", "status", "in_progress", "priority", 2,
                    "issue_type", "task", "dependencies", List.of(Map.of("depends_on_id", "wd-2", "type", "parent-child"))));
            Response claim = bdh.incrementalSync(ada, claimed, List.of(), "update wd-3 --status in_progress");
            assertThat(claim.json().get("claim_rejected").asBoolean()).isFalse();

            // bo wants it too: the pre-flight check refuses, and a forced sync reports claim_rejected
            Response refused = bdh.command(bo, "update wd-3 --status in_progress");
            assertThat(refused.json().get("approved").asBoolean()).isFalse();
            assertThat(refused.json().get("reason").asText()).isEqualTo("wd-3 is being worked on by " + ada.alias() + " (Ada)");
            assertThat(bdh.incrementalSync(bo, claimed, List.of(), "update wd-3 --status in_progress")
                    .json().get("claim_rejected_reason").asText()).isEqualTo("wd-3 is being worked on by " + ada.alias() + " (Ada)");

            // bo creates a bead and deletes the tombstone
            Response incremental = bdh.incrementalSync(bo, jsonl(issue("id", "wd-7", "title", "Coupons", "status", "open",
                    "priority", 3, "issue_type", "feature")), List.of("wd-6"), "create Coupons");
            assertThat(incremental.json().get("stats").toString()).isEqualTo("{\"received\":1,\"inserted\":1,\"updated\":0,\"deleted\":1}");
            assertThat(incremental.json().get("issues_count").asInt()).isEqualTo(6);

            // the team view, as `bdh ready` asks for it: ada first (she holds a claim), with its apex
            Response team = client.get("/v1/workspaces/team?include_claims=true&include_presence=true&only_with_claims=false"
                    + "&always_include_workspace_id=" + bo.workspaceId() + "&limit=16", bo.bearer());
            assertThat(team.status()).as(team.body()).isEqualTo(200);
            JsonNode members = team.json().get("workspaces");
            assertThat(members.findValuesAsText("alias")).containsExactly(ada.alias(), bo.alias());
            JsonNode adaInfo = members.get(0);
            assertThat(adaInfo.get("status").asText()).isEqualTo("active");
            assertThat(adaInfo.get("repo").asText()).isEqualTo(REPO);
            assertThat(adaInfo.get("apex_id").asText()).isEqualTo("wd-1");
            assertThat(adaInfo.get("apex_title").asText()).isEqualTo("Checkout epic");
            assertThat(adaInfo.get("apex_type").asText()).isEqualTo("epic");
            assertThat(adaInfo.get("focus_apex_id").asText()).isEqualTo("wd-1");
            assertThat(adaInfo.get("claims").get(0).get("bead_id").asText()).isEqualTo("wd-3");
            assertThat(adaInfo.get("claims").get(0).get("title").asText()).isEqualTo("Cart totals");
            assertThat(members.get(1).get("claims").size()).isZero();

            // :status: both agents live, one claim with its title and count, no conflict
            Response status = client.get("/v1/status?repo=", bo.bearer());
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            assertThat(status.json().get("agents").findValuesAsText("alias")).containsExactlyInAnyOrder(ada.alias(), bo.alias());
            JsonNode statusClaim = status.json().get("claims").get(0);
            assertThat(statusClaim.get("bead_id").asText()).isEqualTo("wd-3");
            assertThat(statusClaim.get("title").asText()).isEqualTo("Cart totals");
            assertThat(statusClaim.get("claimant_count").asInt()).isEqualTo(1);
            assertThat(status.json().get("conflicts").size()).isZero();
            assertThat(status.json().get("agents").findValues("current_issue").stream().map(JsonNode::asText).toList())
                    .contains("wd-3");

            // ada closes wd-3: the claim goes
            assertThat(bdh.incrementalSync(ada, jsonl(issue("id", "wd-3", "title", "Cart totals", "status", "closed")),
                    List.of(), "close wd-3").status()).isEqualTo(200);
            assertThat(client.get("/v1/claims", bo.bearer()).json().get("claims").size()).isZero();

            // what bo's status stream saw after the export, in order
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rest.add(nextEventType(stream));
            }
            assertThat(rest).as("the refused claim and the deletion publish nothing").containsExactly(
                    "bead.claimed wd-3 " + ada.alias(),
                    "bead.status_changed wd-3 " + ada.alias(),
                    "bead.status_changed wd-7 " + bo.alias(),
                    "bead.unclaimed wd-3 " + ada.alias(),
                    "bead.status_changed wd-3 " + ada.alias());
        }
    }
}
