package dev.agenthub.it.bdh;

import dev.agenthub.it.support.WorkspaceChannel;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.V1Client.canonical;
import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/bdh/sync} (wire spec §4.5, §5, §6.2): what is stored, what is counted, the claim side-effects
 * and their events, and the audit row; whole bodies and rows compared.
 */
class BdhSyncWireTest extends V1HubTest {

    private static final String ZULU = "2026-02-07T11:14:49.123456Z";

    private Worktrees bdh() {
        return new Worktrees(client);
    }

    private static String stats(int count, int received, int inserted, int updated, int deleted) {
        return """
                {"synced":true,"issues_count":%d,"context":null,"stats":{"received":%d,"inserted":%d,"updated":%d,"deleted":%d},
                 "sync_protocol_version":1,"claim_rejected":false,"claim_rejected_reason":""}"""
                .formatted(count, received, inserted, updated, deleted);
    }

    private List<List<String>> issues(Worktree worktree) {
        return TestSql.rows(database.dataSource(), """
                SELECT bead_id, title, status, priority::text, issue_type, created_by, array_to_string(labels, ','),
                       blocked_by::text, parent_id::text, updated_at = timestamptz '2026-01-02T03:04:05Z'
                FROM hub.bead_issues WHERE project_id = ? ORDER BY bead_id""", UUID.fromString(worktree.projectId()));
    }


    @Test
    void fullSyncMapsDependenciesFiltersIdsAndNeverDeletes() {
        Worktree alice = bdh().init("sync-full", "alice", "Alice", "https://github.com/Sync-Org/App.git", "developer");
        String payload = jsonl(
                issue("id", "bd-1", "title", "Epic", "status", "open", "priority", 1, "issue_type", "epic",
                        "created_by", "  alice  ", "labels", List.of("core", 7, "ui"), "updated_at", "2026-01-02T03:04:05Z"),
                "",
                issue("id", "bd-2", "title", "Child", "status", "in_progress", "priority", 2, "issue_type", "task",
                        "created_by", true, "labels", List.of(),
                        "dependencies", List.of(
                                Map.of("issue_id", "bd-2", "depends_on_id", "bd-1", "type", "parent-child"),
                                Map.of("issue_id", "bd-2", "depends_on_id", "bd-3", "type", "blocks"),
                                Map.of("issue_id", "bd-2", "depends_on_id", "bd-9", "type", "blocks"),
                                Map.of("issue_id", "bd-2", "depends_on_id", "github.com/other/lib:x-1", "type", "blocks"),
                                Map.of("issue_id", "bd-2", "depends_on_id", "bd-5", "type", "related"),
                                Map.of("issue_id", "bd-2", "depends_on_id", "bad id", "type", "blocks"))),
                issue("id", "bd-3", "title", "Done", "status", "closed"),
                issue("id", "-bad", "title", "skipped: invalid id"),
                issue("title", "skipped: no id"));
        assertBody(bdh().fullSync(alice, payload, "sync"), 200, stats(3, 3, 3, 0, 0));
        assertThat(issues(alice)).containsExactly(
                java.util.Arrays.asList("bd-1", "Epic", "open", "1", "epic", "alice", "core,ui", "[]", null, "true"),
                java.util.Arrays.asList("bd-2", "Child", "in_progress", "2", "task", "True", null,
                        "[{\"repo\": \"github.com/Sync-Org/App\", \"branch\": \"main\", \"bead_id\": \"bd-9\"}, "
                                + "{\"repo\": \"github.com/other/lib\", \"branch\": \"main\", \"bead_id\": \"x-1\"}]",
                        "{\"repo\": \"github.com/Sync-Org/App\", \"branch\": \"main\", \"bead_id\": \"bd-1\"}", null),
                java.util.Arrays.asList("bd-3", "Done", "closed", null, null, null, null, "[]", null, null));

        // a full sync of one issue: nothing else is deleted; a stale update is skipped; a null created_by keeps the stored one
        String second = jsonl(
                issue("id", "bd-1", "title", "Stale", "status", "closed", "updated_at", "2026-01-01T00:00:00Z"),
                issue("id", "bd-2", "title", "Child v2", "status", "in_progress"));
        assertBody(bdh().fullSync(alice, second, null), 200, stats(3, 2, 0, 1, 0));
        assertThat(issues(alice).get(0).subList(0, 3)).containsExactly("bd-1", "Epic", "open");
        assertThat(issues(alice).get(1)).containsExactly("bd-2", "Child v2", "in_progress", null, null, "True", null, "[]",
                null, null);
    }

