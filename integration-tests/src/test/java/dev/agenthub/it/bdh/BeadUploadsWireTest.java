package dev.agenthub.it.bdh;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.WorkspaceChannel;
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
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/beads/upload} and {@code /upload-jsonl} (wire spec §4.6), whole bodies compared. */
class BeadUploadsWireTest extends V1HubTest {

    private static final String NOW_OFFSET = "2026-02-07T11:14:49.123456+00:00";

    @Test
    void uploadUpsertsReportsStaleConflictsAuditsAndPublishes() throws Exception {
        Worktree alice = new Worktrees(client).init("uploads", "alice", "Alice", "git@github.com:up/app.git", "developer");
        try (WorkspaceChannel events = new WorkspaceChannel(hub, alice.workspaceId())) {
            String first = V1Client.json(V1Client.ordered("repo", "github.com/up/lib", "branch", "release/1.x", "issues", List.of(
                    V1Client.ordered("id", "lib-1", "title", "One", "status", "open", "updated_at", "2026-01-05T00:00:00Z"),
                    V1Client.ordered("id", "lib-2", "title", "Two", "priority", 3),
                    V1Client.ordered("id", "bad id", "title", "skipped")), "surprise", "ignored"));
            assertBody(client.post("/v1/beads/upload", first, alice.bearer()), 200, """
                    {"status":"completed","repo":"github.com/up/lib","branch":"release/1.x","issues_synced":2,"issues_added":2,
                     "issues_updated":0,"conflicts":[],"conflicts_count":0,"notifications_sent":0,"notifications_failed":0,
                     "synced_at":"%s"}""".formatted(NOW_OFFSET));
            assertThat(events.next()).isEqualTo(canonical("""
                    {"workspace_id":"%s","type":"bead.status_changed","timestamp":"2026-02-07T11:14:49.123456Z","project_slug":"uploads",
                     "project_id":"","bead_id":"lib-1","repo":"github.com/up/lib","old_status":"","new_status":"open","title":"One","alias":"alice"}"""
                    .formatted(alice.workspaceId())));

            String jsonl = "{\"id\":\"lib-1\",\"title\":\"Old\",\"status\":\"closed\",\"updated_at\":\"2026-01-01T00:00:00Z\"}\n"
                    + "{\"id\":\"lib-2\",\"title\":\"Two v2\",\"status\":\"open\"}\n";
            assertBody(client.send("POST", "/v1/beads/upload-jsonl?repo=github.com/up/lib&branch=release/1.x", jsonl,
                    Map.of("Authorization", "Bearer " + alice.apiKey(), "Content-Type", "text/plain")), 200, """
                    {"status":"completed","repo":"github.com/up/lib","branch":"release/1.x","issues_synced":2,"issues_added":0,
                     "issues_updated":1,"conflicts":["lib-1"],"conflicts_count":1,"notifications_sent":0,"notifications_failed":0,
                     "synced_at":"%s"}""".formatted(NOW_OFFSET));
            assertThat(events.next()).contains("\"bead_id\":\"lib-2\"", "\"old_status\":\"\"",
                    "\"new_status\":\"open\"");
        }
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT bead_id, title, status, priority::text FROM hub.bead_issues
                WHERE project_id = ? AND repo = 'github.com/up/lib' AND branch = 'release/1.x' ORDER BY bead_id""",
                UUID.fromString(alice.projectId()))).as("the stale lib-1 kept, lib-2 overwritten with nulls included")
                .containsExactly(java.util.Arrays.asList("lib-1", "One", "open", null),
                        java.util.Arrays.asList("lib-2", "Two v2", "open", null));
        assertThat(TestSql.rows(database.dataSource(),
                "SELECT event_type, details->>'source', details->>'issues_synced', details->>'conflicts_count' FROM hub.audit_log WHERE project_id = ? ORDER BY details->>'source'",
                UUID.fromString(alice.projectId()))).containsExactly(List.of("beads_uploaded", "json", "2", "0"),
                List.of("beads_uploaded", "jsonl", "2", "1"));
    }

    @Test
    void aFailingAuditWriteIsUndoneAloneAndTheUploadStillCommits() throws Exception {
        Worktree alice = new Worktrees(client).init("uploads-audit-fails", "alice", "Alice", "git@github.com:up/fails.git",
                "developer");
        UUID project = UUID.fromString(alice.projectId());
        String upload = V1Client.json(V1Client.ordered("repo", "github.com/up/fails", "issues", List.of(
                V1Client.ordered("id", "up-1", "title", "One", "status", "open"))));
        try (AutoCloseable failing = TestSql.failingAuditWrites(database.dataSource(), project)) {
            Response answered = client.post("/v1/beads/upload", upload, alice.bearer());
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.json().get("issues_added").asInt()).isEqualTo(1);
        }
        assertThat(TestSql.rows(database.dataSource(), "SELECT bead_id FROM hub.bead_issues WHERE project_id = ?",
                project)).containsExactly(List.of("up-1"));
        assertThat(TestSql.rows(database.dataSource(), "SELECT count(*) FROM hub.audit_log WHERE project_id = ?",
                project)).containsExactly(List.of("0"));
    }
}
