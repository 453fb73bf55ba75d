package dev.agenthub.it.bdh;

import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.TestSql;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.it.support.Worktrees;
import dev.agenthub.it.support.Worktrees.Worktree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static dev.agenthub.it.support.Worktrees.issue;
import static dev.agenthub.it.support.Worktrees.jsonl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input to the sync and the uploads (wire spec §4.5, §4.6, §5.3): the documented 400, 413 and 422, never a
 * 500, and nothing written: after every case the project holds no bead issue, no claim and no audit row, and
 * the workspace was not touched.
 */
class BeadsBadInputWireTest extends V1HubTest {

    private Worktree alice;
    private String lastSeen;

    @BeforeAll
    void worktree() {
        alice = new Worktrees(client).init("bad-input", "alice", "Alice", "git@github.com:bad/input.git", "developer");
        lastSeen = lastSeen();
    }

    @AfterEach
    void nothingWasWritten() {
        UUID project = UUID.fromString(alice.projectId());
        assertThat(TestSql.rows(database.dataSource(), """
                SELECT (SELECT count(*) FROM hub.bead_issues WHERE project_id = ?),
                       (SELECT count(*) FROM hub.claims WHERE project_id = ?),
                       (SELECT count(*) FROM hub.audit_log WHERE project_id = ?)""", project, project, project))
                .containsExactly(List.of("0", "0", "0"));
        assertThat(lastSeen()).isEqualTo(lastSeen);
    }

    private String lastSeen() {
        return String.valueOf(TestSql.rows(database.dataSource(), "SELECT last_seen_at FROM hub.workspaces WHERE workspace_id = ?",
                UUID.fromString(alice.workspaceId())).getFirst().getFirst());
    }

    private Response sync(Map<String, Object> extra) {
        Map<String, Object> body = Worktrees.identity(alice, null);
        body.putAll(extra);
        return client.post("/v1/bdh/sync", V1Client.json(body), alice.bearer());
    }