    @Test
    void incrementalSyncUpsertsChangesAndDeletesOnlyValidListedIds() {
        Worktree alice = bdh().init("sync-incremental", "alice", "Alice", "git@github.com:inc/app.git", "developer");
        assertBody(bdh().fullSync(alice, jsonl(issue("id", "bd-1", "status", "open"), issue("id", "bd-2", "status", "open")),
                null), 200, stats(2, 2, 2, 0, 0));
        assertBody(bdh().incrementalSync(alice, jsonl(issue("id", "bd-3", "status", "open")),
                List.of("bd-1", "not valid!", "bd-404", "bd-1"), "delete bd-1"), 200, stats(2, 1, 1, 0, 1));
        assertThat(issues(alice).stream().map(row -> row.get(0)).toList()).containsExactly("bd-2", "bd-3");
        assertBody(bdh().incrementalSync(alice, null, List.of("bd-2"), null), 200, stats(1, 0, 0, 0, 1));
        // deleted_ids in full mode are not deleted
        assertBody(bdh().fullSync(alice, jsonl(issue("id", "bd-4")), null), 200, stats(2, 1, 1, 0, 0));
    }

    @Test
    void claimsFollowTheCommandLineWithApexFocusAndEvents() throws Exception {
        Worktree bob = bdh().init("sync-claims", "bob", "Bob", "git@github.com:claims/app.git", "developer");
        Worktree carol = bdh().init("sync-claims", "carol", "Carol", "git@github.com:claims/app.git", "developer");
        String tree = jsonl(
                issue("id", "bd-1", "title", "Root", "status", "open", "issue_type", "epic"),
                issue("id", "bd-2", "title", "Middle", "status", "open",
                        "dependencies", List.of(Map.of("depends_on_id", "bd-1", "type", "parent-child"))),
                issue("id", "bd-3", "title", "Leaf", "status", "open",
                        "dependencies", List.of(Map.of("depends_on_id", "bd-2", "type", "parent-child"))));
        assertThat(bdh().fullSync(bob, tree, null).status()).isEqualTo(200);
        try (WorkspaceChannel bobEvents = new WorkspaceChannel(hub, bob.workspaceId()); WorkspaceChannel carolEvents = new WorkspaceChannel(hub, carol.workspaceId())) {
            String claimed = jsonl(issue("id", "bd-3", "title", "Leaf", "status", "in_progress",
                    "dependencies", List.of(Map.of("depends_on_id", "bd-2", "type", "parent-child"))));
            assertBody(bdh().incrementalSync(bob, claimed, List.of(), "update bd-3 --status in_progress"), 200,
                    stats(3, 1, 0, 1, 0));
            assertThat(bobEvents.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.claimed","timestamp":"%s","project_slug":"sync-claims","bead_id":"bd-3","alias":"bob","title":"Leaf"}"""
                    .formatted(bob.workspaceId(), ZULU)));
            assertThat(bobEvents.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.status_changed","timestamp":"%s","project_slug":"sync-claims","project_id":"",
                     "bead_id":"bd-3","repo":"github.com/claims/app","old_status":"open","new_status":"in_progress","title":"Leaf","alias":"bob"}"""
                    .formatted(bob.workspaceId(), ZULU)));
            assertThat(TestSql.rows(database.dataSource(),
                    "SELECT bead_id, alias, human_name, apex_bead_id, apex_repo_name, apex_branch FROM hub.claims WHERE workspace_id = ?",
                    UUID.fromString(bob.workspaceId()))).containsExactly(
                    List.of("bd-3", "bob", "Bob", "bd-1", "github.com/claims/app", "main"));
            assertThat(focus(bob)).containsExactly("bd-1", "github.com/claims/app", "main");

            // carol's claim of the same bead is refused and writes nothing
            Response refused = bdh().incrementalSync(carol, claimed, List.of(), "update bd-3 --status=in_progress");
            assertBody(refused, 200, """
                    {"synced":true,"issues_count":3,"context":null,"stats":{"received":1,"inserted":0,"updated":1,"deleted":0},
                     "sync_protocol_version":1,"claim_rejected":true,"claim_rejected_reason":"bd-3 is being worked on by bob (Bob)"}""");
            assertThat(claimants("sync-claims", "bd-3")).containsExactly(List.of("bob"));
            assertThat(focus(carol)).containsExactly((String) null, null, null);

            // carol closes it: every claim on it goes, bob's focus is recomputed (none left)
            String closed = jsonl(issue("id", "bd-3", "title", "Leaf", "status", "closed"));
            assertThat(bdh().incrementalSync(carol, closed, List.of(), "close bd-3").status()).isEqualTo(200);
            assertThat(carolEvents.next()).contains("\"type\":\"bead.status_changed\"", "\"old_status\":\"in_progress\"",
                    "\"new_status\":\"closed\"", "\"alias\":\"carol\"");
            assertThat(bobEvents.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"sync-claims","bead_id":"bd-3","alias":"bob","title":"Leaf"}"""
                    .formatted(bob.workspaceId(), ZULU)));
            assertThat(claimants("sync-claims", "bd-3")).isEmpty();
            assertThat(focus(bob)).containsExactly((String) null, null, null);

            // a bead that is no bead issue is claimed without an apex; deleted_ids release its claims
            assertThat(bdh().incrementalSync(bob, null, List.of("zz-1"), "update zz-2 --status in_progress")
                    .json().get("claim_rejected").asBoolean()).isFalse();
            assertThat(claimants("sync-claims", "zz-2")).containsExactly(List.of("bob"));
            assertThat(bdh().incrementalSync(carol, null, List.of("zz-2"), "list").status()).isEqualTo(200);
            assertThat(claimants("sync-claims", "zz-2")).isEmpty();
        }
    }

    @Test
    void deletingAClaimedIssueReleasesItWithTheTitleReadBeforeTheDeletion() throws Exception {
        Worktree dan = bdh().init("sync-delete-claimed", "dan", "Dan", "git@github.com:delete-claimed/app.git", "developer");
        assertThat(bdh().fullSync(dan, jsonl(issue("id", "bd-1", "title", "Doomed", "status", "in_progress")),
                "update bd-1 --status in_progress").json().get("claim_rejected").asBoolean()).isFalse();
        try (WorkspaceChannel events = new WorkspaceChannel(hub, dan.workspaceId())) {
            assertBody(bdh().incrementalSync(dan, null, List.of("bd-1"), "delete bd-1"), 200, stats(0, 0, 0, 0, 1));
            assertThat(events.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.unclaimed","timestamp":"%s","project_slug":"sync-delete-claimed",
                     "bead_id":"bd-1","alias":"dan","title":"Doomed"}""".formatted(dan.workspaceId(), ZULU)));
        }
        assertThat(claimants("sync-delete-claimed", "bd-1")).isEmpty();
    }

    @Test
    void aBeadIdOfAnyLengthInTheCommandLineIsClaimedAndReleased() {
        Worktree eve = bdh().init("sync-long-id", "eve", "Eve", "git@github.com:long-id/app.git", "developer");
        String longId = "x".repeat(4000); // §6.1 checks nothing about the parsed id; command_line allows 8192
        assertThat(bdh().incrementalSync(eve, null, List.of("none"), "update " + longId + " --status in_progress")
                .json().get("claim_rejected").asBoolean()).isFalse();
        assertThat(claimants("sync-long-id", longId)).containsExactly(List.of("eve"));
        assertThat(bdh().incrementalSync(eve, null, List.of("none"), "close " + longId).status()).isEqualTo(200);
        assertThat(claimants("sync-long-id", longId)).isEmpty();
    }

    @Test
    void everySyncWritesAnAuditRow() {
        Worktree alice = bdh().init("sync-audit", "alice", "Alice", "git@github.com:audit/app.git", "developer");
        assertThat(bdh().fullSync(alice, jsonl(issue("id", "bd-1", "status", "open")), null).status()).isEqualTo(200);
        assertThat(bdh().incrementalSync(alice, null, List.of("bd-1"), null).status()).isEqualTo(200);
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT event_type, actor_id::text, details::text FROM hub.audit_log WHERE project_id = ? ORDER BY details->>'mode'",
                UUID.fromString(alice.projectId()))).containsExactly(
                List.of("bdh_sync", alice.workspaceId(), ("{\"mode\": \"full\", \"repo\": \"github.com/audit/app\", \"deleted\": 0, "
                        + "\"updated\": 0, \"inserted\": 1, \"received\": 1, \"project_id\": \"%s\", \"notifications_sent\": 0, "
                        + "\"notifications_failed\": 0}").formatted(alice.projectId())),
                List.of("bdh_sync", alice.workspaceId(), ("{\"mode\": \"incremental\", \"repo\": \"github.com/audit/app\", \"deleted\": 1, "
                        + "\"updated\": 0, \"inserted\": 0, \"received\": 0, \"project_id\": \"%s\", \"notifications_sent\": 0, "
                        + "\"notifications_failed\": 0}").formatted(alice.projectId())));
    }

    @Test
    void aFailingAuditWriteIsUndoneAloneAndTheSyncStillCommits() throws Exception {
        Worktree alice = bdh().init("sync-audit-fails", "alice", "Alice", "git@github.com:audit/fails.git", "developer");
        UUID project = UUID.fromString(alice.projectId());
        try (AutoCloseable failing = TestSql.failingAuditWrites(database.dataSource(), project)) {
            assertBody(bdh().fullSync(alice, jsonl(issue("id", "bd-1", "status", "open")), null), 200,
                    stats(1, 1, 1, 0, 0));
        }
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT bead_id, status FROM hub.bead_issues WHERE project_id = ?", project))
                .containsExactly(List.of("bd-1", "open"));
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.audit_log WHERE project_id = ?",
                project)).containsExactly(List.of("0"));
    }

    private List<String> focus(Worktree worktree) {
        return TestSql.rows(database.dataSource(),
                "SELECT focus_apex_bead_id, focus_apex_repo_name, focus_apex_branch FROM hub.workspaces WHERE workspace_id = ?",
                UUID.fromString(worktree.workspaceId())).getFirst();
    }

    private List<List<String>> claimants(String slug, String beadId) {
        return TestSql.rows(database.dataSource(), """
                SELECT c.alias FROM hub.claims c JOIN protocol.projects p ON p.project_id = c.project_id
                WHERE p.slug = ? AND c.bead_id = ? ORDER BY c.alias""", slug, beadId);
    }

    static String body(Map<String, Object> fields) {
        return V1Client.json(fields);
    }
}
