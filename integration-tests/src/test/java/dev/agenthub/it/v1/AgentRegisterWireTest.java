package dev.agenthub.it.v1;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agenthub.it.support.HttpProbe.Response;
import dev.agenthub.it.support.V1Client;
import dev.agenthub.it.support.V1HubTest;
import dev.agenthub.protocol.kernel.time.WireTime;
import dev.agenthub.protocol.presence.PresenceKind;
import dev.agenthub.protocol.presence.PresenceRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.agenthub.it.support.V1Client.assertBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/agents/register} (wire spec §4.3): the lenient body, the workspace access check of §3.2 in its
 * order, and the workspace presence record it writes (§10), whole bodies compared.
 */
class AgentRegisterWireTest extends V1HubTest {

    /** The clock is shared by the class's tests, which move it: the time of this test's writes. */
    private String now() {
        return WireTime.offset(WireTime.truncate(clock.instant()));
    }

    /** An init with a repo: the identity's agent id is its workspace id. */
    private record Worktree(String apiKey, String workspaceId, String alias, String projectId, String repoId) {
        Map<String, String> bearer() {
            return Map.of("Authorization", "Bearer " + apiKey);
        }
    }

    private Worktree init(String slug, String origin, String role) {
        Response response = client.post("/v1/init", V1Client.json(V1Client.ordered("project_slug", slug,
                "repo_origin", origin, "role", role, "human_name", "Ada")), Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        return new Worktree(body.get("api_key").asText(), body.get("workspace_id").asText(), body.get("alias").asText(),
                body.get("project_id").asText(), body.get("repo_id").asText());
    }

    private Optional<PresenceRecord> presence(String workspaceId) {
        return hub.presenceIndex().find(PresenceKind.WORKSPACE, UUID.fromString(workspaceId), clock.instant());
    }

    @Test
    void writesTheWorkspacePresenceAndAnswersTheRegistration() {
        Worktree me = init("reg-demo", "git@github.com:reg-demo/repo.git", "developer");
        Response response = client.post("/v1/agents/register", """
                {"workspace_id":"%s","alias":"ignored-alias","program":"claude-code","model":"opus","repo":"github.com/x/y",
                 "branch":"feature/a","project_slug":"not-used","repo_id":"bdh-sends-it","repo_origin":"git@x:y.git",
                 "canonical_origin":"x/y","hostname":"box","workspace_path":"/w"}""".formatted(me.workspaceId()),
                me.bearer());
        assertBody(response, 200, """
                {"agent":{"alias":"alice-developer","human_name":"Ada","project_slug":"reg-demo","program":"claude-code",
                          "model":"opus","member":null,"repo":"github.com/x/y","branch":"feature/a","role":"developer",
                          "registered_at":"%s"},
                 "workspace":{"workspace_id":"%s"}}""".formatted(now(), me.workspaceId()));

        PresenceRecord record = presence(me.workspaceId()).orElseThrow();
        assertThat(record.alias()).isEqualTo("alice-developer");
        assertThat(record.project().toString()).isEqualTo(me.projectId());
        assertThat(record.status()).isEqualTo("active");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("human_name", "Ada");
        expected.put("project_slug", "reg-demo");
        expected.put("repo_id", me.repoId());
        expected.put("member_email", "");
        expected.put("program", "claude-code");
        expected.put("model", "opus");
        expected.put("current_branch", "feature/a");
        expected.put("canonical_origin", "github.com/reg-demo/repo");
        expected.put("role", "developer");
        assertThat(record.attributes()).containsExactlyEntriesOf(expected);

        // the default TTL (1800 s)
        clock.advance(Duration.ofSeconds(1799));
        assertThat(presence(me.workspaceId())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(presence(me.workspaceId())).isEmpty();
    }

    @Test
    void theBodysNameAndRoleWinAndTtlSecondsIsHonoured() {
        Worktree me = init("reg-ttl", "git@github.com:reg-ttl/repo.git", "developer");
        assertBody(client.post("/v1/agents/register", """
                {"workspace_id":"%s","alias":"x","human_name":"Bea","role":"  Lead   Dev ","ttl_seconds":60}"""
                .formatted(me.workspaceId()), me.bearer()), 200, """
                {"agent":{"alias":"alice-developer","human_name":"Bea","project_slug":"reg-ttl","program":null,
                          "model":null,"member":null,"repo":null,"branch":null,"role":"lead dev","registered_at":"%s"},
                 "workspace":{"workspace_id":"%s"}}""".formatted(now(), me.workspaceId()));
        clock.advance(Duration.ofSeconds(60));
        assertThat(presence(me.workspaceId())).isEmpty();
    }

    @Test
    void validationComesBeforeAuthentication() {
        assertBody(client.post("/v1/agents/register", """
                {"alias":"-bad","role":"a b c","ttl_seconds":0}""", Map.of()), 422, """
                {"detail":[
                 {"type":"missing","loc":["body","workspace_id"],"msg":"Field required","input":{"alias":"-bad","role":"a b c","ttl_seconds":0}},
                 {"type":"value_error","loc":["body","alias"],"msg":"Value error, Invalid alias format","input":"-bad"},
                 {"type":"value_error","loc":["body","role"],"msg":"Value error, Invalid role: use 1-2 words (letters/numbers) with hyphens/underscores allowed; max 50 chars","input":"a b c"},
                 {"type":"greater_than_equal","loc":["body","ttl_seconds"],"msg":"Input should be greater than or equal to 1","input":0,"ctx":{"ge":1}}]}""");
        assertBody(client.post("/v1/agents/register", "{\"workspace_id\":\"x\",\"alias\":\"a\"}", Map.of()), 401,
                "{\"detail\":\"Authentication required\"}");
    }

    @Test
    void theWorkspaceAccessCheckInItsOrder() throws SQLException {
        Worktree me = init("reg-access", "git@github.com:reg-access/repo.git", "developer");
        Worktree peer = init("reg-access", "git@github.com:reg-access/repo.git", "reviewer");
        Worktree foreign = init("reg-access-other", "git@github.com:reg-access/other.git", "developer");
        String body = "{\"workspace_id\":\"%s\",\"alias\":\"a\"}";

        assertBody(client.post("/v1/agents/register", body.formatted("not-a-uuid"), me.bearer()), 422,
                "{\"detail\":\"Invalid workspace_id format\"}");
        assertBody(client.post("/v1/agents/register", body.formatted(UUID.randomUUID()), me.bearer()), 404,
                "{\"detail\":\"Workspace not found\"}");
        assertBody(client.post("/v1/agents/register", body.formatted(foreign.workspaceId()), me.bearer()), 403,
                "{\"detail\":\"Workspace not found or does not belong to your project\"}");
        assertBody(client.post("/v1/agents/register", body.formatted(peer.workspaceId()), me.bearer()), 403,
                "{\"detail\":\"workspace_id does not match API key identity\"}");
        assertThat(presence(peer.workspaceId())).isEmpty();

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "UPDATE hub.workspaces SET deleted_at = now() WHERE workspace_id = ?")) {
            delete.setObject(1, UUID.fromString(foreign.workspaceId()));
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        // deletion is checked before the project, as §3.2 orders it
        assertBody(client.post("/v1/agents/register", body.formatted(foreign.workspaceId()), me.bearer()), 410,
                "{\"detail\":\"Workspace was deleted\"}");
    }
}