    private Response full(String jsonl) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sync_mode", "full");
        fields.put("issues_jsonl", jsonl);
        fields.put("command_line", "update bd-1 --status in_progress");
        return sync(fields);
    }

    private static String detail(Response response) {
        return response.json().get("detail").asText();
    }

    @Test
    void malformedJsonlLinesAreA400NamingTheLine() {
        Response broken = full(jsonl(issue("id", "bd-1"), "", "{\"id\": \"bd-2\",", issue("id", "bd-3")));
        assertThat(broken.status()).as(broken.body()).isEqualTo(400);
        assertThat(detail(broken)).startsWith("Invalid JSON on line 3: ");
        assertBody(full(jsonl(issue("id", "bd-1"), "[1, 2]")), 400, "{\"detail\":\"JSON on line 2 must be an object\"}");
        String deep = "{\"id\":\"bd-1\",\"a\":" + "[".repeat(10) + "]".repeat(10) + "}";
        assertBody(full(deep), 400, "{\"detail\":\"JSON nesting depth exceeds limit (10) on line 1\"}");
        String tooDeep = "{\"id\":\"bd-1\",\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertBody(full(tooDeep), 400, "{\"detail\":\"JSON nesting too deep on line 1: exceeds recursion limit\"}");
    }

    @Test
    void tenThousandAndOneRecordsAreA400() {
        StringBuilder payload = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            payload.append("{\"id\":\"bd-").append(i).append("\",\"status\":\"open\"}\n");
        }
        assertBody(full(payload.toString()), 400, "{\"detail\":\"Too many issues: exceeds limit of 10000\"}");
    }

    @Test
    void oversizeFieldsAreA422AndOversizeBodiesA413() {
        String big = "x".repeat(10 * 1024 * 1024 + 1);
        Response field = full(big);
        assertThat(field.status()).isEqualTo(422);
        assertThat(field.json().get("detail").get(0).get("type").asText()).isEqualTo("string_too_long");
        assertThat(field.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"issues_jsonl\"]");

        String huge = "x".repeat(17 * 1024 * 1024);
        Map<String, Object> hugeSync = Worktrees.identity(alice, null);
        hugeSync.put("issues_jsonl", huge);
        assertBody(client.http().sendExpectingContinue("POST", "/v1/bdh/sync", V1Client.json(hugeSync),
                withJson(alice.bearer())), 413, "{\"detail\":\"Request body too large\"}");
        assertBody(client.http().sendExpectingContinue("POST", "/v1/beads/upload-jsonl?repo=github.com/bad/input", huge,
                withText(alice.bearer())), 413, "{\"detail\":\"Request body too large\"}");
        assertBody(client.send("POST", "/v1/beads/upload-jsonl?repo=github.com/bad/input", "y".repeat(10 * 1024 * 1024 + 1),
                withText(alice.bearer())), 413, "{\"detail\":\"Request body too large\"}");
    }

    @Test
    void invalidOriginsModesAndMissingPayloadsAreA422() {
        Map<String, Object> badOrigin = new LinkedHashMap<>(Map.of("issues_jsonl", jsonl(issue("id", "bd-1"))));
        for (String origin : List.of("not a url", "https://github.com", "ftp://", "github.com/only")) {
            Map<String, Object> body = Worktrees.identity(alice, null);
            body.put("repo_origin", origin);
            body.putAll(badOrigin);
            assertBody(client.post("/v1/bdh/sync", V1Client.json(body), alice.bearer()), 422,
                    "{\"detail\":\"Invalid repo_origin\"}");
        }
        assertBody(sync(Map.of("sync_mode", "bogus", "issues_jsonl", "{}")), 422,
                "{\"detail\":\"sync_mode must be 'full' or 'incremental'\"}");
        assertBody(sync(Map.of("issues_jsonl", "  \n ")), 422, "{\"detail\":\"issues_jsonl is required for full sync\"}");
        assertBody(sync(Map.of("sync_mode", " Incremental ", "changed_issues", " ")), 422,
                "{\"detail\":\"incremental sync requires changes or deletions\"}");
        Response notAList = sync(Map.of("sync_mode", "incremental", "deleted_ids", "bd-1"));
        assertThat(notAList.status()).isEqualTo(422);
        assertThat(notAList.json().get("detail").get(0).get("type").asText()).isEqualTo("list_type");
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, 10_000).mapToObj(i -> "bd-" + i).toList();
        assertBody(sync(Map.of("sync_mode", "incremental", "deleted_ids", tooMany)), 400,
                "{\"detail\":\"Too many deleted_ids: exceeds limit of 10000\"}");
        Response notJson = client.post("/v1/bdh/sync", "{\"workspace_id\":", alice.bearer());
        assertThat(notJson.status()).isEqualTo(422);
    }

    @Test
    void uploadsRejectBadReposBranchesAndIssues() {
        assertBody(client.post("/v1/beads/upload", V1Client.json(V1Client.ordered("repo", "not canonical", "branch", "-x",
                        "issues", List.of(Map.of("id", "bd-1"), 3, "s"))), alice.bearer()), 422, """
                {"detail":[
                 {"type":"value_error","loc":["body","repo"],"msg":"Value error, Invalid repository: must be canonical origin format like github.com/org/repo","input":"not canonical"},
                 {"type":"value_error","loc":["body","branch"],"msg":"Value error, Invalid branch name: -x","input":"-x"},
                 {"type":"dict_type","loc":["body","issues",1],"msg":"Input should be a valid dictionary","input":3},
                 {"type":"dict_type","loc":["body","issues",2],"msg":"Input should be a valid dictionary","input":"s"}]}""");
        Response missing = client.post("/v1/beads/upload", "{\"repo\":\"github.com/bad/input\"}", alice.bearer());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("detail").get(0).get("type").asText()).isEqualTo("missing");

        assertBody(client.send("POST", "/v1/beads/upload-jsonl?repo=-nope", "{\"id\":\"bd-1\"}", withText(alice.bearer())),
                422, "{\"detail\":\"Invalid repo: -nope\"}");
        assertBody(client.send("POST", "/v1/beads/upload-jsonl?repo=github.com/bad/input&branch=..", "{\"id\":\"bd-1\"}",
                withText(alice.bearer())), 422, "{\"detail\":\"Invalid branch name: ..\"}");
        Response noRepo = client.send("POST", "/v1/beads/upload-jsonl", "{\"id\":\"bd-1\"}", withText(alice.bearer()));
        assertThat(noRepo.status()).isEqualTo(422);
        assertBody(client.send("POST", "/v1/beads/upload-jsonl?repo=github.com/bad/input", "{\"id\":\"bd-1\"}\n7",
                withText(alice.bearer())), 400, "{\"detail\":\"JSON on line 2 must be an object\"}");
    }

    @Test
    void cursorsOutsideWhatTheDatabaseStoresAreA422() {
        String farTime = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("sort_time", "+300000-01-01T00:00:00Z",
                "priority", 1, "bead_id", "bd-1")).encode();
        assertBody(client.get("/v1/beads/issues?cursor=" + farTime, alice.bearer()), 422,
                "{\"detail\":\"Invalid cursor: bad timestamp (+300000-01-01T00:00:00Z)\"}");
        String hugePriority = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("sort_time", "2026-01-01T00:00:00Z",
                "priority", 4294967297L, "bead_id", "bd-1")).encode();
        assertBody(client.get("/v1/beads/issues?cursor=" + hugePriority, alice.bearer()), 422,
                "{\"detail\":\"Invalid cursor: bad priority (4294967297)\"}");
        String farClaim = dev.agenthub.protocol.kernel.paging.CursorKey.of(Map.of("claimed_at", "+300000-01-01T00:00:00Z",
                "bead_id", "bd-1", "workspace_id", alice.workspaceId())).encode();
        assertBody(client.get("/v1/claims?cursor=" + farClaim, alice.bearer()), 422,
                "{\"detail\":\"Invalid cursor timestamp: +300000-01-01T00:00:00Z\"}");
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private static Map<String, String> withText(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "text/plain");
        return all;
    }
}
