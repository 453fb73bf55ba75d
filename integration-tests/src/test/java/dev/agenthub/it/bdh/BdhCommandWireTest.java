package dev.agenthub.it.bdh;

import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/bdh/command} (wire spec §4.5, §6.1, §14 F3), whole bodies compared. */
class BdhCommandWireTest extends V1HubTest {

    private static final String NOW_OFFSET = "2026-02-07T11:14:49.123456+00:00";
    private static final String ORIGIN = "git@github.com:cmd-org/app.git";

    private Worktrees bdh;
    private Worktree alice;
    private Worktree bob;

    @BeforeAll
    void worktrees() {
        bdh = new Worktrees(client);
        alice = bdh.init("bdh-command", "alice", "Alice", ORIGIN, "developer");
        bob = bdh.init("bdh-command", "bob", "Bob", ORIGIN, "reviewer");
        assertThat(bdh.fullSync(bob, jsonl(issue("id", "bd-1", "title", "Fix login", "status", "open")),
                "update bd-1 --status in_progress").json().get("claim_rejected").asBoolean()).isFalse();
    }

    private String inProgressOfBob() {
        return """
                [{"bead_id":"bd-1","workspace_id":"%s","alias":"bob","human_name":"Bob","started_at":"%s","title":null,"role":null}]"""
                .formatted(bob.workspaceId(), NOW_OFFSET);
    }

    @Test
    void claimingABeadAnotherWorkspaceHoldsIsRejected() {
        assertBody(bdh.command(alice, "update bd-1 --status in_progress"), 200, """
                {"approved":false,"reason":"bd-1 is being worked on by bob (Bob)",
                 "context":{"messages_waiting":0,"beads_in_progress":%s}}""".formatted(inProgressOfBob()));
        assertBody(bdh.command(alice, "update bd-1 --status=in_progress --priority 1"), 200, """
                {"approved":false,"reason":"bd-1 is being worked on by bob (Bob)",
                 "context":{"messages_waiting":0,"beads_in_progress":%s}}""".formatted(inProgressOfBob()));
    }

    @Test
    void everythingElseIsApprovedAndTheClaimsAreListed() {
        for (String line : List.of("close bd-1", "update bd-1 --status closed", "update --status in_progress bd-1",
                "show bd-1", "update bd-2 --status in_progress", "reopen bd-1", "list")) {
            assertBody(bdh.command(alice, line), 200, """
                    {"approved":true,"reason":"","context":{"messages_waiting":0,"beads_in_progress":%s}}"""
                    .formatted(inProgressOfBob()));
        }
        assertBody(bdh.command(bob, "update bd-1 --status in_progress"), 200, """
                {"approved":true,"reason":"","context":{"messages_waiting":0,"beads_in_progress":%s}}"""
                .formatted(inProgressOfBob()));
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.claims WHERE project_id = ?",
                UUID.fromString(alice.projectId()))).as("the command never changes claims").containsExactly(List.of("1"));
    }

    @Test
    void theTouchStoresTheHumanNameAndKeepsAnOmittedRole() {
        Worktree carol = bdh.init("bdh-command", "carol", "Carol", ORIGIN, "developer");
        Map<String, Object> body = Worktrees.identity(carol, "");
        body.put("human_name", "");
        body.put("command_line", "list");
        clock.set(NOW.plusSeconds(5));
        try {
            assertThat(client.post("/v1/bdh/command", V1Client.json(body), carol.bearer()).status()).isEqualTo(200);
        } finally {
            clock.set(NOW);
        }
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT human_name, role, last_seen_at = timestamptz '2026-02-07T11:14:54.123456Z' FROM hub.workspaces WHERE workspace_id = ?",
                UUID.fromString(carol.workspaceId()))).containsExactly(List.of("", "developer", "true"));
        body.put("role", "Tech Lead");
        assertThat(client.post("/v1/bdh/command", V1Client.json(body), carol.bearer()).status()).isEqualTo(200);
        assertThat(TestSql.rows(database.dataSource(), "SELECT role FROM hub.workspaces WHERE workspace_id = ?",
                UUID.fromString(carol.workspaceId()))).containsExactly(List.of("Tech Lead"));
    }

    @Test
    void thePreambleChecksBindingThenWorkspace() {
        Map<String, Object> foreign = Worktrees.identity(bob, null);
        foreign.put("command_line", "list");
        assertBody(client.post("/v1/bdh/command", V1Client.json(foreign), alice.bearer()), 403,
                "{\"detail\":\"workspace_id does not match API key identity\"}");

        String unbound = TestSql.insertUnboundKey(database.dataSource(), alice.projectId(), NOW);
        Map<String, String> unboundBearer = Map.of("Authorization", "Bearer " + unbound);
        Map<String, Object> unknown = Worktrees.identity(alice, null);
        unknown.put("workspace_id", UUID.randomUUID().toString());
        unknown.put("command_line", "list");
        assertBody(client.post("/v1/bdh/command", V1Client.json(unknown), unboundBearer), 404,
                "{\"detail\":\"Workspace not found\"}");

        Worktree elsewhere = bdh.init("bdh-command-other", "dave", "Dave", ORIGIN, "developer");
        Map<String, Object> otherProject = Worktrees.identity(elsewhere, null);
        otherProject.put("command_line", "list");
        assertBody(client.post("/v1/bdh/command", V1Client.json(otherProject), unboundBearer), 404,
                "{\"detail\":\"Workspace not found\"}");

        Worktree gone = bdh.init("bdh-command", "erin", "Erin", ORIGIN, "developer");
        assertThat(client.delete("/v1/agents/me", gone.bearer()).status()).isEqualTo(200);
        Map<String, Object> deleted = Worktrees.identity(gone, null);
        deleted.put("command_line", "list");
        assertBody(client.post("/v1/bdh/command", V1Client.json(deleted), unboundBearer), 410,
                "{\"detail\":\"Workspace was deleted\"}");
        // sync runs the same preamble first: 410 and 404 win over a bad origin and a malformed payload
        Map<String, Object> badSync = Worktrees.identity(gone, null);
        badSync.put("repo_origin", "not a url");
        badSync.put("issues_jsonl", "{not json");
        assertBody(client.post("/v1/bdh/sync", V1Client.json(badSync), unboundBearer), 410,
                "{\"detail\":\"Workspace was deleted\"}");
        badSync.put("workspace_id", UUID.randomUUID().toString());
        assertBody(client.post("/v1/bdh/sync", V1Client.json(badSync), unboundBearer), 404,
                "{\"detail\":\"Workspace not found\"}");
    }

    @Test
    void theBodyIsStrictAndCheckedBeforeAuthentication() {
        Map<String, Object> body = Worktrees.identity(alice, null);
        body.put("workspace_id", "not-a-uuid");
        body.put("alias", "bad alias");
        body.put("surprise", 1);
        assertBody(client.post("/v1/bdh/command", V1Client.json(body), Map.of()), 422, """
                {"detail":[
                 {"type":"value_error","loc":["body","workspace_id"],"msg":"Value error, Invalid workspace_id format","input":"not-a-uuid"},
                 {"type":"value_error","loc":["body","alias"],"msg":"Value error, Invalid alias: must be alphanumeric with hyphens/underscores, 1-64 chars","input":"bad alias"},
                 {"type":"missing","loc":["body","command_line"],"msg":"Field required","input":%s},
                 {"type":"extra_forbidden","loc":["body","surprise"],"msg":"Extra inputs are not permitted","input":1}]}"""
                .formatted(V1Client.json(body)));
    }
}
